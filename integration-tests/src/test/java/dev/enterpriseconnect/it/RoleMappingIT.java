package dev.enterpriseconnect.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.enterpriseconnect.it.ScimClient.Result;
import dev.enterpriseconnect.testbed.AdminApi;

/** Courier's Okta set-up: a custom `role` attribute and the enterprise `division` as team. */
@ExtendWith(KeycloakServer.class)
class RoleMappingIT {

    private static final String ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
    private static final String PATCH = "urn:ietf:params:scim:api:messages:2.0:PatchOp";

    @Test
    void oktasRoleAndDivisionBecomeRealmRolesAndATeam(RunningKeycloak keycloak) {
        AdminApi admin = keycloak.admin();
        String realm = keycloak.createRealm("courier");
        for (String role : new String[] {"administrator", "manager", "developer", "designer", "support", "analyst",
                "beta-tester"}) {
            admin.expect(201, admin.post("/admin/realms/" + realm + "/roles", "{\"name\":\"" + role + "\"}"));
        }
        admin.expect(201, admin.post("/admin/realms/" + realm + "/groups", "{\"name\":\"Teams\"}"));
        JsonNode teams = admin.expect(200, admin.get("/admin/realms/" + realm + "/groups?search=Teams")).get(0);
        admin.expect(201, admin.post("/admin/realms/" + realm + "/groups/" + teams.get("id").asText() + "/children",
                "{\"name\":\"Platform\"}"));
        JsonNode connector = admin.expect(201, admin.post("/admin/realms/" + realm + "/scim-connectors",
                "{\"name\":\"courier\",\"roleMapping\":{\"roleAttribute\":\"role\",\"roles\":\"ADMINISTRATOR=realm:administrator;"
                        + " MANAGER=realm:manager; DEVELOPER=realm:developer; DESIGNER=realm:designer;"
                        + " SUPPORT_SPECIALIST=realm:support; ANALYST=realm:analyst\",\"teamAttribute\":\"division\"}}"));
        ScimClient scim = ScimClient.bearer(URI.create(connector.get("scimBaseUrl").asText()), connector.get("token").asText());

        Result created = scim.post("/Users", "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\",\""
                + ENTERPRISE + "\"],\"userName\":\"dev@courier.test\",\"role\":\"developer\",\"" + ENTERPRISE
                + "\":{\"division\":\"Platform\"}}");
        assertEquals(201, created.status(), created.response().body());
        String id = created.json().get("id").asText();
        assertEquals("DEVELOPER", created.json().at("/urn:enterpriseconnect:params:scim:schemas:extension:access:2.0:User/role").asText());
        assertEquals("developer", created.json().get("role").asText());
        assertEquals(Set.of("developer"), realmRoles(admin, realm, id));
        assertEquals("/Teams/Platform", admin.expect(200, admin.get("/admin/realms/" + realm + "/users/" + id + "/groups"))
                .get(0).get("path").asText());

        // A role granted by other means is never touched by the mapping.
        JsonNode beta = admin.expect(200, admin.get("/admin/realms/" + realm + "/roles/beta-tester"));
        admin.expect(204, admin.post("/admin/realms/" + realm + "/users/" + id + "/role-mappings/realm", "[" + beta + "]"));

        Result promoted = scim.patch("/Users/" + id, "{\"schemas\":[\"" + PATCH + "\"],\"Operations\":[{\"op\":\"replace\","
                + "\"path\":\"role\",\"value\":\"MANAGER\"}]}");
        assertEquals(200, promoted.status(), promoted.response().body());
        assertEquals(Set.of("manager", "beta-tester"), realmRoles(admin, realm, id));
        assertEquals("MANAGER", promoted.json().at("/urn:enterpriseconnect:params:scim:schemas:extension:access:2.0:User/role").asText());

        Result cleared = scim.patch("/Users/" + id, "{\"schemas\":[\"" + PATCH + "\"],\"Operations\":[{\"op\":\"remove\","
                + "\"path\":\"role\"}]}");
        assertEquals(200, cleared.status(), cleared.response().body());
        assertEquals(Set.of("analyst", "beta-tester"), realmRoles(admin, realm, id), "missing role: the lowest");

        Result unknown = scim.post("/Users", "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],"
                + "\"userName\":\"owner@courier.test\",\"role\":\"OWNER\"}");
        assertEquals(400, unknown.status());
        assertEquals("invalidValue", unknown.json().get("scimType").asText());
        assertEquals("Unknown role 'OWNER' in attribute 'role'; allowed: ADMINISTRATOR, MANAGER, DEVELOPER, DESIGNER,"
                + " SUPPORT_SPECIALIST, ANALYST", unknown.json().get("detail").asText());
        assertEquals(0, admin.expect(200, admin.get("/admin/realms/" + realm + "/users?exact=true&username=owner@courier.test"))
                .size());

        Result unknownTeam = scim.patch("/Users/" + id, "{\"schemas\":[\"" + PATCH + "\"],\"Operations\":[{\"op\":\"replace\","
                + "\"path\":\"" + ENTERPRISE + ":division\",\"value\":\"Marketing\"}]}");
        assertEquals(400, unknownTeam.status());
        assertTrue(unknownTeam.json().get("detail").asText().startsWith("Unknown team 'Marketing'"),
                unknownTeam.json().get("detail").asText());

        assertEquals(400, admin.post("/admin/realms/" + realm + "/scim-connectors", "{\"name\":\"broken\",\"roleMapping\":"
                + "{\"roleAttribute\":\"role\",\"roles\":\"ADMIN=realm:no-such-role\"}}").statusCode());
    }

    @Test
    void oktaGrantsAdministratorByPushingSomeoneIntoAGroup(RunningKeycloak keycloak) {
        AdminApi admin = keycloak.admin();
        String realm = keycloak.createRealm("grouproles");
        for (String role : new String[] {"admin", "manager", "sender"}) {
            admin.expect(201, admin.post("/admin/realms/" + realm + "/roles", "{\"name\":\"" + role + "\"}"));
        }
        JsonNode connector = admin.expect(201, admin.post("/admin/realms/" + realm + "/scim-connectors",
                "{\"name\":\"sendoso\",\"roleMapping\":{\"roleAttribute\":\"userType\",\"roles\":\"admin=realm:admin;"
                        + " manager=realm:manager; sender=realm:sender\",\"defaultRole\":\"sender\","
                        + "\"groupRoles\":\"Sendoso Admins=admin; okta-managers-00g1=manager\"}}"));
        ScimClient scim = ScimClient.bearer(URI.create(connector.get("scimBaseUrl").asText()), connector.get("token").asText());
        String ann = scim.post("/Users", "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],"
                + "\"userName\":\"ann@sendoso.test\"}").json().get("id").asText();
        String bo = scim.post("/Users", "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],"
                + "\"userName\":\"bo@sendoso.test\",\"userType\":\"manager\"}").json().get("id").asText();
        assertEquals(Set.of("sender"), realmRoles(admin, realm, ann));
        assertEquals(Set.of("manager"), realmRoles(admin, realm, bo));

        Result admins = scim.post("/Groups", "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:Group\"],"
                + "\"displayName\":\"Sendoso Admins\",\"members\":[{\"value\":\"" + ann + "\"}]}");
        assertEquals(201, admins.status(), admins.response().body());
        String adminsId = admins.json().get("id").asText();
        assertEquals(Set.of("admin"), realmRoles(admin, realm, ann), "pushed into the admins group");
        assertEquals("admin", scim.get("/Users/" + ann).json().at("/urn:enterpriseconnect:params:scim:schemas:extension:access:2.0:User/role").asText());

        assertEquals(204, scim.patch("/Groups/" + adminsId, "{\"schemas\":[\"" + PATCH + "\"],\"Operations\":[{\"op\":"
                + "\"Add\",\"path\":\"members\",\"value\":[{\"value\":\"" + bo + "\"}]}]}").status());
        assertEquals(Set.of("admin"), realmRoles(admin, realm, bo), "the highest of attribute and group wins");
        assertEquals(204, scim.patch("/Groups/" + adminsId, "{\"schemas\":[\"" + PATCH + "\"],\"Operations\":[{\"op\":"
                + "\"remove\",\"path\":\"members[value eq \\\"" + bo + "\\\"]\"}]}").status());
        assertEquals(Set.of("manager"), realmRoles(admin, realm, bo), "back to what its userType says");

        // Entra matches groups by their externalId (the Okta/Entra object id) as well as by name.
        Result byExternalId = scim.post("/Groups", "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:Group\"],"
                + "\"displayName\":\"Managers\",\"externalId\":\"okta-managers-00g1\",\"members\":[{\"value\":\"" + bo
                + "\"}]}");
        assertEquals(201, byExternalId.status());
        assertEquals(Set.of("manager"), realmRoles(admin, realm, bo));

        // Renaming the group away from the rule takes the role with it; a deleted group grants nothing.
        assertEquals(204, scim.patch("/Groups/" + adminsId, "{\"schemas\":[\"" + PATCH + "\"],\"Operations\":[{\"op\":"
                + "\"replace\",\"path\":\"displayName\",\"value\":\"Former Admins\"}]}").status());
        assertEquals(Set.of("sender"), realmRoles(admin, realm, ann));
        assertEquals(204, scim.patch("/Groups/" + adminsId, "{\"schemas\":[\"" + PATCH + "\"],\"Operations\":[{\"op\":"
                + "\"replace\",\"path\":\"displayName\",\"value\":\"Sendoso Admins\"}]}").status());
        assertEquals(Set.of("admin"), realmRoles(admin, realm, ann));
        assertEquals(204, scim.delete("/Groups/" + adminsId).status());
        assertEquals(Set.of("sender"), realmRoles(admin, realm, ann));

        Result unknownMember = scim.patch("/Groups/" + byExternalId.json().get("id").asText(), "{\"schemas\":[\"" + PATCH
                + "\"],\"Operations\":[{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\"" + ann
                + "\"},{\"value\":\"nobody\"}]}]}");
        assertEquals(400, unknownMember.status());
        assertEquals("No such user: nobody", unknownMember.json().get("detail").asText());
        assertEquals(Set.of("sender"), realmRoles(admin, realm, ann), "a refused change grants nothing");
    }

    private static Set<String> realmRoles(AdminApi admin, String realm, String userId) {
        Set<String> roles = new TreeSet<>();
        admin.expect(200, admin.get("/admin/realms/" + realm + "/users/" + userId + "/role-mappings/realm"))
                .forEach(r -> roles.add(r.get("name").asText()));
        roles.remove("default-roles-" + realm);
        return roles;
    }
}
