package dev.enterpriseconnect.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.enterpriseconnect.testbed.AdminApi;

/** What an IdP's deactivation means here: access ends at once, and reactivation restores it. */
@ExtendWith(KeycloakServer.class)
class DeprovisioningIT {

    private static final String PATCH = "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],"
            + "\"Operations\":[{\"op\":\"replace\",\"value\":{\"active\":%s}}]}";

    @Test
    void oktaDeactivatesALoggedInUserAndTheSessionAndRefreshTokenStopWorking(RunningKeycloak keycloak) throws Exception {
        AdminApi admin = keycloak.admin();
        String realm = keycloak.createRealm("deprovision");
        ScimClient scim = keycloak.scim(keycloak.createConnector(realm, "okta"));
        String id = scim.post("/Users", "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],"
                + "\"userName\":\"leaver@acme.test\",\"emails\":[{\"value\":\"leaver@acme.test\",\"primary\":true}],"
                + "\"name\":{\"givenName\":\"Lee\",\"familyName\":\"Ver\"}}").json().get("id").asText();
        admin.expect(204, admin.put("/admin/realms/" + realm + "/users/" + id + "/reset-password",
                "{\"type\":\"password\",\"value\":\"Leaver-pw-1\",\"temporary\":false}"));
        URI tokenUrl = URI.create(keycloak.baseUrl() + "/realms/" + realm + "/protocol/openid-connect/token");
        JsonNode tokens = admin.expect(200, form(tokenUrl,
                "grant_type=password&client_id=admin-cli&username=leaver@acme.test&password=Leaver-pw-1"));
        String refresh = tokens.get("refresh_token").asText();
        assertEquals(1, admin.expect(200, admin.get("/admin/realms/" + realm + "/users/" + id + "/sessions")).size());

        long start = System.nanoTime();
        assertEquals(200, scim.patch("/Users/" + id, String.format(PATCH, "false")).status());
        HttpResponse<String> refused = form(tokenUrl, "grant_type=refresh_token&client_id=admin-cli&refresh_token=" + refresh);
        long elapsedMillis = (System.nanoTime() - start) / 1_000_000;

        assertEquals(400, refused.statusCode(), refused.body());
        assertEquals("invalid_grant", AdminApi.parse(refused.body()).get("error").asText());
        assertTrue(elapsedMillis < 1000, "access ended within " + elapsedMillis + " ms");
        assertEquals(0, admin.expect(200, admin.get("/admin/realms/" + realm + "/users/" + id + "/sessions")).size());
        assertEquals(400, form(tokenUrl,
                "grant_type=password&client_id=admin-cli&username=leaver@acme.test&password=Leaver-pw-1").statusCode());

        assertEquals(200, scim.patch("/Users/" + id, String.format(PATCH, "true")).status());
        assertEquals(200, form(tokenUrl,
                "grant_type=password&client_id=admin-cli&username=leaver@acme.test&password=Leaver-pw-1").statusCode(),
                "reactivation restores access");
    }

    private static HttpResponse<String> form(URI url, String body) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(url)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
