package dev.enterpriseconnect.scim.user;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

import dev.enterpriseconnect.scim.protocol.JsonFields;

/**
 * The attributes a connector requires on every user it writes (a vendor's "requires userName,
 * name.givenName, name.familyName and emails"), checked on the resource a write would store.
 * Paths are {@code attribute}, {@code attribute.subAttribute}, or either behind a schema URN.
 */
public final class RequiredAttributes {

    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_-]*");

    private RequiredAttributes() {
    }

    /** Whether {@code path} is a path this check understands. */
    public static boolean isPath(String path) {
        String attribute = attributePart(path);
        String[] parts = attribute.split("\\.", -1);
        if (parts.length > 2) {
            return false;
        }
        for (String part : parts) {
            if (!NAME.matcher(part).matches()) {
                return false;
            }
        }
        return true;
    }

    /** The first required path the resource lacks (absent, null, empty string or empty list). */
    public static Optional<String> firstMissing(JsonNode resource, List<String> paths) {
        for (String path : paths) {
            if (!present(resource, path)) {
                return Optional.of(path);
            }
        }
        return Optional.empty();
    }

    private static boolean present(JsonNode resource, String path) {
        JsonNode container = resource;
        int colon = path.lastIndexOf(':');
        if (colon > 0) {
            container = JsonFields.get(resource, path.substring(0, colon));
        }
        String[] parts = attributePart(path).split("\\.");
        JsonNode value = JsonFields.get(container, parts[0]);
        if (parts.length == 1) {
            return hasValue(value);
        }
        if (value != null && value.isArray()) {
            for (JsonNode element : value) {
                if (hasValue(JsonFields.get(element, parts[1]))) {
                    return true;
                }
            }
            return false;
        }
        return hasValue(JsonFields.get(value, parts[1]));
    }

    private static boolean hasValue(JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return false;
        }
        if (value.isTextual()) {
            return !value.asText().isBlank();
        }
        if (value.isContainerNode()) {
            return !value.isEmpty();
        }
        return true;
    }

    private static String attributePart(String path) {
        int colon = path.lastIndexOf(':');
        return colon < 0 ? path : path.substring(colon + 1);
    }
}
