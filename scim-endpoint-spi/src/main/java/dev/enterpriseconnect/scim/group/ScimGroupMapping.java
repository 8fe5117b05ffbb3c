package dev.enterpriseconnect.scim.group;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.enterpriseconnect.scim.endpoint.ScimRequestContext;
import dev.enterpriseconnect.scim.patch.PatchTargets;
import dev.enterpriseconnect.scim.protocol.JsonFields;
import dev.enterpriseconnect.scim.protocol.ScimException;
import dev.enterpriseconnect.scim.protocol.ScimJson;
import dev.enterpriseconnect.scim.protocol.ScimSchemas;
import dev.enterpriseconnect.scim.schema.ResourceSchema;
import dev.enterpriseconnect.scim.schema.ScimSchemaCatalog;

/** Translates between SCIM Group resources (JSON) and pushed Keycloak groups. */
final class ScimGroupMapping {

    private static final ResourceSchema SCHEMA = ScimSchemaCatalog.standard().group();

    /** The Group schema's attributes and the common ones: what a body may carry. */
    private static final Set<String> INPUT = inputNames();

    private ScimGroupMapping() {
    }

    /** A validated Group body. {@code memberIds} is null when the body has no {@code members}. */
    record IncomingGroup(String displayName, String externalId, Set<String> memberIds) {
    }

    /** What a PATCH path may name on a Group, as its schema says; Groups have no extension. */
    static final PatchTargets PATCH_TARGETS = PatchTargets.of(SCHEMA, List.of());

    private static Set<String> inputNames() {
        Set<String> names = new java.util.HashSet<>(Set.of("schemas", "id", "meta", "externalid"));
        SCHEMA.attributes().forEach(attribute -> names.add(attribute.name().toLowerCase(Locale.ROOT)));
        return Set.copyOf(names);
    }

    static IncomingGroup read(ObjectNode body) {
        JsonNode schemas = JsonFields.get(body, "schemas");
        if (schemas == null || !schemas.isArray() || !contains(schemas, ScimSchemas.GROUP)) {
            throw ScimException.invalidSyntax("'schemas' must list " + ScimSchemas.GROUP);
        }
        for (Iterator<String> names = body.fieldNames(); names.hasNext();) {
            String name = names.next();
            if (!INPUT.contains(name.toLowerCase(Locale.ROOT))) {
                throw ScimException.invalidSyntax("Unknown attribute '" + name + "': not in the Group schema");
            }
        }
        JsonNode displayName = JsonFields.get(body, "displayName");
        if (displayName == null || !displayName.isTextual() || displayName.asText().isBlank()) {
            throw ScimException.invalidValue("'displayName' is required and must be a non-empty string");
        }
        JsonNode externalId = JsonFields.get(body, "externalId");
        if (externalId != null && !externalId.isNull() && !externalId.isTextual()) {
            throw ScimException.invalidValue("'externalId' must be a string");
        }
        JsonNode members = JsonFields.get(body, "members");
        return new IncomingGroup(displayName.asText().trim(),
                externalId == null || externalId.isNull() ? null : externalId.asText(),
                members == null || members.isNull() ? null : memberIds(members));
    }

    /** The user ids of a {@code members} value: an array of {@code {"value": id}} (or one such object). */
    static Set<String> memberIds(JsonNode members) {
        Set<String> ids = new LinkedHashSet<>();
        if (members == null || members.isNull()) {
            return ids;
        }
        for (JsonNode member : members.isArray() ? members : List.of(members)) {
            JsonNode value = JsonFields.get(member, "value");
            if (!member.isObject() || value == null || !value.isTextual()) {
                throw ScimException.invalidSyntax("Each member must be an object with a string 'value'");
            }
            JsonNode type = JsonFields.get(member, "type");
            if (type != null && "group".equalsIgnoreCase(type.asText())) {
                throw ScimException.invalidValue("Groups cannot be members of groups here; members must be users");
            }
            ids.add(value.asText());
        }
        return ids;
    }

    /** @param members null to leave {@code members} out (not asked for, or not loaded) */
    static ObjectNode write(GroupRecord group, List<GroupMember> members, ScimRequestContext context) {
        ObjectNode resource = ScimJson.object();
        resource.putArray("schemas").add(ScimSchemas.GROUP);
        resource.put("id", group.id());
        if (group.externalId() != null) {
            resource.put("externalId", group.externalId());
        }
        resource.put("displayName", group.displayName());
        if (members != null) {
            ArrayNode array = resource.putArray("members");
            for (GroupMember member : members) {
                ObjectNode node = array.addObject();
                node.put("value", member.id());
                node.put("display", member.userName());
                node.put("type", "User");
                node.put("$ref", context.location("Users", member.id()).toString());
            }
        }
        ObjectNode meta = resource.putObject("meta");
        meta.put("resourceType", "Group");
        Long created = group.createdTimestamp();
        Long modified = group.lastModifiedTimestamp() != null ? group.lastModifiedTimestamp() : created;
        if (created != null) {
            meta.put("created", Instant.ofEpochMilli(created).toString());
        }
        if (modified != null) {
            meta.put("lastModified", Instant.ofEpochMilli(modified).toString());
        }
        meta.put("location", context.location("Groups", group.id()).toString());
        meta.put("version", version(group));
        return resource;
    }

    /**
     * Derived from what changes on every write (name, externalId, last modification), not from the
     * member list, so that the version of a 50,000-member group costs nothing to compute.
     */
    static String version(GroupRecord group) {
        String basis = group.id() + "|" + group.displayName() + "|" + group.externalId() + "|"
                + group.lastModifiedTimestamp();
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(basis.getBytes(StandardCharsets.UTF_8));
            return "W/\"" + java.util.HexFormat.of().formatHex(digest, 0, 12) + "\"";
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    private static boolean contains(JsonNode array, String text) {
        for (JsonNode node : array) {
            if (text.equals(node.asText())) {
                return true;
            }
        }
        return false;
    }
}
