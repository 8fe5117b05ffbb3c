package dev.enterpriseconnect.scim.patch;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.enterpriseconnect.scim.filter.AttributePath;
import dev.enterpriseconnect.scim.filter.JsonFilterEvaluator;
import dev.enterpriseconnect.scim.filter.PathExpression;
import dev.enterpriseconnect.scim.filter.ScimFilter;
import dev.enterpriseconnect.scim.filter.ScimFilterException;
import dev.enterpriseconnect.scim.filter.ScimFilterParser;
import dev.enterpriseconnect.scim.patch.PatchOperation.Kind;
import dev.enterpriseconnect.scim.protocol.JsonFields;
import dev.enterpriseconnect.scim.protocol.ScimSchemas;

/**
 * Performs add, replace and remove on one resource, in place. Core attributes live at the top
 * level; an extension's attributes live in the object keyed by the extension's schema URN.
 */
final class ResourceEditor {

    private final ObjectNode resource;
    private final PatchTargets targets;

    ResourceEditor(ObjectNode resource, PatchTargets targets) {
        this.resource = resource;
        this.targets = targets;
    }

    void apply(PatchOperation operation) {
        if (operation.path() != null) {
            PathExpression path = parse(operation.path());
            requireKnown(operation.path(), path.attribute());
            applyAt(operation.kind(), operation.path(), path, operation.value());
            return;
        }
        if (operation.kind() == Kind.REMOVE) {
            throw ScimPatchException.noTarget("A remove operation needs a \"path\"");
        }
        JsonNode value = operation.value();
        if (value == null || !value.isObject()) {
            throw ScimPatchException.invalidValue("An " + name(operation.kind())
                    + " without a \"path\" needs an object of attributes as its \"value\"");
        }
        applyAttributes(operation.kind(), null, (ObjectNode) value);
    }

    /**
     * Each member of a path-less value is a target of its own. Its key may itself be a path:
     * Entra sends {@code "name.givenName"} and URN-qualified names there.
     */
    private void applyAttributes(Kind kind, String schema, ObjectNode attributes) {
        for (Iterator<Map.Entry<String, JsonNode>> fields = attributes.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            String key = field.getKey();
            if (schema == null && isSchemaUrn(key)) {
                if (!field.getValue().isObject()) {
                    throw ScimPatchException.invalidValue("The value of \"" + key + "\" must be an object of attributes");
                }
                applyAttributes(kind, key, (ObjectNode) field.getValue());
                continue;
            }
            PathExpression path = parse(key);
            if (schema != null && path.attribute().schema() == null) {
                AttributePath a = path.attribute();
                path = new PathExpression(new AttributePath(schema, a.attribute(), a.subAttribute()),
                        path.valueFilter(), path.subAttribute());
            }
            applyAt(kind, key, path, field.getValue());
        }
    }

    private void applyAt(Kind kind, String pathText, PathExpression path, JsonNode value) {
        AttributePath attribute = path.attribute();
        if (kind != Kind.REMOVE && value == null) {
            throw ScimPatchException.invalidValue("The " + name(kind) + " of '" + pathText + "' needs a \"value\"");
        }
        boolean core = isCore(attribute.schema());
        // Read-only as the schema says (RFC 7643 §3.1; groups §4.1.2: changed through the Group).
        if (targets.readOnly(core ? null : attribute.schema(), attribute.attribute())) {
            requireUnchanged(kind, path, value);
            return;
        }
        boolean whole = path.valueFilter() == null && attribute.subAttribute() == null;
        if (whole && kind != Kind.REMOVE && targets.singleValued(core ? null : attribute.schema(), attribute.attribute())) {
            value = ClientQuirks.singleValue(value);
        }
        if (core && whole && kind != Kind.REMOVE && attribute.is("active")) {
            value = ClientQuirks.activeValue(value);
        }
        if (whole && kind != Kind.REMOVE && ClientQuirks.isManagerById(attribute, value)) {
            kind = Kind.REPLACE;
            value = ClientQuirks.managerValue(value);
        }
        boolean removing = kind == Kind.REMOVE || value.isNull();
        ObjectNode container = container(attribute.schema(), !removing);
        if (container == null) {
            return;
        }
        String name = attribute.attribute();
        if (path.valueFilter() != null) {
            filtered(kind, removing, container, pathText, path, value);
        } else if (attribute.subAttribute() != null) {
            subAttribute(removing, container, name, attribute.subAttribute(), value);
        } else if (removing) {
            remove(container, name, kind == Kind.REMOVE ? value : null);
        } else if (kind == Kind.ADD) {
            add(container, name, value);
        } else {
            replace(container, name, value);
        }
    }

    /** Adding to a multi-valued attribute appends; to a complex one merges; otherwise it sets. */
    private static void add(ObjectNode container, String name, JsonNode value) {
        String key = JsonFields.key(container, name);
        JsonNode existing = key == null ? null : container.get(key);
        boolean unassigned = existing == null || existing.isNull();
        if ((existing != null && existing.isArray()) || (unassigned && value.isArray())) {
            ArrayNode array = existing != null && existing.isArray()
                    ? (ArrayNode) existing : JsonNodeFactory.instance.arrayNode();
            List<JsonNode> changed = new ArrayList<>();
            for (JsonNode element : elements(value)) {
                changed.add(MultiValued.appendUnique(array, element));
            }
            if (!array.isEmpty()) {
                container.set(key != null ? key : name, array);
                MultiValued.keepOnePrimary(array, changed);
            }
            return;
        }
        if (value.isArray()) {
            throw ScimPatchException.invalidValue("Attribute '" + name + "' is single-valued; its value cannot be an array");
        }
        if (existing != null && existing.isObject() && value.isObject()) {
            Fields.merge((ObjectNode) existing, (ObjectNode) value);
            return;
        }
        Fields.set(container, name, value);
    }

    /** Replacing sets the whole attribute: all values of a multi-valued one, all sub-attributes of a complex one. */
    private static void replace(ObjectNode container, String name, JsonNode value) {
        JsonNode existing = JsonFields.get(container, name);
        if (existing != null && existing.isArray() && !value.isArray()) {
            value = JsonNodeFactory.instance.arrayNode().add(value);
        }
        Fields.set(container, name, value);
        JsonNode written = JsonFields.get(container, name);
        if (written.isArray()) {
            MultiValued.keepOnePrimary((ArrayNode) written, elements(written));
        }
    }

    /**
     * Removes the attribute; with a value (Entra's {@code members} removal), only those elements.
     * An absent attribute is no error: the client wants it gone, and it is.
     */
    private static void remove(ObjectNode container, String name, JsonNode value) {
        String key = JsonFields.key(container, name);
        if (key == null) {
            return;
        }
        JsonNode existing = container.get(key);
        if (value != null && !value.isNull() && existing.isArray()) {
            List<JsonNode> unwanted = elements(value);
            for (Iterator<JsonNode> it = existing.elements(); it.hasNext(); ) {
                JsonNode element = it.next();
                if (unwanted.stream().anyMatch(u -> MultiValued.sameElement(element, u))) {
                    it.remove();
                }
            }
            if (!existing.isEmpty()) {
                return;
            }
        }
        container.remove(key);
    }

    /** {@code name.givenName}; on a multi-valued attribute it applies to every element. */
    private static void subAttribute(boolean removing, ObjectNode container, String name, String sub, JsonNode value) {
        String key = JsonFields.key(container, name);
        JsonNode existing = key == null ? null : container.get(key);
        if (removing) {
            if (existing != null && existing.isObject()) {
                Fields.remove((ObjectNode) existing, sub);
                if (existing.isEmpty()) {
                    container.remove(key);
                }
            } else if (existing != null && existing.isArray()) {
                for (JsonNode element : existing) {
                    if (element.isObject()) {
                        Fields.remove((ObjectNode) element, sub);
                    }
                }
            }
            return;
        }
        if (existing != null && existing.isArray()) {
            ArrayNode array = (ArrayNode) existing;
            if (array.isEmpty()) {
                array.addObject();
            }
            for (JsonNode element : array) {
                if (element.isObject()) {
                    Fields.set((ObjectNode) element, sub, value);
                }
            }
            return;
        }
        if (existing != null && existing.isObject()) {
            Fields.set((ObjectNode) existing, sub, value);
            return;
        }
        ObjectNode created = JsonNodeFactory.instance.objectNode();
        created.set(sub, value.deepCopy());
        container.set(key != null ? key : name, created);
    }

    /**
     * {@code emails[type eq "work"]} and {@code emails[type eq "work"].value}. When nothing
     * matches, add and replace create the element the filter describes, as Entra expects
     * (RFC 7644 would answer noTarget); remove does nothing.
     */
    private static void filtered(Kind kind, boolean removing, ObjectNode container, String pathText,
            PathExpression path, JsonNode value) {
        String name = path.attribute().attribute();
        ScimFilter filter = path.valueFilter();
        String sub = path.subAttribute();
        String key = JsonFields.key(container, name);
        JsonNode existing = key == null ? null : container.get(key);
        if (existing != null && !existing.isNull() && !existing.isArray()) {
            throw ScimPatchException.invalidPath("Attribute '" + name + "' is not multi-valued; '" + pathText
                    + "' cannot select its values");
        }
        ArrayNode array = existing != null && existing.isArray() ? (ArrayNode) existing : null;
        List<JsonNode> matched = new ArrayList<>();
        if (array != null) {
            for (JsonNode element : array) {
                if (element.isObject() && JsonFilterEvaluator.matches(filter, element)) {
                    matched.add(element);
                }
            }
        }
        if (removing) {
            if (array != null) {
                removeMatched(container, key, array, matched, sub);
            }
            return;
        }
        if (sub == null && !value.isObject()) {
            throw ScimPatchException.invalidValue("The value for '" + pathText + "' must be an object");
        }
        if (matched.isEmpty()) {
            ObjectNode created = MultiValued.elementFrom(filter);
            if (created == null) {
                throw ScimPatchException.noTarget("No value of '" + name + "' matches '" + pathText + "'");
            }
            if (array == null) {
                array = container.putArray(key != null ? key : name);
            }
            array.add(created);
            matched.add(created);
            kind = Kind.ADD;
        }
        for (JsonNode element : matched) {
            ObjectNode target = (ObjectNode) element;
            if (sub != null) {
                Fields.set(target, sub, value);
            } else {
                if (kind == Kind.REPLACE) {
                    target.removeAll();
                }
                Fields.merge(target, (ObjectNode) value);
            }
        }
        MultiValued.keepOnePrimary(array, matched);
    }

    private static void removeMatched(ObjectNode container, String key, ArrayNode array, List<JsonNode> matched,
            String sub) {
        for (int i = array.size() - 1; i >= 0; i--) {
            JsonNode element = array.get(i);
            if (matched.stream().noneMatch(m -> m == element)) {
                continue;
            }
            if (sub == null) {
                array.remove(i);
            } else {
                Fields.remove((ObjectNode) element, sub);
            }
        }
        if (array.isEmpty()) {
            container.remove(key);
        }
    }

    /**
     * A {@code path} must name an attribute of the resource type (RFC 7644 §3.5.2: {@code invalidPath}),
     * for a {@code remove} too: removing what cannot exist is a client error, not a success.
     * Removing a known attribute that has no value stays a success.
     */
    private void requireKnown(String pathText, AttributePath attribute) {
        String schema = attribute.schema();
        if (!targets.has(isCore(schema) ? null : schema, attribute.attribute())) {
            throw ScimPatchException.invalidPath("'" + pathText + "' names no attribute of this resource type");
        }
    }

    /** Resending the current value of a read-only attribute (Okta does, with {@code id}) is harmless. */
    private void requireUnchanged(Kind kind, PathExpression path, JsonNode value) {
        AttributePath attribute = path.attribute();
        ObjectNode holder = container(attribute.schema(), false);
        if (kind != Kind.REMOVE && path.valueFilter() == null && attribute.subAttribute() == null && holder != null
                && value.equals(JsonFields.get(holder, attribute.attribute()))) {
            return;
        }
        throw ScimPatchException.mutability("Attribute '" + attribute.attribute() + "' is read-only");
    }

    /** The object holding {@code schema}'s attributes, created (and listed in {@code schemas}) when asked to. */
    private ObjectNode container(String schema, boolean create) {
        if (isCore(schema)) {
            return resource;
        }
        String key = JsonFields.key(resource, schema);
        JsonNode extension = key == null ? null : resource.get(key);
        if (extension != null && extension.isObject()) {
            return (ObjectNode) extension;
        }
        if (!create) {
            return null;
        }
        if (extension != null && !extension.isNull()) {
            throw ScimPatchException.invalidValue("\"" + key + "\" is not an object of extension attributes");
        }
        ObjectNode created = resource.putObject(key != null ? key : schema);
        JsonNode schemas = JsonFields.get(resource, "schemas");
        if (schemas != null && schemas.isArray() && !containsIgnoreCase(schemas, schema)) {
            ((ArrayNode) schemas).add(schema);
        }
        return created;
    }

    private boolean isCore(String schema) {
        if (schema == null || schema.equalsIgnoreCase(ScimSchemas.USER) || schema.equalsIgnoreCase(ScimSchemas.GROUP)) {
            return true;
        }
        JsonNode schemas = JsonFields.get(resource, "schemas");
        return schemas != null && schemas.isArray() && !schemas.isEmpty()
                && schemas.get(0).asText().equalsIgnoreCase(schema);
    }

    /** A key naming a whole schema, e.g. the enterprise extension object in a path-less value. */
    private boolean isSchemaUrn(String key) {
        if (!key.regionMatches(true, 0, "urn:", 0, 4)) {
            return false;
        }
        if (key.equalsIgnoreCase(ScimSchemas.USER) || key.equalsIgnoreCase(ScimSchemas.GROUP)
                || key.equalsIgnoreCase(ScimSchemas.ENTERPRISE_USER)) {
            return true;
        }
        JsonNode schemas = JsonFields.get(resource, "schemas");
        return (schemas != null && containsIgnoreCase(schemas, key)) || JsonFields.get(resource, key) != null;
    }

    private static boolean containsIgnoreCase(JsonNode array, String text) {
        for (JsonNode item : array) {
            if (item.asText().equalsIgnoreCase(text)) {
                return true;
            }
        }
        return false;
    }

    private static List<JsonNode> elements(JsonNode value) {
        List<JsonNode> list = new ArrayList<>();
        if (value.isArray()) {
            value.forEach(list::add);
        } else {
            list.add(value);
        }
        return list;
    }

    private static PathExpression parse(String path) {
        try {
            return ScimFilterParser.parsePath(path);
        } catch (ScimFilterException e) {
            throw ScimPatchException.invalidPath(e.getMessage());
        }
    }

    private static String name(Kind kind) {
        return kind.name().toLowerCase(Locale.ROOT);
    }
}
