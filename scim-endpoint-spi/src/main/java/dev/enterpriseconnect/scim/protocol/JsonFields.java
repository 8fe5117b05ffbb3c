package dev.enterpriseconnect.scim.protocol;

import java.util.Iterator;

import com.fasterxml.jackson.databind.JsonNode;

/** Field access by SCIM attribute name, which is case-insensitive (RFC 7643 §2.1). */
public final class JsonFields {

    private JsonFields() {
    }

    /** The key of {@code object} spelled as {@code name} in any case, or {@code null}. */
    public static String key(JsonNode object, String name) {
        if (object == null || !object.isObject()) {
            return null;
        }
        if (object.has(name)) {
            return name;
        }
        for (Iterator<String> keys = object.fieldNames(); keys.hasNext(); ) {
            String key = keys.next();
            if (key.equalsIgnoreCase(name)) {
                return key;
            }
        }
        return null;
    }

    /** The value of field {@code name} in any case, or {@code null} when absent (a JSON null stays a node). */
    public static JsonNode get(JsonNode object, String name) {
        String key = key(object, name);
        return key == null ? null : object.get(key);
    }
}
