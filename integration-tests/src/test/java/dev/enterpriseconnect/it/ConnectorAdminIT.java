package dev.enterpriseconnect.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.enterpriseconnect.it.RunningKeycloak.Connector;
import dev.enterpriseconnect.testbed.AdminApi;
import dev.enterpriseconnect.testbed.KeycloakProcess;

@ExtendWith(KeycloakServer.class)
class ConnectorAdminIT {

    private static RunningKeycloak keycloak;
    private static AdminApi admin;
    private static String realm;

    @BeforeAll
    static void realm(RunningKeycloak server) {
        keycloak = server;
        admin = server.admin();
        realm = server.createRealm("connectors");
    }

    @Test
    void creatingAConnectorShowsItsBaseUrlAndSecretOnce() throws java.io.IOException {
        Connector okta = keycloak.createConnector(realm, "okta");

        assertEquals(keycloak.baseUrl() + "/realms/" + realm + "/enterprise-scim/okta/v2", okta.baseUrl().toString());
        assertTrue(okta.token().startsWith("ecs_") && okta.token().length() > 40, okta.token());
        assertEquals(200, keycloak.scim(okta).get("/ServiceProviderConfig").status());

        String list = admin.get("/admin/realms/" + realm + "/scim-connectors").body();
        String one = admin.get("/admin/realms/" + realm + "/scim-connectors/" + okta.id()).body();
        String component = admin.get("/admin/realms/" + realm + "/components/" + okta.id()).body();
        String export = admin.post("/admin/realms/" + realm + "/partial-export?exportClients=false", null).body();
        for (String shown : new String[] {list, one, component, export}) {
            assertTrue(shown.contains(okta.id()), shown);
            assertFalse(shown.contains(okta.token()), "secret shown again: " + shown);
        }
        assertFalse(list.contains("sha256$"), "hash listed: " + list);
        String serverLog = java.nio.file.Files.readString(
                KeycloakProcess.homeFromSystemProperty().getParent().resolve("keycloak-it.log"));
        assertFalse(serverLog.contains(okta.token()), "secret in the server log");
        assertFalse(component.contains("sha256$"), "hash shown by the component API: " + component);
    }

    @Test
    void rotatingTheSecretRetiresTheOldOne() {
        Connector entra = keycloak.createConnector(realm, "entra");
        JsonNode rotated = admin.expect(200,
                admin.post("/admin/realms/" + realm + "/scim-connectors/" + entra.id() + "/rotate-secret", null));
        String fresh = rotated.get("token").asText();

        assertEquals(401, keycloak.scim(entra).get("/ServiceProviderConfig").status());
        assertEquals(200, ScimClient.bearer(entra.baseUrl(), fresh).get("/ServiceProviderConfig").status());
    }

    @Test
    void deletingAConnectorRevokesItsToken() {
        Connector leaving = keycloak.createConnector(realm, "leaving");
        assertEquals(204, admin.delete("/admin/realms/" + realm + "/scim-connectors/" + leaving.id()).statusCode());

        assertEquals(401, keycloak.scim(leaving).get("/ServiceProviderConfig").status());
        assertEquals(404, admin.get("/admin/realms/" + realm + "/scim-connectors/" + leaving.id()).statusCode());
    }

    @Test
    void namesAreUniqueAndUrlSafe() {
        keycloak.createConnector(realm, "twice");

        HttpResponse<String> duplicate = admin.post("/admin/realms/" + realm + "/scim-connectors", "{\"name\":\"twice\"}");
        assertEquals(409, duplicate.statusCode());
        assertEquals("A connector named 'twice' already exists", AdminApi.parse(duplicate.body()).get("error").asText());

        HttpResponse<String> bad = admin.post("/admin/realms/" + realm + "/scim-connectors", "{\"name\":\"Okta Prod\"}");
        assertEquals(400, bad.statusCode());
        assertTrue(bad.body().contains("lowercase letters"), bad.body());

        HttpResponse<String> notJson = admin.post("/admin/realms/" + realm + "/scim-connectors", "{name:");
        assertEquals(400, notJson.statusCode());
    }

    @Test
    void onlyRealmManagersCanManageConnectors() throws Exception {
        admin.expect(201, admin.post("/admin/realms/" + realm + "/users",
                "{\"username\":\"plain-user\",\"enabled\":true,\"email\":\"plain@example.com\",\"firstName\":\"P\","
                        + "\"lastName\":\"U\",\"credentials\":[{\"type\":\"password\",\"value\":\"pw-123456\",\"temporary\":false}]}"));
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> token = http.send(HttpRequest.newBuilder(
                        keycloak.baseUrl().resolve("/realms/" + realm + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "grant_type=password&client_id=admin-cli&username=plain-user&password=pw-123456"))
                .build(), HttpResponse.BodyHandlers.ofString());
        String accessToken = admin.expect(200, token).get("access_token").asText();

        HttpResponse<String> denied = http.send(HttpRequest.newBuilder(
                        URI.create(keycloak.baseUrl() + "/admin/realms/" + realm + "/scim-connectors"))
                .header("Authorization", "Bearer " + accessToken).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(403, denied.statusCode());
    }
}
