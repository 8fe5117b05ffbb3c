package dev.enterpriseconnect.scim.patch;

import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import dev.enterpriseconnect.scim.filter.AttributePath;
import dev.enterpriseconnect.scim.protocol.ScimSchemas;

/**
 * What identity providers send that the RFC does not quite allow, accepted on purpose and only
 * for the attributes where it happens. Values are otherwise never coerced.
 */
final class ClientQuirks {

    private ClientQuirks() {
    }

    /**
     * Some client libraries always send a PATCH value as an array ({@code "value": [false]}), also for
     * a single-valued attribute: one element is taken as the value, more stay an error.
     */
    static JsonNode singleValue(JsonNode value) {
        return value.isArray() && value.size() == 1 && !value.get(0).isArray() ? value.get(0) : value;
    }

    /**
     * Entra ID sends {@code "value": "False"} for {@code active}: its PATCH serializer writes
     * booleans as strings. Any case of "true"/"false" becomes a JSON boolean.
     */
    static JsonNode activeValue(JsonNode value) {
        if (value.isTextual()) {
            String text = value.asText().trim().toLowerCase(Locale.ROOT);
            if (text.equals("true") || text.equals("false")) {
                return JsonNodeFactory.instance.booleanNode(text.equals("true"));
            }
        }
        return value;
    }

    /**
     * Entra ID sets the enterprise {@code manager} with the manager's id as a bare string, though
     * the attribute is complex ({@code {"value": id, "displayName": ...}}).
     */
    static boolean isManagerById(AttributePath attribute, JsonNode value) {
        return value != null && value.isTextual()
                && ScimSchemas.ENTERPRISE_USER.equalsIgnoreCase(attribute.schema())
                && attribute.is("manager");
    }

    /** A new manager is a different person: the old {@code displayName} must not survive a merge. */
    static JsonNode managerValue(JsonNode id) {
        return JsonNodeFactory.instance.objectNode().put("value", id.asText());
    }
}
