package dev.enterpriseconnect.bench;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** A SCIM 2.0 {@code /Users} endpoint: ours or Keycloak's preview, the same requests for both. */
final class ScimUsers implements UserDirectory {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SCIM_JSON = "application/scim+json";
    /** With a {@code path}, as Entra ID sends it (Okta sends {@code value:{active:false}}; both are in RFC 7644). */
    private static final String DEACTIVATE = "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],"
            + "\"Operations\":[{\"op\":\"replace\",\"path\":\"active\",\"value\":false}]}";

    private final String name;
    private final String base;
    private final Supplier<String> token;

    ScimUsers(String name, URI base, Supplier<String> token) {
        this.name = name;
        this.base = base.toString();
        this.token = token;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public long lookup(String userName) {
        String filter = URLEncoder.encode("userName eq \"" + userName + "\"", StandardCharsets.UTF_8);
        JsonHttp.Timed response = JsonHttp.get(URI.create(base + "/Users?filter=" + filter), token).expect(200);
        JsonNode resources = response.json().path("Resources");
        if (resources.size() != 1 || !userName.equalsIgnoreCase(resources.get(0).path("userName").asText())) {
            throw new IllegalStateException(name + " lookup of " + userName + " found " + resources.size()
                    + " users: " + abbreviate(response.body()));
        }
        return response.nanos();
    }

    @Override
    public long page(int startIndex, int count) {
        JsonHttp.Timed response = list(startIndex, count);
        int got = response.json().path("Resources").size();
        if (got != count) {
            throw new IllegalStateException(name + " page at " + startIndex + " has " + got + " users, expected " + count
                    + ": " + abbreviate(response.body()));
        }
        return response.nanos();
    }

    /** One page as answered, for walks that need totalResults. */
    JsonHttp.Timed list(int startIndex, int count) {
        return JsonHttp.get(URI.create(base + "/Users?startIndex=" + startIndex + "&count=" + count), token).expect(200);
    }

    /**
     * The ids of the first {@code wanted} users matching a SCIM filter, in the endpoint's order, a page of
     * up to 1000 at a time with {@code attributes=id}. Fewer if fewer match.
     */
    List<String> ids(String filter, int wanted) {
        List<String> ids = new ArrayList<>(wanted);
        String encoded = URLEncoder.encode(filter, StandardCharsets.UTF_8);
        while (ids.size() < wanted) {
            int count = Math.min(1000, wanted - ids.size());
            JsonNode resources = JsonHttp.get(URI.create(base + "/Users?filter=" + encoded + "&startIndex="
                    + (ids.size() + 1) + "&count=" + count + "&attributes=id"), token).expect(200).json().path("Resources");
            resources.forEach(user -> ids.add(user.get("id").asText()));
            if (resources.size() < count) {
                break;
            }
        }
        return ids;
    }

    @Override
    public long create(String userName, String givenName, String familyName) {
        return post(userName, givenName, familyName).expect(201).nanos();
    }

    @Override
    public String createEnabled(String userName) {
        return post(userName, "Leaving", "User").expect(201).json().path("id").asText();
    }

    @Override
    public long deactivate(String id) {
        JsonHttp.Timed response = JsonHttp.patch(URI.create(base + "/Users/" + id), token, SCIM_JSON, DEACTIVATE)
                .expect(200);
        // The answer is the patched resource: it must say so, not just 200.
        if (!response.json().path("active").isBoolean() || response.json().path("active").asBoolean()) {
            throw new IllegalStateException(name + " PATCH active=false of " + id + " answered: "
                    + abbreviate(response.body()));
        }
        return response.nanos();
    }

    @Override
    public boolean active(String id) {
        return JsonHttp.get(URI.create(base + "/Users/" + id), token).expect(200).json().path("active").asBoolean(true);
    }

    /** For set-up: creates the user unless it exists. */
    void createIfAbsent(String userName) {
        JsonHttp.Timed response = post(userName, "Set", "Up");
        if (response.status() != 409) {
            response.expect(201);
        }
    }

    private JsonHttp.Timed post(String userName, String givenName, String familyName) {
        ObjectNode user = JSON.createObjectNode();
        user.putArray("schemas").add("urn:ietf:params:scim:schemas:core:2.0:User");
        user.put("userName", userName);
        user.putObject("name").put("givenName", givenName).put("familyName", familyName);
        // The email as Okta's and Entra's provisioning send it.
        user.putArray("emails").addObject().put("primary", true).put("value", userName).put("type", "work");
        user.put("active", true);
        return JsonHttp.post(URI.create(base + "/Users"), token, SCIM_JSON, user.toString());
    }

    static String abbreviate(String body) {
        return body.length() > 300 ? body.substring(0, 300) + "..." : body;
    }
}
