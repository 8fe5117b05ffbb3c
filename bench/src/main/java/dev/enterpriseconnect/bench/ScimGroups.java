package dev.enterpriseconnect.bench;

import java.net.URI;
import java.util.List;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Our SCIM {@code /Groups}: create, add members by PATCH, read. Every answer is checked. */
final class ScimGroups {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SCIM_JSON = "application/scim+json";

    private final String base;
    private final Supplier<String> token;

    ScimGroups(URI base, Supplier<String> token) {
        this.base = base + "/Groups";
        this.token = token;
    }

    /** @return the new group's id */
    String create(String displayName) {
        ObjectNode group = JSON.createObjectNode();
        group.putArray("schemas").add("urn:ietf:params:scim:schemas:core:2.0:Group");
        group.put("displayName", displayName);
        JsonNode created = JsonHttp.post(URI.create(base), token, SCIM_JSON, group.toString()).expect(201).json();
        return created.get("id").asText();
    }

    /** One PATCH with one {@code add} of {@code members}; returns the exchange's nanoseconds. */
    long addMembers(String groupId, List<String> userIds) {
        ObjectNode patch = JSON.createObjectNode();
        patch.putArray("schemas").add("urn:ietf:params:scim:api:messages:2.0:PatchOp");
        ObjectNode add = patch.putArray("Operations").addObject().put("op", "add").put("path", "members");
        ArrayNode value = add.putArray("value");
        userIds.forEach(id -> value.addObject().put("value", id));
        return JsonHttp.patch(URI.create(base + "/" + groupId), token, SCIM_JSON, patch.toString()).expect(204).nanos();
    }

    /** GET without members, as Okta and Entra ask; checked to be the group and to carry no members. */
    long getWithoutMembers(String groupId) {
        JsonHttp.Timed response = JsonHttp.get(URI.create(base + "/" + groupId + "?excludedAttributes=members"), token)
                .expect(200);
        JsonNode group = response.json();
        if (!groupId.equals(group.path("id").asText()) || group.has("members")) {
            throw new IllegalStateException("GET " + groupId + " without members answered: "
                    + ScimUsers.abbreviate(response.body()));
        }
        return response.nanos();
    }

    /** The whole group, members included. */
    JsonHttp.Timed get(String groupId) {
        return JsonHttp.get(URI.create(base + "/" + groupId), token).expect(200);
    }

    /** Member count as our full GET shows it: for checking, outside any timing. */
    int memberCount(String groupId) {
        return get(groupId).json().path("members").size();
    }
}
