package dev.enterpriseconnect.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A failed login through the connector's identity provider shows in the connector's provisioning
 * log with Keycloak's reason, beside its SCIM requests: a person signs in through the Okta
 * stand-in (another realm of the same Keycloak) in headless Chromium, and Okta sends a role the
 * mapping does not allow.
 */
@ExtendWith(KeycloakServer.class)
class ProvisioningLogLoginIT {

    private static OktaFixture okta;
    private static RunningKeycloak keycloak;

    @BeforeAll
    static void realms(RunningKeycloak server) {
        keycloak = server;
        okta = new OktaFixture(server);
    }

    @AfterAll
    static void stop() {
        okta.close();
    }

    @Test
    void aRefusedLoginThroughTheConnectorsIdentityProviderIsLoggedWithTheReason() {
        RunningKeycloak.Connector connector = keycloak.createConnector(okta.acme, "okta-log",
                ",\"invitationIdentityProvider\":\"okta-saml\"");
        RunningKeycloak.Connector other = keycloak.createConnector(okta.acme, "other");
        ScimClient.Result created = keycloak.scim(connector).post("/Users",
                ConcurrentProvisioningScenarios.user("pat@globex.test", "Pat"));
        assertEquals(201, created.status(), created.response().body());

        okta.oktaUser("owen@globex.test", "OWNER", "Platform");
        try (Browser browser = new Browser()) {
            browser.open(okta.startLogin().url());
            OktaBrokeredLoginIT.typeEmail(browser, "owen@globex.test");
            browser.signIn("owen@globex.test", OktaFixture.PASSWORD);
            browser.awaitText("Unknown role 'OWNER' in attribute 'role'; allowed: " + OktaFixture.ALLOWED_ROLES);
            browser.screenshot("provisioning-log-refused-login");
        }
        assertEquals(List.of(), okta.acmeUsers("owen@globex.test"), "the refused login created nobody");

        JsonNode rows = ProvisioningLogScenarios.await(() -> ProvisioningLogScenarios.log(keycloak.admin(), connector, ""),
                found -> found.size() == 2, "the refused login is logged");
        JsonNode login = rows.get(0);
        assertEquals("login", login.get("kind").asText(), rows.toString());
        assertEquals("owen@globex.test", login.get("userName").asText());
        assertEquals("IDENTITY_PROVIDER_LOGIN_ERROR via okta-saml", login.get("path").asText());
        assertTrue(login.get("reason").asText().contains("Unknown role 'OWNER' in attribute 'role'"), login.toString());
        assertTrue(login.get("status").isNull());
        JsonNode create = rows.get(1);
        assertEquals("scim", create.get("kind").asText());
        assertEquals(201, create.get("status").asInt());
        assertEquals("pat@globex.test", create.get("userName").asText());
        assertEquals(0, ProvisioningLogScenarios.log(keycloak.admin(), other, "").size(),
                "a connector without this identity provider logs nothing of it");
        JsonNode summary = keycloak.admin().expect(200, keycloak.admin().get(ProvisioningLogScenarios.logPath(connector)
                + "/summary"));
        assertEquals(1, summary.get("requestsLast24h").asInt(), "logins are not SCIM requests: " + summary);
    }
}
