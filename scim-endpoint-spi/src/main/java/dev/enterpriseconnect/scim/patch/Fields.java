package dev.enterpriseconnect.scim.patch;

import java.util.Iterator;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.enterpriseconnect.scim.protocol.JsonFields;

/** Writes that keep the resource's spelling of a key that already exists in another case. */
final class Fields {

    private Fields() {
    }

    /** Sets {@code name} to a copy of {@code value}; a JSON null unassigns it (RFC 7643 §2.5). */
    static void set(ObjectNode object, String name, JsonNode value) {
        String key = JsonFields.key(object, name);
        if (value.isNull()) {
            if (key != null) {
                object.remove(key);
            }
            return;
        }
        object.set(key != null ? key : name, value.deepCopy());
    }

    static void remove(ObjectNode object, String name) {
        String key = JsonFields.key(object, name);
        if (key != null) {
            object.remove(key);
        }
    }

    /** The sub-attributes of {@code value} replace those of {@code target}; others stay. */
    static void merge(ObjectNode target, ObjectNode value) {
        for (Iterator<Map.Entry<String, JsonNode>> fields = value.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            set(target, field.getKey(), field.getValue());
        }
    }
}
