package dev.enterpriseconnect.it;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.enterpriseconnect.testbed.AdminApi;
import dev.enterpriseconnect.testbed.OktaStandIn;

/**
 * A fresh copy of the demo's two realms (the product's "acme" and the customer's "okta"), plus the
 * vendor's application: an OIDC client using PKCE and a SAML client reachable IdP-initiated.
 */
final class OktaFixture implements AutoCloseable {

    static final String PASSWORD = OktaStandIn.DEMO_PASSWORD;
    static final String ALLOWED_ROLES = "ADMINISTRATOR, MANAGER, DEVELOPER, DESIGNER, SUPPORT_SPECIALIST, ANALYST";

    private static final ObjectMapper JSON = new ObjectMapper();

    final URI base;
    final String acme;
    final String okta;
    final AdminApi admin;
    final SaasAppStub app = new SaasAppStub();
    private final HttpClient http = HttpClient.newHttpClient();

    OktaFixture(RunningKeycloak keycloak) {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        this.base = keycloak.baseUrl();
        this.acme = "acme-" + suffix;
        this.okta = "okta-" + suffix;
        this.admin = keycloak.admin();
        admin.expect(201, admin.post("/admin/realms", OktaStandIn.render(OktaStandIn.OKTA_TEMPLATE, base, acme, okta)));
        admin.expect(201, admin.post("/admin/realms", OktaStandIn.render(OktaStandIn.ACME_TEMPLATE, base, acme, okta)));
        admin.expect(201, admin.post("/admin/realms/" + acme + "/clients", "{\"clientId\":\"acme-app\",\"publicClient\":true,"
                + "\"standardFlowEnabled\":true,\"redirectUris\":[\"" + app.callbackUrl() + "\"],"
                + "\"attributes\":{\"pkce.code.challenge.method\":\"S256\"}}"));
        admin.expect(201, admin.post("/admin/realms/" + acme + "/clients", "{\"clientId\":\"acme-portal\",\"protocol\":\"saml\","
                + "\"redirectUris\":[\"" + app.samlAcsUrl() + "\"],\"attributes\":{\"saml_idp_initiated_sso_url_name\":\"acme-portal\","
                + "\"saml_assertion_consumer_url_post\":\"" + app.samlAcsUrl() + "\",\"saml.client.signature\":\"false\"}}"));
        admin.expect(201, admin.post("/admin/realms/" + acme + "/roles", "{\"name\":\"beta-tester\"}"));
    }

    /** A user of the customer's Okta, with the attributes Okta would send. */
    void oktaUser(String email, String role, String division, String... groups) {
        ObjectNode user = JSON.createObjectNode().put("username", email).put("email", email).put("emailVerified", true)
                .put("enabled", true).put("firstName", "Test").put("lastName", email.substring(0, email.indexOf('@')));
        ObjectNode attributes = user.putObject("attributes");
        if (role != null) {
            attributes.putArray("role").add(role);
        }
        if (division != null) {
            attributes.putArray("division").add(division);
        }
        user.putArray("credentials").addObject().put("type", "password").put("value", PASSWORD).put("temporary", false);
        var groupPaths = user.putArray("groups");
        for (String group : groups) {
            groupPaths.add("/" + group);
        }
        admin.expect(201, admin.post("/admin/realms/" + okta + "/users", user.toString()));
    }

    /** Okta's admin changes an attribute of its user. */
    void changeOktaAttribute(String email, String name, String value) {
        JsonNode user = admin.expect(200, admin.get("/admin/realms/" + okta + "/users?exact=true&email="
                + URLEncoder.encode(email, StandardCharsets.UTF_8))).get(0);
        ObjectNode changed = (ObjectNode) user;
        ((ObjectNode) changed.with("attributes")).putArray(name).add(value);
        admin.expect(204, admin.put("/admin/realms/" + okta + "/users/" + user.get("id").asText(), changed.toString()));
    }

    /** The acme users with this email (Keycloak keeps emails unique, so zero or one). */
    List<JsonNode> acmeUsers(String email) {
        List<JsonNode> users = new ArrayList<>();
        admin.expect(200, admin.get("/admin/realms/" + acme + "/users?exact=true&email="
                + URLEncoder.encode(email, StandardCharsets.UTF_8))).forEach(users::add);
        return users;
    }

    String acmeUserId(String email) {
        List<JsonNode> users = acmeUsers(email);
        if (users.size() != 1) {
            throw new AssertionError("Expected one acme user " + email + ", found " + users);
        }
        return users.get(0).get("id").asText();
    }

    Set<String> realmRoles(String userId) {
        Set<String> roles = new TreeSet<>();
        admin.expect(200, admin.get("/admin/realms/" + acme + "/users/" + userId + "/role-mappings/realm"))
                .forEach(r -> roles.add(r.get("name").asText()));
        roles.remove("default-roles-" + acme);
        return roles;
    }

    Set<String> groupPaths(String userId) {
        Set<String> paths = new TreeSet<>();
        admin.expect(200, admin.get("/admin/realms/" + acme + "/users/" + userId + "/groups"))
                .forEach(g -> paths.add(g.get("path").asText()));
        return paths;
    }

    Set<String> linkedProviders(String userId) {
        Set<String> aliases = new TreeSet<>();
        admin.expect(200, admin.get("/admin/realms/" + acme + "/users/" + userId + "/federated-identity"))
                .forEach(l -> aliases.add(l.get("identityProvider").asText()));
        return aliases;
    }

    void grantRealmRole(String userId, String role) {
        JsonNode representation = admin.expect(200, admin.get("/admin/realms/" + acme + "/roles/" + role));
        admin.expect(204, admin.post("/admin/realms/" + acme + "/users/" + userId + "/role-mappings/realm",
                "[" + representation + "]"));
    }

    /** A local acme user with a password, as created before single sign-on was set up. */
    String localUser(String email, boolean emailVerified) {
        admin.expect(201, admin.post("/admin/realms/" + acme + "/users", "{\"username\":\"" + email + "\",\"email\":\""
                + email + "\",\"emailVerified\":" + emailVerified + ",\"enabled\":true,\"firstName\":\"Local\","
                + "\"lastName\":\"User\",\"credentials\":[{\"type\":\"password\",\"value\":\"local-pw\",\"temporary\":false}]}"));
        return acmeUserId(email);
    }

    /** The vendor's application starting an authorization-code login with PKCE. */
    Pkce startLogin() {
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        String verifier = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        String challenge;
        try {
            challenge = Base64.getUrlEncoder().withoutPadding().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        String state = UUID.randomUUID().toString();
        String url = base + "/realms/" + acme + "/protocol/openid-connect/auth?client_id=acme-app&response_type=code"
                + "&scope=openid&state=" + state + "&redirect_uri=" + URLEncoder.encode(app.callbackUrl().toString(),
                        StandardCharsets.UTF_8) + "&code_challenge=" + challenge + "&code_challenge_method=S256";
        return new Pkce(url, verifier, state);
    }

    /** Exchanges the code the application received for tokens; returns the access token's claims. */
    JsonNode redeem(Map<String, String> callback, Pkce login) {
        if (!login.state().equals(callback.get("state")) || callback.get("code") == null) {
            throw new AssertionError("Unexpected callback " + callback);
        }
        String form = "grant_type=authorization_code&client_id=acme-app&code=" + URLEncoder.encode(callback.get("code"),
                StandardCharsets.UTF_8) + "&redirect_uri=" + URLEncoder.encode(app.callbackUrl().toString(),
                StandardCharsets.UTF_8) + "&code_verifier=" + login.verifier();
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + "/realms/" + acme
                    + "/protocol/openid-connect/token")).header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
            JsonNode tokens = admin.expect(200, response);
            String payload = tokens.get("access_token").asText().split("\\.")[1];
            return JSON.readTree(Base64.getUrlDecoder().decode(payload));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static Set<String> tokenRealmRoles(JsonNode claims) {
        Set<String> roles = new TreeSet<>();
        claims.path("realm_access").path("roles").forEach(r -> roles.add(r.asText()));
        return roles;
    }

    @Override
    public void close() {
        app.close();
    }

    record Pkce(String url, String verifier, String state) {
    }
}
