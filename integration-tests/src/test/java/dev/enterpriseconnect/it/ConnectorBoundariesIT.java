package dev.enterpriseconnect.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.enterpriseconnect.testbed.AdminApi;

/**
 * A connector cannot hurt the server, another tenant or an administrator: a failed request
 * changes nothing, a connector whose Organization is gone serves nobody, admins are out of its
 * reach, and bodies are bounded before they are read. Each finding's state is read back through
 * the admin API.
 */
@ExtendWith(KeycloakServer.class)
class ConnectorBoundariesIT {

    private static final String USER = ConcurrentProvisioningScenarios.USER;
    private static final String ERROR = ConcurrentProvisioningScenarios.ERROR;
    private static final String PATCH_OP = ConcurrentProvisioningScenarios.PATCH_OP;

    @Test
    void aFailedRePostOfADeletedUserLeavesItDeleted(RunningKeycloak keycloak) {
        String realm = keycloak.createRealm("rollback");
        ScimClient scim = keycloak.scim(keycloak.createConnector(realm, "okta"));
        String leaver = scim.post("/Users", ConcurrentProvisioningScenarios.user("leaver@acme.test", "Lee"))
                .json().get("id").asText();
        scim.post("/Users", ConcurrentProvisioningScenarios.user("taken@acme.test", "Tom"));
        assertEquals(204, scim.delete("/Users/" + leaver).status());

        // The IdP pushes the deleted user again, with an email another user holds: 409.
        ScimClient.Result again = scim.post("/Users", "{\"schemas\":[\"" + USER + "\"],\"userName\":\"leaver@acme.test\","
                + "\"emails\":[{\"value\":\"taken@acme.test\",\"primary\":true}],\"active\":true}");

        assertEquals(409, again.status(), again.response().body());
        assertEquals("uniqueness", again.json().get("scimType").asText());
        assertEquals(404, scim.get("/Users/" + leaver).status(), "the deleted user did not come back");
        JsonNode stored = keycloak.admin().expect(200, keycloak.admin().get("/admin/realms/" + realm + "/users/" + leaver));
        assertFalse(stored.get("enabled").asBoolean(), "still disabled");
        assertEquals("leaver@acme.test", stored.get("email").asText(), "email unchanged");
        assertEquals("okta", stored.at("/attributes/ec_deleted_by_connector/0").asText(), "still marked deleted");
    }

    @Test
    void aFailedBulkOperationLeavesNothingWhileItsNeighboursCommit(RunningKeycloak keycloak) {
        String realm = keycloak.createRealm("bulkrollback");
        ScimClient scim = keycloak.scim(keycloak.createConnector(realm, "okta"));
        String leaver = scim.post("/Users", ConcurrentProvisioningScenarios.user("gone@acme.test", "Gus"))
                .json().get("id").asText();
        scim.post("/Users", ConcurrentProvisioningScenarios.user("held@acme.test", "Hal"));
        assertEquals(204, scim.delete("/Users/" + leaver).status());

        JsonNode response = scim.post("/Bulk", "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:BulkRequest\"],"
                + "\"Operations\":[{\"method\":\"POST\",\"path\":\"/Users\",\"bulkId\":\"a\",\"data\":{\"schemas\":[\""
                + USER + "\"],\"userName\":\"gone@acme.test\",\"emails\":[{\"value\":\"held@acme.test\"}]}},"
                + "{\"method\":\"POST\",\"path\":\"/Users\",\"bulkId\":\"b\",\"data\":"
                + ConcurrentProvisioningScenarios.user("fresh@acme.test", "Fay") + "}]}").json();

        assertEquals("409", response.at("/Operations/0/status").asText(), response.toString());
        assertEquals("201", response.at("/Operations/1/status").asText(), response.toString());
        assertEquals(404, scim.get("/Users/" + leaver).status(), "the failed operation left the user deleted");
        String location = response.at("/Operations/1/location").asText();
        assertEquals(200, scim.get(location.substring(location.indexOf("/Users/"))).status(), "its neighbour is stored");
    }

    @Test
    void aConnectorWhoseOrganizationWasDeletedServesNobody(RunningKeycloak keycloak) {
        AdminApi admin = keycloak.admin();
        String realm = keycloak.createRealm("orphan", ",\"organizationsEnabled\":true");
        HttpResponse<String> created = admin.post("/admin/realms/" + realm + "/organizations",
                "{\"name\":\"Globex\",\"alias\":\"globex\",\"domains\":[{\"name\":\"globex.test\"}]}");
        admin.expect(201, created);
        String location = created.headers().firstValue("Location").orElseThrow();
        String orgId = location.substring(location.lastIndexOf('/') + 1);
        JsonNode connector = admin.expect(201, admin.post("/admin/realms/" + realm + "/scim-connectors",
                "{\"name\":\"globex-okta\",\"organizationId\":\"" + orgId + "\"}"));
        ScimClient globex = ScimClient.bearer(URI.create(connector.get("scimBaseUrl").asText()),
                connector.get("token").asText());
        String outsider = keycloak.scim(keycloak.createConnector(realm, "realm-wide"))
                .post("/Users", ConcurrentProvisioningScenarios.user("carol@initech.test", "Carol")).json().get("id").asText();

        admin.expect(204, admin.delete("/admin/realms/" + realm + "/organizations/" + orgId));

        for (ScimClient.Result refused : List.of(globex.get("/Users"),
                globex.post("/Users", ConcurrentProvisioningScenarios.user("new@globex.test", "New")),
                globex.patch("/Users/" + outsider, "{\"schemas\":[\"" + PATCH_OP + "\"],\"Operations\":[{\"op\":\"replace\","
                        + "\"path\":\"active\",\"value\":false}]}"))) {
            assertEquals(403, refused.status(), refused.response().body());
            assertEquals(ERROR, refused.json().at("/schemas/0").asText());
            assertTrue(refused.json().get("detail").asText().contains("no longer exists"), refused.response().body());
        }
        JsonNode shown = admin.expect(200, admin.get("/admin/realms/" + realm + "/scim-connectors/" + connector.get("id").asText()));
        assertEquals("broken", shown.get("status").asText());
        assertNotNull(shown.get("problem"));
        JsonNode users = admin.expect(200, admin.get("/admin/realms/" + realm + "/users?briefRepresentation=true"));
        assertEquals(1, users.size(), "nobody was created");
        assertTrue(admin.expect(200, admin.get("/admin/realms/" + realm + "/users/" + outsider)).get("enabled").asBoolean());
    }

    @Test
    void aRealmWideConnectorCannotTakeOverAnAdministrator(RunningKeycloak keycloak) {
        AdminApi admin = keycloak.admin();
        String realm = keycloak.createRealm("admins");
        ScimClient scim = keycloak.scim(keycloak.createConnector(realm, "okta"));
        String adminId = createUser(admin, realm, "boss@acme.test");
        JsonNode realmManagement = admin.expect(200, admin.get("/admin/realms/" + realm + "/clients?clientId=realm-management")).get(0);
        JsonNode realmAdmin = admin.expect(200, admin.get("/admin/realms/" + realm + "/clients/"
                + realmManagement.get("id").asText() + "/roles/realm-admin"));
        admin.expect(204, admin.post("/admin/realms/" + realm + "/users/" + adminId + "/role-mappings/clients/"
                + realmManagement.get("id").asText(), "[" + realmAdmin + "]"));

        ScimClient.Result email = scim.patch("/Users/" + adminId, "{\"schemas\":[\"" + PATCH_OP + "\"],\"Operations\":"
                + "[{\"op\":\"replace\",\"path\":\"emails[type eq \\\"work\\\"].value\",\"value\":\"attacker@evil.test\"}]}");
        ScimClient.Result disable = scim.patch("/Users/" + adminId, "{\"schemas\":[\"" + PATCH_OP + "\"],\"Operations\":"
                + "[{\"op\":\"replace\",\"path\":\"active\",\"value\":false}]}");
        ScimClient.Result replace = scim.put("/Users/" + adminId, ConcurrentProvisioningScenarios.user("boss@acme.test", "X"));
        ScimClient.Result delete = scim.delete("/Users/" + adminId);

        for (ScimClient.Result refused : List.of(email, disable, replace, delete)) {
            assertEquals(403, refused.status(), refused.response().body());
            assertEquals(ERROR, refused.json().at("/schemas/0").asText());
            assertTrue(refused.json().get("detail").asText().contains("realm-management/realm-admin"),
                    refused.json().get("detail").asText());
        }
        JsonNode stored = admin.expect(200, admin.get("/admin/realms/" + realm + "/users/" + adminId));
        assertEquals("boss@acme.test", stored.get("email").asText());
        assertTrue(stored.get("enabled").asBoolean());
        assertEquals(200, scim.get("/Users/" + adminId).status(), "reading stays allowed");

        // A group can grant roles: the admin cannot be pushed into one either.
        String group = scim.post("/Groups", "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:Group\"],"
                + "\"displayName\":\"Admins\"}").json().get("id").asText();
        ScimClient.Result join = scim.patch("/Groups/" + group, "{\"schemas\":[\"" + PATCH_OP + "\"],\"Operations\":"
                + "[{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\"" + adminId + "\"}]}]}");
        assertEquals(403, join.status(), join.response().body());
        assertEquals(0, scim.get("/Groups/" + group).json().path("members").size(), "the group stayed empty");

        // The setting lets a connector that is meant to manage admins do it.
        ScimClient trusted = keycloak.scim(keycloak.createConnector(realm, "trusted", ",\"allowPrivilegedUsers\":true"));
        assertEquals(200, trusted.patch("/Users/" + adminId, "{\"schemas\":[\"" + PATCH_OP + "\"],\"Operations\":"
                + "[{\"op\":\"replace\",\"path\":\"name.givenName\",\"value\":\"Boss\"}]}").status());
        assertEquals("Boss", admin.expect(200, admin.get("/admin/realms/" + realm + "/users/" + adminId))
                .get("firstName").asText());
    }

    @Test
    void manyLargeBodiesAreRefusedUnreadAndTheServerKeepsServing(RunningKeycloak keycloak) throws Exception {
        String realm = keycloak.createRealm("bodies");
        ScimClient scim = keycloak.scim(keycloak.createConnector(realm, "okta"));
        String padding = "x".repeat(9_500_000);
        String huge = "{\"schemas\":[\"" + USER + "\"],\"userName\":\"big@acme.test\",\"displayName\":\"" + padding + "\"}";

        List<ScimClient.Result> results = ConcurrentProvisioningScenarios.race(32, i -> () -> scim.post("/Users", huge));

        assertEquals(Map.of(413, 32), ConcurrentProvisioningScenarios.statuses(results));
        assertEquals(ERROR, results.get(0).json().at("/schemas/0").asText());
        assertTrue(results.get(0).json().get("detail").asText().contains("maxRequestSize (524288 bytes)"), results.get(0).response().body());
        // Without a Content-Length (chunked), reading stops at the limit.
        ScimClient.Result chunked = scim.postChunked("/Users", ("{\"schemas\":[\"" + USER
                + "\"],\"userName\":\"chunk@acme.test\",\"displayName\":\"" + "y".repeat(600_000) + "\"}").getBytes());
        assertEquals(413, chunked.status(), chunked.response().body());
        assertEquals(201, scim.post("/Users", ConcurrentProvisioningScenarios.user("small@acme.test", "Sam")).status());
        assertEquals(1, scim.get("/Users?count=0").json().get("totalResults").asInt(), "only the small user was stored");
    }

    private static String createUser(AdminApi admin, String realm, String username) {
        HttpResponse<String> created = admin.post("/admin/realms/" + realm + "/users", "{\"username\":\"" + username
                + "\",\"email\":\"" + username + "\",\"enabled\":true}");
        admin.expect(201, created);
        String location = created.headers().firstValue("Location").orElseThrow();
        return location.substring(location.lastIndexOf('/') + 1);
    }
}
