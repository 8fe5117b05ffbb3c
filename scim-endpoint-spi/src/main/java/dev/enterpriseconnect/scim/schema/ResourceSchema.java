package dev.enterpriseconnect.scim.schema;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One schema (core User, enterprise User, Group, an extension) as data: its id and attribute
 * definitions. {@code open} marks a connector's custom extension, whose attributes are whatever the
 * IdP sends and are kept as sent.
 */
public record ResourceSchema(String id, String name, String description, List<ScimAttribute> attributes,
        boolean open) {

    public ResourceSchema {
        attributes = List.copyOf(attributes);
    }

    public Optional<ScimAttribute> attribute(String attributeName) {
        return attributes.stream().filter(a -> a.is(attributeName)).findFirst();
    }

    public boolean has(String attributeName) {
        return open || attribute(attributeName).isPresent();
    }

    /** The same schema with attribute {@code attributeName} replaced by {@code change}'s result. */
    public ResourceSchema withAttribute(String attributeName, UnaryOperator<ScimAttribute> change) {
        return new ResourceSchema(id, name, description,
                attributes.stream().map(a -> a.is(attributeName) ? change.apply(a) : a).toList(), open);
    }

    public static ResourceSchema open(String urn, String description) {
        return new ResourceSchema(urn, urn.substring(urn.lastIndexOf(':') + 1), description, List.of(), true);
    }

    public static ResourceSchema fromJson(JsonNode node) {
        JsonNode id = node == null ? null : node.get("id");
        if (id == null || !id.isTextual() || id.asText().isBlank()) {
            throw new IllegalArgumentException("SCIM schema document has no id");
        }
        JsonNode attributes = node.get("attributes");
        if (attributes == null || !attributes.isArray()) {
            throw new IllegalArgumentException("SCIM schema " + id.asText() + " has no attributes array");
        }
        List<ScimAttribute> parsed = new ArrayList<>();
        attributes.forEach(a -> parsed.add(ScimAttribute.fromJson(a)));
        return new ResourceSchema(id.asText(), node.path("name").asText(id.asText()),
                node.path("description").asText(""), parsed, false);
    }

    /** The RFC 7643 §7 representation, without {@code schemas}/{@code meta} (added by {@code /Schemas}). */
    public ObjectNode toJson() {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("id", id);
        node.put("name", name);
        node.put("description", description);
        ArrayNode array = node.putArray("attributes");
        attributes.forEach(a -> array.add(a.toJson()));
        return node;
    }
}
