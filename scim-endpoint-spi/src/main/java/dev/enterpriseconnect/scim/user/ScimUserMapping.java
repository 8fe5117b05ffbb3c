package dev.enterpriseconnect.scim.user;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.keycloak.models.UserModel;

import dev.enterpriseconnect.scim.endpoint.ScimRequestContext;
import dev.enterpriseconnect.scim.protocol.ScimException;
import dev.enterpriseconnect.scim.protocol.ScimJson;
import dev.enterpriseconnect.scim.protocol.ScimSchemas;

/** Translates between SCIM User resources and Keycloak users. */
final class ScimUserMapping {

    private ScimUserMapping() {
    }

    /** A validated SCIM User body, reduced to what Keycloak stores. */
    record IncomingUser(String userName, String givenName, String familyName, String email, boolean active) {

        Map<String, List<String>> profileAttributes() {
            Map<String, List<String>> attributes = new HashMap<>();
            attributes.put(UserModel.USERNAME, List.of(userName));
            if (email != null) {
                attributes.put(UserModel.EMAIL, List.of(email));
            }
            if (givenName != null) {
                attributes.put(UserModel.FIRST_NAME, List.of(givenName));
            }
            if (familyName != null) {
                attributes.put(UserModel.LAST_NAME, List.of(familyName));
            }
            return attributes;
        }
    }

    static IncomingUser read(ObjectNode body) {
        JsonNode schemas = body.get("schemas");
        if (schemas == null || !schemas.isArray() || !containsText(schemas, ScimSchemas.USER)) {
            throw ScimException.invalidSyntax("'schemas' must list " + ScimSchemas.USER);
        }
        JsonNode userName = body.get("userName");
        if (userName == null || !userName.isTextual() || userName.asText().isBlank()) {
            throw ScimException.invalidValue("'userName' is required and must be a non-empty string");
        }
        JsonNode name = body.path("name");
        return new IncomingUser(
                userName.asText().trim(),
                optionalText(name, "givenName", "name.givenName"),
                optionalText(name, "familyName", "name.familyName"),
                primaryEmail(body.get("emails")),
                readActive(body.get("active")));
    }

    static ObjectNode write(UserModel user, ScimRequestContext context) {
        ObjectNode resource = ScimJson.object();
        resource.putArray("schemas").add(ScimSchemas.USER);
        resource.put("id", user.getId());
        resource.put("userName", user.getUsername());
        if (user.getFirstName() != null || user.getLastName() != null) {
            ObjectNode name = resource.putObject("name");
            putIfPresent(name, "givenName", user.getFirstName());
            putIfPresent(name, "familyName", user.getLastName());
        }
        if (user.getEmail() != null) {
            ObjectNode email = resource.putArray("emails").addObject();
            email.put("value", user.getEmail());
            email.put("type", "work");
            email.put("primary", true);
        }
        resource.put("active", user.isEnabled());
        ObjectNode meta = resource.putObject("meta");
        meta.put("resourceType", "User");
        if (user.getCreatedTimestamp() != null) {
            meta.put("created", Instant.ofEpochMilli(user.getCreatedTimestamp()).toString());
        }
        meta.put("location", context.location("Users", user.getId()).toString());
        return resource;
    }

    private static String primaryEmail(JsonNode emails) {
        if (emails == null || emails.isNull()) {
            return null;
        }
        if (!emails.isArray()) {
            throw ScimException.invalidSyntax("'emails' must be an array");
        }
        JsonNode chosen = null;
        for (JsonNode email : emails) {
            if (!email.isObject() || !email.path("value").isTextual()) {
                throw ScimException.invalidSyntax("Each of 'emails' must be an object with a string 'value'");
            }
            if (chosen == null || email.path("primary").asBoolean(false)) {
                chosen = email;
            }
        }
        return chosen == null ? null : chosen.get("value").asText().trim();
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
            return Boolean.parseBoolean(active.asText().toLowerCase());
        }
        throw ScimException.invalidValue("'active' must be a boolean");
    }

    private static String optionalText(JsonNode parent, String field, String path) {
        JsonNode value = parent.get(field);
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
