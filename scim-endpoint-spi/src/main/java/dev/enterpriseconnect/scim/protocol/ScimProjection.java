package dev.enterpriseconnect.scim.protocol;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * {@code attributes} and {@code excludedAttributes} (RFC 7644 §3.4.2.5) applied to a resource's
 * JSON. {@code id} and {@code schemas} are always returned.
 */
public final class ScimProjection {

    private static final ScimProjection ALL = new ScimProjection(List.of(), List.of());

    private final List<String[]> included;
    private final List<String[]> excluded;

    private ScimProjection(List<String[]> included, List<String[]> excluded) {
        this.included = included;
        this.excluded = excluded;
    }

    public static ScimProjection of(String attributes, String excludedAttributes) {
        if (isBlank(attributes) && isBlank(excludedAttributes)) {
            return ALL;
        }
        return new ScimProjection(paths(attributes), paths(excludedAttributes));
    }

    /** Whether an attribute (e.g. {@code members}) is wanted at all, so callers can skip loading it. */
    public boolean wants(String attribute) {
        String lower = attribute.toLowerCase(Locale.ROOT);
        if (excluded.stream().anyMatch(p -> p.length == 1 && p[0].equals(lower))) {
            return false;
        }
        return included.isEmpty() || included.stream().anyMatch(p -> p[0].equals(lower));
    }

    public ObjectNode apply(ObjectNode resource) {
        if (this == ALL) {
            return resource;
        }
        if (!included.isEmpty()) {
            keepOnly(resource, included);
        }
        for (String[] path : excluded) {
            remove(resource, path);
        }
        return resource;
    }

    private static void keepOnly(ObjectNode resource, List<String[]> paths) {
        for (Iterator<Map.Entry<String, JsonNode>> fields = resource.fields(); fields.hasNext();) {
            Map.Entry<String, JsonNode> field = fields.next();
            String key = field.getKey().toLowerCase(Locale.ROOT);
            if (key.equals("id") || key.equals("schemas")) {
                continue;
            }
            List<String[]> below = new ArrayList<>();
            boolean whole = false;
            for (String[] path : paths) {
                if (path[0].equals(key)) {
                    if (path.length == 1) {
                        whole = true;
                    } else {
                        below.add(new String[] {path[1]});
                    }
                }
            }
            if (whole) {
                continue;
            }
            if (below.isEmpty()) {
                fields.remove();
            } else if (field.getValue().isObject()) {
                keepOnly((ObjectNode) field.getValue(), below);
            } else if (field.getValue().isArray()) {
                field.getValue().forEach(e -> {
                    if (e.isObject()) {
                        keepOnly((ObjectNode) e, below);
                    }
                });
            }
        }
    }

    private static void remove(ObjectNode resource, String[] path) {
        for (Iterator<Map.Entry<String, JsonNode>> fields = resource.fields(); fields.hasNext();) {
            Map.Entry<String, JsonNode> field = fields.next();
            String key = field.getKey().toLowerCase(Locale.ROOT);
            if (!key.equals(path[0]) || key.equals("id") || key.equals("schemas")) {
                continue;
            }
            if (path.length == 1) {
                fields.remove();
            } else if (field.getValue().isObject()) {
                remove((ObjectNode) field.getValue(), new String[] {path[1]});
            } else if (field.getValue().isArray()) {
                field.getValue().forEach(e -> {
                    if (e.isObject()) {
                        remove((ObjectNode) e, new String[] {path[1]});
                    }
                });
            }
        }
    }

    /** {@code name.givenName} → [name, givenname]; a URN prefix selects the extension object. */
    private static List<String[]> paths(String list) {
        List<String[]> paths = new ArrayList<>();
        if (isBlank(list)) {
            return paths;
        }
        for (String raw : list.split(",")) {
            String path = raw.trim().toLowerCase(Locale.ROOT);
            if (path.isEmpty()) {
                continue;
            }
            if (path.startsWith("urn:") && !path.equals(ScimSchemas.ENTERPRISE_USER.toLowerCase(Locale.ROOT))) {
                int colon = path.lastIndexOf(':');
                String schema = path.substring(0, colon);
                String attribute = path.substring(colon + 1);
                if (!schema.equals(ScimSchemas.USER.toLowerCase(Locale.ROOT))
                        && !schema.equals(ScimSchemas.GROUP.toLowerCase(Locale.ROOT))) {
                    // An attribute inside an extension object, e.g. the enterprise department.
                    paths.add(new String[] {schema, attribute});
                    continue;
                }
                path = attribute;
            } else if (path.startsWith("urn:")) {
                paths.add(new String[] {path});
                continue;
            }
            String[] parts = path.split("\\.", 2);
            paths.add(parts);
        }
        return paths;
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
