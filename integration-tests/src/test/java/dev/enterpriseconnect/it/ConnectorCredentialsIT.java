package dev.enterpriseconnect.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.enterpriseconnect.testbed.AdminApi;

/** The three credential kinds a connector can have, and rotation with an overlap window. */
@ExtendWith(KeycloakServer.class)
class ConnectorCredentialsIT {

    private static RunningKeycloak keycloak;
    private static AdminApi admin;
    private static String realm;

    @BeforeAll
    static void realm(RunningKeycloak server) {
        keycloak = server;
        admin = server.admin();
        realm = server.createRealm("credentials");
    }

    private static JsonNode create(String realmName, String body) {
        return admin.expect(201, admin.post("/admin/realms/" + realmName + "/scim-connectors", body));
    }

    private static ScimClient client(JsonNode connector, String authorization) {
        return ScimClient.bearer(URI.create(connector.get("scimBaseUrl").asText()), "x").withAuthorization(authorization);
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void sendSafelyStyleHttpBasic() {
        JsonNode connector = create(realm, "{\"name\":\"basic-sync\",\"credentialType\":\"basic\"}");
        String user = connector.get("username").asText();
        String password = connector.get("password").asText();
        assertEquals("basic-sync", user);
        assertTrue(!connector.has("token"));

        assertEquals(200, client(connector, basic(user, password)).get("/ServiceProviderConfig").status());
        ScimClient.Result wrong = client(connector, basic(user, password + "x")).get("/ServiceProviderConfig");
        assertEquals(401, wrong.status());
        assertEquals(List.of("Bearer realm=\"" + realm + "\"", "Basic realm=\"" + realm + "\""),
                wrong.response().headers().allValues("WWW-Authenticate"));
        assertEquals(401, client(connector, basic("someone-else", password)).get("/ServiceProviderConfig").status());
        assertEquals(401, client(connector, "Bearer " + password).get("/ServiceProviderConfig").status());
    }

    @Test
    void entraStyleClientCredentialsWithoutAnAudienceMapper() throws Exception {
        JsonNode connector = create(realm, "{\"name\":\"entra-oauth\",\"credentialType\":\"oauth\"}");
        String token = clientCredentials(connector.get("tokenUrl").asText(), connector.get("clientId").asText(),
                connector.get("clientSecret").asText());

        assertEquals(200, client(connector, "Bearer " + token).get("/ServiceProviderConfig").status());

        // A valid token of the same realm without the connector's role is refused.
        JsonNode other = create(realm, "{\"name\":\"other-oauth\",\"credentialType\":\"oauth\"}");
        String otherToken = clientCredentials(other.get("tokenUrl").asText(), other.get("clientId").asText(),
                other.get("clientSecret").asText());
        assertEquals(401, client(connector, "Bearer " + otherToken).get("/ServiceProviderConfig").status());
        assertEquals(401, client(connector, "Bearer not-a-jwt").get("/ServiceProviderConfig").status());

        // A same-named connector in another realm does not accept this realm's token.
        String elsewhere = keycloak.createRealm("oauth-elsewhere");
        JsonNode twin = create(elsewhere, "{\"name\":\"entra-oauth\",\"credentialType\":\"oauth\"}");
        assertEquals(401, client(twin, "Bearer " + token).get("/ServiceProviderConfig").status());
    }

    @Test
    void rotationWithAnOverlapKeepsTheOldSecretWorkingForAWhile() {
        JsonNode connector = create(realm, "{\"name\":\"overlap\"}");
        String old = connector.get("token").asText();
        JsonNode rotated = admin.expect(200, admin.post("/admin/realms/" + realm + "/scim-connectors/"
                + connector.get("id").asText() + "/rotate-secret?overlapSeconds=3600", null));
        String fresh = rotated.get("token").asText();

        assertEquals(200, client(connector, "Bearer " + old).get("/ServiceProviderConfig").status());
        assertEquals(200, client(connector, "Bearer " + fresh).get("/ServiceProviderConfig").status());
        assertTrue(rotated.has("previousSecretValidUntil"));

        HttpResponse<String> tooLong = admin.post("/admin/realms/" + realm + "/scim-connectors/"
                + connector.get("id").asText() + "/rotate-secret?overlapSeconds=99999999", null);
        assertEquals(400, tooLong.statusCode());
        assertEquals(200, client(connector, "Bearer " + fresh).get("/ServiceProviderConfig").status());
    }

    /**
     * Unknown connector, wrong secret, wrong scheme, malformed or missing header, wrong Basic
     * password, foreign OAuth token: one answer, byte for byte (apart from the Date header).
     */
    @Test
    void everyFailureGetsTheSameAnswer() {
        String own = keycloak.createRealm("uniform");
        JsonNode bearer = create(own, "{\"name\":\"okta\"}");
        JsonNode basic = create(own, "{\"name\":\"sync\",\"credentialType\":\"basic\"}");
        JsonNode oauth = create(own, "{\"name\":\"entra\",\"credentialType\":\"oauth\"}");
        URI unknown = URI.create(bearer.get("scimBaseUrl").asText().replace("/okta/v2", "/no-such-connector/v2"));
        String token = bearer.get("token").asText();
        String password = basic.get("password").asText();

        Map<String, ScimClient.Result> answers = new LinkedHashMap<>();
        answers.put("unknown connector", ScimClient.bearer(unknown, token).get("/Users"));
        answers.put("unknown connector, Basic", ScimClient.bearer(unknown, "x").withAuthorization(basic("no-such-connector",
                password)).get("/Users"));
        answers.put("wrong secret", client(bearer, "Bearer " + token + "x").get("/Users"));
        answers.put("other connector's secret", client(bearer, "Bearer " + password).get("/Users"));
        answers.put("wrong scheme", client(bearer, basic("okta", token)).get("/Users"));
        answers.put("malformed header", client(bearer, "Bearer").get("/Users"));
        answers.put("no header", client(bearer, null).get("/Users"));
        answers.put("Basic, wrong password", client(basic, basic("sync", password + "x")).get("/Users"));
        answers.put("Basic, wrong user", client(basic, basic("okta", password)).get("/Users"));
        answers.put("Basic, not base64", client(basic, "Basic %%%").get("/Users"));
        answers.put("Basic connector, Bearer", client(basic, "Bearer " + password).get("/Users"));
        answers.put("OAuth, not a JWT", client(oauth, "Bearer " + token).get("/Users"));

        ScimClient.Result first = answers.values().iterator().next();
        assertEquals(401, first.status());
        assertEquals(List.of("Bearer realm=\"" + own + "\"", "Basic realm=\"" + own + "\""),
                first.response().headers().allValues("WWW-Authenticate"));
        assertEquals("urn:ietf:params:scim:api:messages:2.0:Error", first.json().at("/schemas/0").asText());
        assertEquals("401", first.json().get("status").asText());
        answers.forEach((what, answer) -> {
            assertEquals(first.status(), answer.status(), what);
            assertEquals(first.response().body(), answer.response().body(), what);
            assertEquals(withoutDate(first), withoutDate(answer), what);
        });
        // And the right credentials still work after all that.
        assertEquals(200, client(bearer, "Bearer " + token).get("/ServiceProviderConfig").status());
        assertEquals(200, client(basic, basic("sync", password)).get("/ServiceProviderConfig").status());
    }

    /**
     * A connector whose stored hash is the 600,000-iteration PBKDF2 of earlier versions keeps
     * working, and its hash is replaced by the fast one at its first successful use: afterwards it
     * is served even while its (connector, address) pair is throttled, which a PBKDF2 hash is not.
     */
    @Test
    void aPbkdf2HashOfAnEarlierVersionStillAuthenticatesAndIsUpgraded() throws Exception {
        String own = keycloak.createRealm("legacy-hash");
        JsonNode connector = create(own, "{\"name\":\"okta\",\"authFailureLimit\":2}");
        String token = connector.get("token").asText();
        keycloak.setConnectorSetting(own, connector.get("id").asText(), "secretHash", pbkdf2(token, 600_000));

        assertEquals(401, client(connector, "Bearer " + token + "x").get("/ServiceProviderConfig").status());
        assertEquals(200, client(connector, "Bearer " + token).get("/ServiceProviderConfig").status(), "PBKDF2 hash");
        for (int i = 0; i < 3; i++) {
            client(connector, "Bearer wrong").get("/ServiceProviderConfig");
        }
        assertEquals(429, client(connector, "Bearer wrong").get("/ServiceProviderConfig").status());
        assertEquals(200, client(connector, "Bearer " + token).get("/ServiceProviderConfig").status(),
                "upgraded: one SHA-256, served while throttled");
        assertEquals(200, client(connector, "Bearer " + token).get("/Users?count=1").status());
    }

    private static Map<String, List<String>> withoutDate(ScimClient.Result result) {
        Map<String, List<String>> headers = new java.util.TreeMap<>(result.response().headers().map());
        headers.remove("date");
        return headers;
    }

    /** The stored form earlier versions wrote: {@code pbkdf2-sha256$iterations$salt$hash}. */
    private static String pbkdf2(String secret, int iterations) throws Exception {
        byte[] salt = new byte[16];
        new java.security.SecureRandom().nextBytes(salt);
        byte[] hash = javax.crypto.SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                .generateSecret(new javax.crypto.spec.PBEKeySpec(secret.toCharArray(), salt, iterations, 256)).getEncoded();
        Base64.Encoder url = Base64.getUrlEncoder().withoutPadding();
        return "pbkdf2-sha256$" + iterations + "$" + url.encodeToString(salt) + "$" + url.encodeToString(hash);
    }

    @Test
    void anUnknownCredentialTypeIsRefused() {
        HttpResponse<String> bad = admin.post("/admin/realms/" + realm + "/scim-connectors",
                "{\"name\":\"weird\",\"credentialType\":\"kerberos\"}");
        assertEquals(400, bad.statusCode());
        assertEquals("credentialType must be one of [bearer, basic, oauth]", AdminApi.parse(bad.body()).get("error").asText());
    }

    private static String clientCredentials(String tokenUrl, String clientId, String secret) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(tokenUrl))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&client_id="
                        + URLEncoder.encode(clientId, StandardCharsets.UTF_8) + "&client_secret="
                        + URLEncoder.encode(secret, StandardCharsets.UTF_8)))
                .build(), HttpResponse.BodyHandlers.ofString());
        return admin.expect(200, response).get("access_token").asText();
    }
}
