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
        assertEquals("Basic realm=\"" + realm + "\"", wrong.header("WWW-Authenticate"));
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
