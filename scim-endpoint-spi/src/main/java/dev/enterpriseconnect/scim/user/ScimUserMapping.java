package dev.enterpriseconnect.scim.user;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.keycloak.models.UserModel;

import dev.enterpriseconnect.scim.discovery.ScimSchemaCatalog;
import dev.enterpriseconnect.scim.endpoint.ScimRequestContext;
import dev.enterpriseconnect.scim.patch.PatchTargets;
import dev.enterpriseconnect.scim.group.UserGroupMemberships;
import dev.enterpriseconnect.scim.protocol.JsonFields;
import dev.enterpriseconnect.scim.protocol.ScimException;
import dev.enterpriseconnect.scim.protocol.ScimJson;
import dev.enterpriseconnect.scim.protocol.ScimSchemas;
import dev.enterpriseconnect.scim.user.ScimUserAttributes.Mapped;

/** Translates between SCIM User resources (JSON) and what Keycloak stores. */
final class ScimUserMapping {

    /** Core attributes a client may send. The ignored ones are accepted so that Okta and Entra bodies pass. */
    private static final Set<String> CORE_INPUT = Set.of("schemas", "id", "meta", "externalid", "username", "name",
            "displayname", "nickname", "profileurl", "title", "usertype", "preferredlanguage", "locale", "timezone",
            "active", "emails", "phonenumbers", "addresses", "password", "ims", "photos", "groups", "entitlements",
            "roles", "role", "x509certificates");

    private ScimUserMapping() {
    }

    /** A validated SCIM User body, reduced to what Keycloak stores. */
    record IncomingUser(String userName, String givenName, String familyName, String email, boolean active,
            Map<String, List<String>> attributes, List<String> rolesSent) {

        /**
         * Every attribute the user profile should hold afterwards. SCIM attributes the body lacks
         * map to empty lists, so a PUT clears them; Keycloak attributes SCIM does not own are absent
         * from the map and stay as they are.
         */
        Map<String, List<String>> profileAttributes() {
            Map<String, List<String>> profile = new LinkedHashMap<>(attributes);
            profile.put(UserModel.USERNAME, List.of(userName));
            profile.put(UserModel.EMAIL, email == null ? List.of() : List.of(email));
            profile.put(UserModel.FIRST_NAME, givenName == null ? List.of() : List.of(givenName));
            profile.put(UserModel.LAST_NAME, familyName == null ? List.of() : List.of(familyName));
            return profile;
        }
    }

    /**
     * What a PATCH path may name on a User: the core attributes this mapping reads, the enterprise
     * and invitation extensions' attributes as {@code /Schemas} publishes them, and any attribute of
     * the connector's custom extensions.
     */
    static PatchTargets patchTargets(List<String> extensions) {
        PatchTargets targets = PatchTargets.of(CORE_INPUT)
                .withExtension(ScimSchemas.ENTERPRISE_USER, schemaAttributes(ScimSchemas.ENTERPRISE_USER))
                .withExtension(ScimSchemas.INVITATION_USER, schemaAttributes(ScimSchemas.INVITATION_USER));
        for (String urn : extensions) {
            targets = targets.withOpenExtension(urn);
        }
        return targets;
    }

    private static List<String> schemaAttributes(String urn) {
        List<String> names = new ArrayList<>();
        ScimSchemaCatalog.standard().byId(urn).ifPresent(schema -> schema.get("attributes")
                .forEach(attribute -> names.add(attribute.get("name").asText())));
        return names;
    }

    /** @param extensions the custom extension URNs the connector accepts */
    static IncomingUser read(ObjectNode body, List<String> extensions) {
        JsonNode schemas = field(body, "schemas");
        if (schemas == null || !schemas.isArray() || !containsText(schemas, ScimSchemas.USER)) {
            throw ScimException.invalidSyntax("'schemas' must list " + ScimSchemas.USER);
        }
        for (Iterator<String> names = body.fieldNames(); names.hasNext();) {
            String name = names.next();
            // The invitation extension is read-only: a client echoing it back is ignored.
            if (!CORE_INPUT.contains(name.toLowerCase(Locale.ROOT)) && !name.equalsIgnoreCase(ScimSchemas.ENTERPRISE_USER)
                    && !name.equalsIgnoreCase(ScimSchemas.INVITATION_USER)
                    && extensions.stream().noneMatch(name::equalsIgnoreCase)) {
                throw ScimException.invalidSyntax("Unknown attribute '" + name + "': not in the User schema or a"
                        + " schema extension of this server");
            }
        }
        JsonNode userName = field(body, "userName");
        if (userName == null || !userName.isTextual() || userName.asText().isBlank()) {
            throw ScimException.invalidValue("'userName' is required and must be a non-empty string");
        }
        JsonNode name = objectField(body, "name");
        Map<String, List<String>> attributes = new LinkedHashMap<>();
        for (Mapped mapped : ScimUserAttributes.SIMPLE) {
            String value = readSimple(body, mapped);
            attributes.put(mapped.keycloakName(), value == null ? List.of() : List.of(value));
        }
        Emails emails = readEmails(field(body, "emails"));
        attributes.put(ScimUserAttributes.OTHER_EMAILS.keycloakName(), emails.others());
        attributes.put(ScimUserAttributes.PHONE_NUMBERS.keycloakName(), readElements(body, "phoneNumbers"));
        attributes.put(ScimUserAttributes.ADDRESSES.keycloakName(), readElements(body, "addresses"));
        attributes.put(ScimUserAttributes.EXTENSIONS.keycloakName(), readExtensions(body, extensions));
        // Mapped roles are the server's decision: left as they are unless the role mapping decides anew.
        return new IncomingUser(userName.asText().trim(), optionalText(name, "givenName", "name.givenName"),
                optionalText(name, "familyName", "name.familyName"), emails.primary(), readActive(field(body, "active")),
                attributes, roleValues(field(body, "roles")));
    }

    /** @param groups the user's pushed groups, shown as the read-only {@code groups} */
    static ObjectNode write(ScimUserRecord user, List<UserGroupMemberships.Membership> groups,
            ScimRequestContext context) {
        ObjectNode resource = ScimJson.object();
        ArrayNode schemas = resource.putArray("schemas").add(ScimSchemas.USER);
        resource.put("id", user.id());
        putIfPresent(resource, "externalId", user.first(ScimUserAttributes.EXTERNAL_ID.keycloakName()));
        resource.put("userName", user.userName());
        ObjectNode name = ScimJson.object();
        putIfPresent(name, "givenName", user.firstName());
        putIfPresent(name, "familyName", user.lastName());
        ObjectNode enterprise = ScimJson.object();
        for (Mapped mapped : ScimUserAttributes.SIMPLE) {
            String value = user.first(mapped.keycloakName());
            if (value == null || mapped == ScimUserAttributes.EXTERNAL_ID) {
                continue;
            }
            if (mapped.enterprise()) {
                if (mapped == ScimUserAttributes.MANAGER) {
                    enterprise.putObject("manager").put("value", value);
                } else {
                    enterprise.put(mapped.scimPath(), value);
                }
            } else if (mapped.scimPath().startsWith("name.")) {
                name.put(mapped.scimPath().substring(5), value);
            } else {
                resource.put(mapped.scimPath(), value);
            }
        }
        if (!name.isEmpty()) {
            resource.set("name", name);
        }
        ArrayNode emails = ScimJson.object().arrayNode();
        if (user.email() != null) {
            ObjectNode primary = emails.addObject();
            primary.put("value", user.email());
            primary.put("type", "work");
            primary.put("primary", true);
        }
        user.all(ScimUserAttributes.OTHER_EMAILS.keycloakName()).forEach(e -> emails.add(ScimJson.parseStored(e)));
        if (!emails.isEmpty()) {
            resource.set("emails", emails);
        }
        writeElements(resource, "phoneNumbers", user.all(ScimUserAttributes.PHONE_NUMBERS.keycloakName()));
        List<String> mappedRoles = user.all(ScimUserAttributes.MAPPED_ROLES.keycloakName());
        if (!mappedRoles.isEmpty()) {
            ArrayNode roles = resource.putArray("roles");
            for (int i = 0; i < mappedRoles.size(); i++) {
                roles.addObject().put("value", mappedRoles.get(i)).put("primary", i == 0);
            }
        }
        writeElements(resource, "addresses", user.all(ScimUserAttributes.ADDRESSES.keycloakName()));
        resource.put("active", user.enabled());
        if (!groups.isEmpty()) {
            ArrayNode array = resource.putArray("groups");
            for (UserGroupMemberships.Membership group : groups) {
                ObjectNode node = array.addObject();
                node.put("value", group.groupId());
                node.put("display", group.displayName());
                node.put("type", "direct");
                node.put("$ref", context.location("Groups", group.groupId()).toString());
            }
        }
        if (!enterprise.isEmpty()) {
            schemas.add(ScimSchemas.ENTERPRISE_USER);
            resource.set(ScimSchemas.ENTERPRISE_USER, enterprise);
        }
        ObjectNode invitation = InvitationView.of(user);
        if (invitation != null) {
            schemas.add(ScimSchemas.INVITATION_USER);
            resource.set(ScimSchemas.INVITATION_USER, invitation);
        }
        for (String stored : user.all(ScimUserAttributes.EXTENSIONS.keycloakName())) {
            JsonNode extension = ScimJson.parseStored(stored);
            schemas.add(extension.path("schema").asText());
            resource.set(extension.path("schema").asText(), extension.path("value"));
        }
        ObjectNode meta = resource.putObject("meta");
        meta.put("resourceType", "User");
        Long created = user.createdTimestamp();
        Long modified = user.lastModifiedTimestamp() != null ? user.lastModifiedTimestamp() : created;
        if (created != null) {
            meta.put("created", Instant.ofEpochMilli(created).toString());
        }
        if (modified != null) {
            meta.put("lastModified", Instant.ofEpochMilli(modified).toString());
        }
        meta.put("location", context.location("Users", user.id()).toString());
        meta.put("version", version(resource));
        return resource;
    }

    /** A weak ETag over everything the client can see, so any change of any attribute changes it. */
    static String version(ObjectNode resource) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(ScimJson.write(resource).getBytes(StandardCharsets.UTF_8));
            return "W/\"" + HexFormat.of().formatHex(digest, 0, 12) + "\"";
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    private record Emails(String primary, List<String> others) {
    }

    private static Emails readEmails(JsonNode emails) {
        if (emails == null || emails.isNull()) {
            return new Emails(null, List.of());
        }
        if (!emails.isArray()) {
            throw ScimException.invalidSyntax("'emails' must be an array");
        }
        JsonNode chosen = null;
        for (JsonNode email : emails) {
            if (!email.isObject() || field(email, "value") == null || !field(email, "value").isTextual()) {
                throw ScimException.invalidSyntax("Each of 'emails' must be an object with a string 'value'");
            }
            JsonNode primary = field(email, "primary");
            if (chosen == null || (primary != null && (primary.asBoolean(false) || "true".equalsIgnoreCase(primary.asText())))) {
                chosen = email;
            }
        }
        List<String> others = new ArrayList<>();
        for (JsonNode email : emails) {
            if (email != chosen) {
                ObjectNode copy = ((ObjectNode) email).deepCopy();
                copy.remove("primary");
                others.add(ScimJson.write(copy));
            }
        }
        return new Emails(chosen == null ? null : field(chosen, "value").asText().trim(), others);
    }

    /** Custom extension objects are kept whole, under the URN spelling the connector declared. */
    private static List<String> readExtensions(ObjectNode body, List<String> extensions) {
        List<String> stored = new ArrayList<>();
        for (String urn : extensions) {
            JsonNode value = field(body, urn);
            if (value == null || value.isNull()) {
                continue;
            }
            if (!value.isObject()) {
                throw ScimException.invalidSyntax("'" + urn + "' must be an object");
            }
            if (!value.isEmpty()) {
                ObjectNode extension = ScimJson.object();
                extension.put("schema", urn);
                extension.set("value", value);
                stored.add(ScimJson.write(extension));
            }
        }
        return stored;
    }

    /** The values of a multi-valued {@code roles} ({@code [{"value": "..."}]} or plain strings). */
    private static List<String> roleValues(JsonNode roles) {
        List<String> values = new ArrayList<>();
        if (roles == null || roles.isNull()) {
            return values;
        }
        if (!roles.isArray()) {
            throw ScimException.invalidSyntax("'roles' must be an array");
        }
        for (JsonNode role : roles) {
            JsonNode value = role.isObject() ? field(role, "value") : role;
            if (value != null && value.isValueNode() && !value.asText().isBlank()) {
                values.add(value.asText());
            }
        }
        return values;
    }

    private static List<String> readElements(ObjectNode body, String attribute) {
        JsonNode elements = field(body, attribute);
        if (elements == null || elements.isNull()) {
            return List.of();
        }
        if (!elements.isArray()) {
            throw ScimException.invalidSyntax("'" + attribute + "' must be an array");
        }
        List<String> stored = new ArrayList<>();
        for (JsonNode element : elements) {
            if (!element.isObject()) {
                throw ScimException.invalidSyntax("Each of '" + attribute + "' must be an object");
            }
            stored.add(ScimJson.write(element));
        }
        return stored;
    }

    private static void writeElements(ObjectNode resource, String attribute, List<String> stored) {
        if (!stored.isEmpty()) {
            ArrayNode array = resource.putArray(attribute);
            stored.forEach(s -> array.add(ScimJson.parseStored(s)));
        }
    }

    private static String readSimple(ObjectNode body, Mapped mapped) {
        JsonNode container = mapped.enterprise() ? objectField(body, ScimSchemas.ENTERPRISE_USER) : body;
        String[] path = mapped.scimPath().split("\\.");
        JsonNode node = container;
        for (int i = 0; i < path.length && node != null; i++) {
            JsonNode next = field(node, path[i]);
            // Entra sends the manager as a bare id string instead of {"value": id}.
            if (mapped == ScimUserAttributes.MANAGER && i == 0 && next != null && next.isTextual()) {
                return next.asText().isBlank() ? null : next.asText();
            }
            node = next;
        }
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isValueNode() || node.isBinary()) {
            String where = mapped.enterprise() ? mapped.schema() + ":" + mapped.scimPath() : mapped.scimPath();
            throw ScimException.invalidValue("'" + where + "' must be a string");
        }
        return node.asText();
    }

    private static boolean readActive(JsonNode active) {
        if (active == null || active.isNull()) {
            return true;
        }
        if (active.isBoolean()) {
            return active.booleanValue();
        }
        // Entra sends booleans as the strings "True"/"False".
        if (active.isTextual() && ("true".equalsIgnoreCase(active.asText()) || "false".equalsIgnoreCase(active.asText()))) {
            return Boolean.parseBoolean(active.asText().toLowerCase(Locale.ROOT));
        }
        throw ScimException.invalidValue("'active' must be a boolean");
    }

    private static JsonNode objectField(JsonNode parent, String name) {
        JsonNode value = field(parent, name);
        if (value == null || value.isNull()) {
            return ScimJson.object();
        }
        if (!value.isObject()) {
            throw ScimException.invalidSyntax("'" + name + "' must be an object");
        }
        return value;
    }

    /** SCIM attribute names are case-insensitive (RFC 7643 §2.1). */
    static JsonNode field(JsonNode parent, String name) {
        return JsonFields.get(parent, name);
    }

    private static String optionalText(JsonNode parent, String name, String path) {
        JsonNode value = field(parent, name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw ScimException.invalidValue("'" + path + "' must be a string");
        }
        return value.asText();
    }

    private static boolean containsText(JsonNode array, String text) {
        for (JsonNode node : array) {
            if (text.equals(node.asText())) {
                return true;
            }
        }
        return false;
    }

    private static void putIfPresent(ObjectNode node, String field, String value) {
        if (value != null) {
            node.put(field, value);
        }
    }
}
