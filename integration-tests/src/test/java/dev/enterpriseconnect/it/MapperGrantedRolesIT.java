package dev.enterpriseconnect.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;

import dev.enterpriseconnect.it.ScimClient.Result;
import dev.enterpriseconnect.testbed.AdminApi;

/**
 * Role writes never remove a role another mapper or an administrator granted: our role-mapping
 * mapper next to Keycloak's own role mappers on one identity provider (sync mode Force), and a SCIM
 * connector next to an administrator.
 */
@ExtendWith(KeycloakServer.class)
class MapperGrantedRolesIT {

    private static final String PATCH = "urn:ietf:params:scim:api:messages:2.0:PatchOp";

    @Test
    void keycloakRoleMappersAndOursKeepEachOthersRolesAtEveryLogin(RunningKeycloak keycloak) {
        try (OktaFixture okta = new OktaFixture(keycloak)) {
            // Both roles are in our mapper's table too (SUPPORT_SPECIALIST, DESIGNER).
            mapper(okta, "always support", "oidc-hardcoded-role-idp-mapper", "{\"role\":\"support\"}");
            mapper(okta, "platform designs", "oidc-role-idp-mapper",
                    "{\"claim\":\"division\",\"claim.value\":\"Platform\",\"role\":\"designer\"}");
            okta.oktaUser("cleo@initech.test", "DESIGNER", "Sales");

            oidcLogin(okta, "cleo@initech.test");
            String id = okta.acmeUserId("cleo@initech.test");
            assertEquals(Set.of("designer", "support"), realmRoles(okta.admin, okta.acme, id),
                    "the hardcoded mapper's support survives our mapper deciding DESIGNER");

            oidcLogin(okta, "cleo@initech.test");
            assertEquals(Set.of("designer", "support"), realmRoles(okta.admin, okta.acme, id),
                    "Force: Keycloak's claim mapper (division is not Platform) leaves our designer; we leave support");

            okta.changeOktaAttribute("cleo@initech.test", "role", "ANALYST");
            okta.changeOktaAttribute("cleo@initech.test", "division", "Platform");
            oidcLogin(okta, "cleo@initech.test");
            assertEquals(Set.of("analyst", "designer", "support"), realmRoles(okta.admin, okta.acme, id),
                    "we granted designer, but in this login Keycloak's claim mapper grants it: kept");

            okta.changeOktaAttribute("cleo@initech.test", "division", "Sales");
            oidcLogin(okta, "cleo@initech.test");
            assertEquals(Set.of("analyst", "support"), realmRoles(okta.admin, okta.acme, id),
                    "the claim mapper takes back its designer; the hardcoded support stays");
        }
    }

    @Test
    void aScimWriteKeepsATableRoleAnAdministratorGrantedAndRevokesItsOwn(RunningKeycloak keycloak) {
        AdminApi admin = keycloak.admin();
        String realm = keycloak.createRealm("granted");
        for (String role : new String[] {"manager", "developer", "analyst"}) {
            admin.expect(201, admin.post("/admin/realms/" + realm + "/roles", "{\"name\":\"" + role + "\"}"));
        }
        JsonNode connector = admin.expect(201, admin.post("/admin/realms/" + realm + "/scim-connectors",
                "{\"name\":\"okta\",\"roleMapping\":{\"roleAttribute\":\"role\",\"roles\":\"MANAGER=realm:manager;"
                        + " DEVELOPER=realm:developer; ANALYST=realm:analyst\"}}"));
        ScimClient scim = ScimClient.bearer(URI.create(connector.get("scimBaseUrl").asText()), connector.get("token").asText());
        Result created = scim.post("/Users", "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],"
                + "\"userName\":\"max@granted.test\",\"role\":\"MANAGER\"}");
        assertEquals(201, created.status(), created.response().body());
        String id = created.json().get("id").asText();
        assertEquals(Set.of("manager"), realmRoles(admin, realm, id));

        // An administrator gives a table role by hand, then saves the user as the console does.
        JsonNode developer = admin.expect(200, admin.get("/admin/realms/" + realm + "/roles/developer"));
        admin.expect(204, admin.post("/admin/realms/" + realm + "/users/" + id + "/role-mappings/realm",
                "[" + developer + "]"));
        ObjectNode user = (ObjectNode) admin.expect(200, admin.get("/admin/realms/" + realm + "/users/" + id));
        // The names are the IdP's (read-only for the connector's users): the save changes another field.
        user.put("emailVerified", true);
        admin.expect(204, admin.put("/admin/realms/" + realm + "/users/" + id, user.toString()));

        assertEquals(200, role(scim, id, "ANALYST").status());
        assertEquals(Set.of("analyst", "developer"), realmRoles(admin, realm, id),
                "the connector's manager is revoked; the administrator's developer stays");

        assertEquals(200, role(scim, id, "DEVELOPER").status());
        assertEquals(Set.of("developer"), realmRoles(admin, realm, id));

        assertEquals(200, role(scim, id, "MANAGER").status());
        assertEquals(Set.of("developer", "manager"), realmRoles(admin, realm, id),
                "developer was the administrator's before the connector decided it, and stays theirs");
    }

    private static Result role(ScimClient scim, String id, String value) {
        return scim.patch("/Users/" + id, "{\"schemas\":[\"" + PATCH + "\"],\"Operations\":[{\"op\":\"replace\","
                + "\"path\":\"role\",\"value\":\"" + value + "\"}]}");
    }

    /** A Keycloak identity-provider mapper on the acme realm's okta-oidc provider (sync mode: the provider's, Force). */
    private static void mapper(OktaFixture okta, String name, String type, String config) {
        ObjectNode settings;
        try {
            settings = (ObjectNode) new com.fasterxml.jackson.databind.ObjectMapper().readTree(config);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException(e);
        }
        settings.put("syncMode", "INHERIT");
        okta.admin.expect(201, okta.admin.post("/admin/realms/" + okta.acme + "/identity-provider/instances/okta-oidc/mappers",
                "{\"name\":\"" + name + "\",\"identityProviderAlias\":\"okta-oidc\",\"identityProviderMapper\":\"" + type
                        + "\",\"config\":" + settings + "}"));
    }

    private static void oidcLogin(OktaFixture okta, String email) {
        OktaFixture.Pkce login = okta.startLogin();
        try (Browser browser = new Browser()) {
            browser.open(login.url());
            browser.await(By.id("social-okta-oidc")).click();
            browser.signIn(email, OktaFixture.PASSWORD);
            browser.awaitText(SaasAppStub.SIGNED_IN);
        }
        okta.redeem(okta.app.nextCallback(), login);
    }

    /** The user's realm roles as the admin API's role mappings list them (default roles left out). */
    private static Set<String> realmRoles(AdminApi admin, String realm, String userId) {
        Set<String> roles = new TreeSet<>();
        admin.expect(200, admin.get("/admin/realms/" + realm + "/users/" + userId + "/role-mappings"))
                .path("realmMappings").forEach(r -> roles.add(r.get("name").asText()));
        roles.remove("default-roles-" + realm);
        return roles;
    }
}
