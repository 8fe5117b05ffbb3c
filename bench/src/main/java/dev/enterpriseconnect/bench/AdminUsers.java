package dev.enterpriseconnect.bench;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.enterpriseconnect.testbed.AdminApi;

/** Keycloak's own admin REST API for users: the baseline a custom integration would use today. */
final class AdminUsers implements UserDirectory {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String realm;
    private final String users;
    private final AdminApi admin;

    AdminUsers(URI keycloak, String realm, AdminApi admin) {
        this.realm = realm;
        this.users = keycloak + "/admin/realms/" + realm + "/users";
        this.admin = admin;
    }

    @Override
    public String name() {
        return "admin";
    }

    @Override
    public long lookup(String userName) {
        JsonHttp.Timed response = JsonHttp.get(URI.create(users + "?exact=true&username="
                + URLEncoder.encode(userName, StandardCharsets.UTF_8)), admin::accessToken).expect(200);
        JsonNode found = response.json();
        if (found.size() != 1 || !userName.equalsIgnoreCase(found.get(0).path("username").asText())) {
            throw new IllegalStateException("admin lookup of " + userName + " found " + found.size() + " users");
        }
        return response.nanos();
    }

    @Override
    public long page(int startIndex, int count) {
        JsonHttp.Timed response = JsonHttp.get(URI.create(users + "?briefRepresentation=false&first=" + (startIndex - 1)
                + "&max=" + count), admin::accessToken).expect(200);
        int got = response.json().size();
        if (got != count) {
            throw new IllegalStateException("admin page at " + startIndex + " has " + got + " users, expected " + count);
        }
        return response.nanos();
    }

    @Override
    public long create(String userName, String givenName, String familyName) {
        ObjectNode user = JSON.createObjectNode()
                .put("username", userName)
                .put("email", userName)
                .put("firstName", givenName)
                .put("lastName", familyName)
                .put("enabled", true);
        return JsonHttp.post(URI.create(users), admin::accessToken, "application/json", user.toString())
                .expect(201).nanos();
    }

    @Override
    public String createEnabled(String userName) {
        ObjectNode user = JSON.createObjectNode()
                .put("username", userName)
                .put("email", userName)
                .put("firstName", "Leaving")
                .put("lastName", "User")
                .put("enabled", true);
        HttpResponse<String> response = admin.post("/admin/realms/" + realm + "/users", user.toString());
        admin.expect(201, response);
        String location = response.headers().firstValue("Location").orElseThrow();
        return location.substring(location.lastIndexOf('/') + 1);
    }

    @Override
    public long deactivate(String id) {
        // The admin API answers 204 without a body; SizeBenchmark reads every user back afterwards.
        return JsonHttp.put(URI.create(users + "/" + id), admin::accessToken, "application/json", "{\"enabled\":false}")
                .expect(204).nanos();
    }

    @Override
    public boolean active(String id) {
        return JsonHttp.get(URI.create(users + "/" + id), admin::accessToken).expect(200).json().path("enabled")
                .asBoolean(true);
    }
}
