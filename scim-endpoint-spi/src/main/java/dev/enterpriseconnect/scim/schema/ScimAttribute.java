package dev.enterpriseconnect.scim.schema;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One attribute definition with its RFC 7643 §2.2 characteristics. The mapping, PATCH path
 * resolution, filter validation, projection and {@code /Schemas} all read these, so what is
 * published and what is kept come from the same place.
 */
public record ScimAttribute(String name, String type, boolean multiValued, String description, boolean required,
        boolean caseExact, String mutability, String returned, String uniqueness, List<String> canonicalValues,
        List<String> referenceTypes, List<ScimAttribute> subAttributes) {

    public static final String READ_ONLY = "readOnly";
    public static final String READ_WRITE = "readWrite";
    public static final String IMMUTABLE = "immutable";
    public static final String WRITE_ONLY = "writeOnly";

    public ScimAttribute {
        canonicalValues = List.copyOf(canonicalValues);
        referenceTypes = List.copyOf(referenceTypes);
        subAttributes = List.copyOf(subAttributes);
    }

    public boolean is(String other) {
        return name.equalsIgnoreCase(other);
    }

    public boolean complex() {
        return "complex".equals(type);
    }

    /** A client may set it: readWrite, immutable (on create) or writeOnly. */
    public boolean writable() {
        return !READ_ONLY.equals(mutability);
    }

    public boolean readOnly() {
        return READ_ONLY.equals(mutability);
    }

    /** Never in an answer, whatever {@code attributes} asks (RFC 7643 §2.2 returned "never"). */
    public boolean neverReturned() {
        return "never".equals(returned);
    }

    /** In every answer, whatever {@code attributes}/{@code excludedAttributes} ask. */
    public boolean alwaysReturned() {
        return "always".equals(returned);
    }

    public Optional<ScimAttribute> sub(String subName) {
        return subAttributes.stream().filter(s -> s.is(subName)).findFirst();
    }

    public ScimAttribute withUniqueness(String value) {
        return new ScimAttribute(name, type, multiValued, description, required, caseExact, mutability, returned, value,
                canonicalValues, referenceTypes, subAttributes);
    }

    public ScimAttribute withMutability(String value, String why) {
        return new ScimAttribute(name, type, multiValued, why == null ? description : description + " " + why, required,
                caseExact, value, returned, uniqueness, canonicalValues, referenceTypes, subAttributes);
    }

    /** The same attribute with sub-attribute {@code subName} replaced by {@code change}'s result. */
    public ScimAttribute withSub(String subName, java.util.function.UnaryOperator<ScimAttribute> change) {
        List<ScimAttribute> subs = subAttributes.stream().map(s -> s.is(subName) ? change.apply(s) : s).toList();
        return new ScimAttribute(name, type, multiValued, description, required, caseExact, mutability, returned,
                uniqueness, canonicalValues, referenceTypes, subs);
    }

    static ScimAttribute fromJson(JsonNode node) {
        String name = text(node, "name", null);
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("SCIM attribute without a name: " + node);
        }
        List<ScimAttribute> subs = new ArrayList<>();
        node.path("subAttributes").forEach(sub -> subs.add(fromJson(sub)));
        return new ScimAttribute(name, text(node, "type", "string").toLowerCase(Locale.ROOT).equals("datetime")
                ? "dateTime" : text(node, "type", "string"),
                node.path("multiValued").asBoolean(false), text(node, "description", ""),
                node.path("required").asBoolean(false), node.path("caseExact").asBoolean(false),
                text(node, "mutability", READ_WRITE), text(node, "returned", "default"),
                text(node, "uniqueness", "none"), strings(node.path("canonicalValues")),
                strings(node.path("referenceTypes")), subs);
    }

    ObjectNode toJson() {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("name", name);
        node.put("type", type);
        node.put("multiValued", multiValued);
        node.put("description", description);
        node.put("required", required);
        if (!complex()) {
            node.put("caseExact", caseExact);
        }
        if (!canonicalValues.isEmpty()) {
            ArrayNode values = node.putArray("canonicalValues");
            canonicalValues.forEach(values::add);
        }
        if (!referenceTypes.isEmpty()) {
            ArrayNode values = node.putArray("referenceTypes");
            referenceTypes.forEach(values::add);
        }
        node.put("mutability", mutability);
        node.put("returned", returned);
        node.put("uniqueness", uniqueness);
        if (!subAttributes.isEmpty()) {
            ArrayNode subs = node.putArray("subAttributes");
            subAttributes.forEach(s -> subs.add(s.toJson()));
        }
        return node;
    }

    private static String text(JsonNode node, String field, String fallback) {
        JsonNode value = node.get(field);
        return value == null || !value.isTextual() ? fallback : value.asText();
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }
}
