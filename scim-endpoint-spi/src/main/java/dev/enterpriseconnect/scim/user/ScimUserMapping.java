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

import dev.enterpriseconnect.scim.schema.ResourceSchema;
import dev.enterpriseconnect.scim.schema.ScimSchemaCatalog;
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

    /** RFC 7643 §3.1 attributes of every resource; the rest of a body must be in the User schema or an extension. */
    private static final Set<String> COMMON = Set.of("schemas", "id", "meta", "externalid");

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
            // Keycloak's key is lower-cased; the form as sent is the SCIM attribute below.
            profile.put(UserModel.USERNAME, List.of(userName.toLowerCase(Locale.ROOT)));
            profile.put(UserModel.EMAIL, email == null ? List.of() : List.of(email));
            profile.put(UserModel.FIRST_NAME, givenName == null ? List.of() : List.of(givenName));
            profile.put(UserModel.LAST_NAME, familyName == null ? List.of() : List.of(familyName));
            return profile;
        }
    }

    /** What a PATCH path may name on a User, and what is read-only there: as the connector's schemas say. */
    static PatchTargets patchTargets(ScimSchemaCatalog schemas) {
        return PatchTargets.of(schemas.user(), schemas.userExtensions());
    }

    /** @param schemas the connector's schemas: what a body may carry */
    static IncomingUser read(ObjectNode body, ScimSchemaCatalog schemas) {
        JsonNode listed = field(body, "schemas");
        if (listed == null || !listed.isArray() || !containsText(listed, ScimSchemas.USER)) {
            throw ScimException.invalidSyntax("'schemas' must list " + ScimSchemas.USER);
        }
        for (Iterator<String> names = body.fieldNames(); names.hasNext();) {
            String name = names.next();
            // Read-only attributes and extensions a client echoes back are ignored (RFC 7643 §2.2).
            if (!COMMON.contains(name.toLowerCase(Locale.ROOT)) && !schemas.user().has(name)
                    && schemas.userExtensions().stream().noneMatch(extension -> extension.id().equalsIgnoreCase(name))) {
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
        attributes.put(ScimUserAttributes.PRIMARY_EMAIL.keycloakName(),
                emails.primaryRest() == null ? List.of() : List.of(emails.primaryRest()));
        for (Mapped elements : ScimUserAttributes.ELEMENTS) {
            attributes.put(elements.keycloakName(), readElements(body, elements.scimPath()));
        }
        attributes.put(ScimUserAttributes.EXTENSIONS.keycloakName(), readExtensions(body, schemas.userExtensions()
                .stream().filter(ResourceSchema::open).map(ResourceSchema::id).toList()));
        String sentUserName = userName.asText().trim();
        // Keycloak's key is lower-cased; the form as sent is kept only where it differs (one row less per create).
        attributes.put(ScimUserAttributes.USER_NAME.keycloakName(),
                sentUserName.equals(sentUserName.toLowerCase(Locale.ROOT)) ? List.of() : List.of(sentUserName));
        // Mapped roles are the server's decision: left as they are unless the role mapping decides anew.
        return new IncomingUser(sentUserName, optionalText(name, "givenName", "name.givenName"),
                optionalText(name, "familyName", "name.familyName"), emails.primary(), readActive(field(body, "active")),
                attributes, roleValues(field(body, "roles")));
    }

    /** @param groups the user's pushed groups, shown as the read-only {@code groups} */
    static ObjectNode write(ScimUserRecord user, List<UserGroupMemberships.Membership> groups,
            ScimRequestContext context) {
        return write(user, groups, context.location("Users", user.id()).toString(),
                id -> context.location("Groups", id).toString());
    }

    /** userName as the IdP sent it, unless the account was renamed since (e.g. in the admin console). */
    static String userName(ScimUserRecord user) {
        String sent = user.first(ScimUserAttributes.USER_NAME.keycloakName());
        return sent != null && sent.equalsIgnoreCase(user.userName()) ? sent : user.userName();
    }

    private static ObjectNode write(ScimUserRecord user, List<UserGroupMemberships.Membership> groups, String location,
            java.util.function.Function<String, String> groupLocation) {
        ObjectNode resource = ScimJson.object();
        ArrayNode schemas = resource.putArray("schemas").add(ScimSchemas.USER);
        resource.put("id", user.id());
        putIfPresent(resource, "externalId", user.first(ScimUserAttributes.EXTERNAL_ID.keycloakName()));
        resource.put("userName", userName(user));
        ObjectNode name = ScimJson.object();
        putIfPresent(name, "givenName", user.firstName());
        putIfPresent(name, "familyName", user.lastName());
        ObjectNode enterprise = ScimJson.object();
        for (Mapped mapped : ScimUserAttributes.SIMPLE) {
            String value = user.first(mapped.keycloakName());
            if (value == null || mapped == ScimUserAttributes.EXTERNAL_ID) {
                continue;
            }
            ObjectNode container = mapped.enterprise() ? enterprise : resource;
            String[] path = mapped.scimPath().split("\\.", 2);
            if (path.length == 1) {
                container.put(path[0], value);
            } else if (path[0].equals("name")) {
                name.put(path[1], value);
            } else {
                container.with(path[0]).put(path[1], value);
            }
        }
        if (!name.isEmpty()) {
            resource.set("name", name);
        }
        ArrayNode emails = ScimJson.object().arrayNode();
        if (user.email() != null) {
            ObjectNode primary = emails.addObject();
            primary.put("value", user.email());
            String rest = user.first(ScimUserAttributes.PRIMARY_EMAIL.keycloakName());
            if (rest == null) {
                // Set outside SCIM (admin console, a login), or sent as exactly this: the account's one address.
                primary.put("type", "work");
                primary.put("primary", true);
            } else if (ScimJson.parseStored(rest) instanceof ObjectNode sent) {
                primary.setAll(sent);
            }
        }
        user.all(ScimUserAttributes.OTHER_EMAILS.keycloakName()).forEach(e -> emails.add(ScimJson.parseStored(e)));
        if (!emails.isEmpty()) {
            resource.set("emails", emails);
        }
        for (Mapped elements : ScimUserAttributes.ELEMENTS) {
            writeElements(resource, elements.scimPath(), user.all(elements.keycloakName()));
        }
        resource.put("active", user.enabled());
        if (!groups.isEmpty()) {
            ArrayNode array = resource.putArray("groups");
            for (UserGroupMemberships.Membership group : groups) {
                ObjectNode node = array.addObject();
                node.put("value", group.groupId());
                node.put("display", group.displayName());
                node.put("type", "direct");
                node.put("$ref", groupLocation.apply(group.groupId()));
            }
        }
        if (!enterprise.isEmpty()) {
            schemas.add(ScimSchemas.ENTERPRISE_USER);
            resource.set(ScimSchemas.ENTERPRISE_USER, enterprise);
        }
        String mappedRole = user.first(ScimUserAttributes.MAPPED_ROLES.keycloakName());
        if (mappedRole != null) {
            schemas.add(ScimSchemas.ACCESS_USER);
            resource.putObject(ScimSchemas.ACCESS_USER).put("role", mappedRole);
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
        meta.put("location", location);
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

    /** @param primaryRest the chosen email's other sub-attributes as sent (JSON), null without emails */
    private record Emails(String primary, String primaryRest, List<String> others) {
    }

    private static Emails readEmails(JsonNode emails) {
        if (emails == null || emails.isNull()) {
            return new Emails(null, null, List.of());
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
        if (chosen == null) {
            return new Emails(null, null, others);
        }
        ObjectNode rest = ((ObjectNode) chosen).deepCopy();
        rest.remove(JsonFields.key(rest, "value"));
        // What Okta and Entra send is what an unstored primary email shows: no row needed for it.
        return new Emails(field(chosen, "value").asText().trim(), isShownWithoutDetails(rest) ? null : ScimJson.write(rest),
                others);
    }

    /** {@code {"type":"work","primary":true}}: how {@link #write} shows a primary email with no stored details. */
    private static boolean isShownWithoutDetails(ObjectNode rest) {
        return rest.size() == 2 && rest.path("type").isTextual() && rest.path("type").asText().equals("work")
                && rest.path("primary").isBoolean() && rest.path("primary").asBoolean();
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
        boolean roles = attribute.equals("roles");
        JsonNode elements = field(body, attribute);
        if (elements == null || elements.isNull()) {
            return List.of();
        }
        if (!elements.isArray()) {
            throw ScimException.invalidSyntax("'" + attribute + "' must be an array");
        }
        List<String> stored = new ArrayList<>();
        for (JsonNode element : elements) {
            if (roles && element.isValueNode() && !element.isNull()) {
                // Some IdPs send roles as plain strings.
                element = ScimJson.object().put("value", element.asText());
            }
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
