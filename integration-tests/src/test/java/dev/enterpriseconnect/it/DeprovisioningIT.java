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

    @Test
    void anAdminDisablesAUserAndEveryTokenSessionAndConsentEndsAtOnceForGood(RunningKeycloak keycloak) throws Exception {
        AdminApi admin = keycloak.admin();
        String realm = keycloak.createRealm("admin-disable", ",\"adminEventsEnabled\":true,\"adminEventsDetailsEnabled\":true");
        keycloak.createConnector(realm, "entra");
        JsonNode listeners = admin.expect(200, admin.get("/admin/realms/" + realm + "/events/config")).get("eventsListeners");
        assertTrue(listeners.toString().contains("\"enterprise-connect-lifecycle\""),
                "creating a connector enables the lifecycle listener: " + listeners);
        admin.expect(201, admin.post("/admin/realms/" + realm + "/clients", "{\"clientId\":\"app\",\"publicClient\":true,"
                + "\"directAccessGrantsEnabled\":true}"));
        String clientUuid = admin.expect(200, admin.get("/admin/realms/" + realm + "/clients?clientId=app")).get(0)
                .get("id").asText();
        admin.expect(201, admin.post("/admin/realms/" + realm + "/users", "{\"username\":\"mover\",\"enabled\":true,"
                + "\"email\":\"mover@acme.test\",\"firstName\":\"Mo\",\"lastName\":\"Ver\",\"emailVerified\":true,"
                + "\"credentials\":[{\"type\":\"password\",\"value\":\"Mover-pw-1\",\"temporary\":false}]}"));
        JsonNode user = admin.expect(200, admin.get("/admin/realms/" + realm + "/users?username=mover&exact=true")).get(0);
        String id = user.get("id").asText();
        URI tokenUrl = URI.create(keycloak.baseUrl() + "/realms/" + realm + "/protocol/openid-connect/token");
        String online = admin.expect(200, form(tokenUrl,
                "grant_type=password&client_id=app&username=mover&password=Mover-pw-1")).get("refresh_token").asText();
        String offline = admin.expect(200, form(tokenUrl, "grant_type=password&client_id=app&username=mover"
                + "&password=Mover-pw-1&scope=openid%20offline_access")).get("refresh_token").asText();
        String userPath = "/admin/realms/" + realm + "/users/" + id;
        assertEquals(1, admin.expect(200, admin.get(userPath + "/offline-sessions/" + clientUuid)).size());
        assertEquals(1, admin.expect(200, admin.get(userPath + "/consents")).size(), "the offline grant shows under Consents");

        admin.accessToken(); // a fresh admin token now, so no password grant falls inside the measured span
        long start = System.nanoTime();
        admin.expect(204, admin.put(userPath, ((com.fasterxml.jackson.databind.node.ObjectNode) user)
                .put("enabled", false).toString()));
        HttpResponse<String> refused = form(tokenUrl, "grant_type=refresh_token&client_id=app&refresh_token=" + online);
        long elapsedMillis = (System.nanoTime() - start) / 1_000_000;

        assertEquals(400, refused.statusCode(), refused.body());
        assertTrue(elapsedMillis < 1000, "access ended within " + elapsedMillis + " ms");
        // Keycloak alone refuses a disabled user's refresh but keeps its sessions; the listener removes them.
        assertEquals(0, admin.expect(200, admin.get(userPath + "/sessions")).size());
        assertEquals(0, admin.expect(200, admin.get(userPath + "/offline-sessions/" + clientUuid)).size());
        assertEquals(0, admin.expect(200, admin.get(userPath + "/consents")).size());
        JsonNode events = admin.expect(200, admin.get("/admin/realms/" + realm
                + "/admin-events?operationTypes=ACTION&resourceTypes=USER&resourcePath=users/" + id));
        JsonNode revoked = null;
        for (JsonNode event : events) {
            if (event.path("representation").asText().contains("\"lifecycle\":\"access-revoked\"")) {
                revoked = event;
            }
        }
        assertTrue(revoked != null, "an admin event records the revocation: " + events);
        assertEquals(admin.expect(200, admin.get("/admin/realms/master/users?username=admin&exact=true")).get(0)
                .get("id").asText(), revoked.at("/authDetails/userId").asText(), "by the admin who disabled the user");

        admin.expect(204, admin.put(userPath, ((com.fasterxml.jackson.databind.node.ObjectNode) user)
                .put("enabled", true).toString()));
        assertEquals(400, form(tokenUrl, "grant_type=refresh_token&client_id=app&refresh_token=" + offline).statusCode(),
                "enabling the user again does not revive its old offline token");
        assertEquals(200, form(tokenUrl, "grant_type=password&client_id=app&username=mover&password=Mover-pw-1")
                .statusCode(), "but the user can sign in afresh");
    }

    @Test
    void aRealmTightensItsProfileAfterProvisioningAndOktaCanStillDeactivateTheUser(RunningKeycloak keycloak) {
        AdminApi admin = keycloak.admin();
        String realm = keycloak.createRealm("tightened-profile");
        ScimClient scim = keycloak.scim(keycloak.createConnector(realm, "okta"));
        String id = scim.post("/Users", "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],"
                + "\"userName\":\"long.name@acme.test\",\"emails\":[{\"value\":\"long.name@acme.test\",\"primary\":true}],"
                + "\"name\":{\"givenName\":\"Lee\",\"familyName\":\"Longfamilyname\"}}").json().get("id").asText();
        // Afterwards the realm allows last names of at most 5 characters: the stored one no longer passes.
        com.fasterxml.jackson.databind.node.ObjectNode profile = (com.fasterxml.jackson.databind.node.ObjectNode)
                admin.expect(200, admin.get("/admin/realms/" + realm + "/users/profile"));
        for (JsonNode attribute : profile.get("attributes")) {
            if ("lastName".equals(attribute.get("name").asText())) {
                ((com.fasterxml.jackson.databind.node.ObjectNode) attribute).putObject("validations").putObject("length")
                        .put("max", 5);
            }
        }
        admin.expect(200, admin.put("/admin/realms/" + realm + "/users/profile", profile.toString()));
        String userPath = "/admin/realms/" + realm + "/users/" + id;

        ScimClient.Result rename = scim.patch("/Users/" + id, "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],"
                + "\"Operations\":[{\"op\":\"replace\",\"path\":\"name.givenName\",\"value\":\"Leo\"}]}");
        assertEquals(400, rename.status(), rename.response().body());
        assertEquals("invalidValue", rename.json().get("scimType").asText(), rename.response().body());
        assertEquals("Lee", admin.expect(200, admin.get(userPath)).get("firstName").asText(),
                "a change goes through the profile, which refuses the stored last name: nothing changed");

        ScimClient.Result deactivated = scim.patch("/Users/" + id, String.format(PATCH, "false"));
        assertEquals(200, deactivated.status(), deactivated.response().body());
        JsonNode user = admin.expect(200, admin.get(userPath));
        assertEquals(false, user.get("enabled").asBoolean(), "a deactivation changes no profile attribute: it takes");
        assertEquals("Longfamilyname", user.get("lastName").asText());
        assertEquals("Lee", user.get("firstName").asText());
    }

    private static HttpResponse<String> form(URI url, String body) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(url)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
