package dev.enterpriseconnect.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;

import dev.enterpriseconnect.it.ScimClient.Result;

/**
 * A customer's people sign in through their Okta (another realm of the same Keycloak plays it) by SAML
 * and OIDC, in a real headless Chromium, and get the role and team their Okta attributes name.
 */
@ExtendWith(KeycloakServer.class)
class OktaBrokeredLoginIT {

    private static OktaFixture okta;

    @BeforeAll
    static void realms(RunningKeycloak keycloak) {
        okta = new OktaFixture(keycloak);
    }

    @AfterAll
    static void stop() {
        okta.close();
    }

    @Test
    void spInitiatedSamlCreatesTheUserWithTheRoleAndTeamOktaSends() {
        okta.oktaUser("joan@globex.test", "MANAGER", "Platform");
        OktaFixture.Pkce login = okta.startLogin();
        try (Browser browser = new Browser()) {
            browser.open(login.url());
            browser.await(By.id("username"));
            browser.screenshot("saml-sp-initiated-1-acme-login");
            typeEmail(browser, "joan@globex.test");
            browser.awaitUrlContaining("/realms/" + okta.okta + "/");
            browser.screenshot("saml-sp-initiated-2-okta-login");
            browser.signIn("joan@globex.test", OktaFixture.PASSWORD);
            browser.awaitText(SaasAppStub.SIGNED_IN);
        }
        JsonNode claims = okta.redeem(okta.app.nextCallback(), login);
        assertTrue(OktaFixture.tokenRealmRoles(claims).contains("manager"), claims.toString());
        String id = okta.acmeUserId("joan@globex.test");
        assertEquals(Set.of("manager"), okta.realmRoles(id));
        assertEquals(Set.of("/Teams/Platform"), okta.groupPaths(id));
        assertEquals(Set.of("okta-saml"), okta.linkedProviders(id));
    }

    @Test
    void aLaterLoginWithAChangedRoleAndDivisionReplacesOnlyWhatTheMappingManages() {
        okta.oktaUser("ray@globex.test", "ANALYST", "Sales");
        samlLogin("ray@globex.test");
        String id = okta.acmeUserId("ray@globex.test");
        assertEquals(Set.of("analyst"), okta.realmRoles(id));
        assertEquals(Set.of("/Teams/Sales"), okta.groupPaths(id));
        okta.grantRealmRole(id, "beta-tester");

        okta.changeOktaAttribute("ray@globex.test", "role", "DEVELOPER");
        okta.changeOktaAttribute("ray@globex.test", "division", "Platform");
        samlLogin("ray@globex.test");

        assertEquals(id, okta.acmeUserId("ray@globex.test"));
        assertEquals(Set.of("beta-tester", "developer"), okta.realmRoles(id));
        assertEquals(Set.of("/Teams/Platform"), okta.groupPaths(id));
    }

    @Test
    void idpInitiatedSamlFromOktaLandsInTheClient() {
        okta.oktaUser("ida@globex.test", "DESIGNER", null);
        try (Browser browser = new Browser()) {
            // Okta's app tile: the okta realm's IdP-initiated URL; it posts to /broker/okta-saml/endpoint/clients/acme-portal
            browser.open(okta.base + "/realms/" + okta.okta + "/protocol/saml/clients/acme-portal");
            browser.screenshot("saml-idp-initiated-okta-login");
            browser.signIn("ida@globex.test", OktaFixture.PASSWORD);
            browser.awaitText(SaasAppStub.SIGNED_IN);
        }
        String response = okta.app.nextSamlResponse();
        assertTrue(response.contains("ida@globex.test"), response);
        assertTrue(response.contains("Destination=\"" + okta.app.samlAcsUrl() + "\""), response);
        String id = okta.acmeUserId("ida@globex.test");
        assertEquals(Set.of("designer"), okta.realmRoles(id));
        assertEquals(Set.of("/Teams/General"), okta.groupPaths(id), "no division: the default team");
    }

    @Test
    void oidcAuthorizationCodeWithPkceAppliesGroupRules() {
        okta.oktaUser("olga@initech.test", "SUPPORT_SPECIALIST", "Sales", "Okta Admins");
        OktaFixture.Pkce login = okta.startLogin();
        try (Browser browser = new Browser()) {
            browser.open(login.url());
            browser.await(By.id("social-okta-oidc")).click();
            browser.awaitUrlContaining("/realms/" + okta.okta + "/protocol/openid-connect/auth");
            assertTrue(browser.url().contains("code_challenge_method=S256"), browser.url());
            browser.screenshot("oidc-okta-login");
            browser.signIn("olga@initech.test", OktaFixture.PASSWORD);
            browser.awaitText(SaasAppStub.SIGNED_IN);
        }
        JsonNode claims = okta.redeem(okta.app.nextCallback(), login);
        assertTrue(OktaFixture.tokenRealmRoles(claims).contains("administrator"), claims.toString());
        String id = okta.acmeUserId("olga@initech.test");
        assertEquals(Set.of("administrator"), okta.realmRoles(id), "group 'Okta Admins' outranks SUPPORT_SPECIALIST");
        assertEquals(Set.of("/Teams/Sales"), okta.groupPaths(id));
        assertEquals(Set.of("okta-oidc"), okta.linkedProviders(id));
    }

    @Test
    void aUserProvisionedBySCIMSignsInToTheSameAccount() {
        JsonNode created = okta.admin.expect(201, okta.admin.post("/admin/realms/" + okta.acme + "/scim-connectors",
                "{\"name\":\"okta-prod\",\"roleMapping\":{\"roleAttribute\":\"role\",\"roles\":\"ADMINISTRATOR=realm:administrator;"
                        + " MANAGER=realm:manager; DEVELOPER=realm:developer; DESIGNER=realm:designer;"
                        + " SUPPORT_SPECIALIST=realm:support; ANALYST=realm:analyst\"}}"));
        ScimClient scim = ScimClient.bearer(URI.create(created.get("scimBaseUrl").asText()), created.get("token").asText());
        Result provisioned = scim.post("/Users", "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],"
                + "\"userName\":\"sam@globex.test\",\"externalId\":\"00u-sam\",\"role\":\"DEVELOPER\","
                + "\"name\":{\"givenName\":\"Sam\",\"familyName\":\"Provisioned\"},"
                + "\"emails\":[{\"value\":\"sam@globex.test\",\"type\":\"work\",\"primary\":true}],\"active\":true}");
        assertEquals(201, provisioned.status(), provisioned.response().body());
        String scimId = provisioned.json().get("id").asText();
        okta.oktaUser("sam@globex.test", "DEVELOPER", "Platform");

        samlLogin("sam@globex.test");

        List<JsonNode> users = okta.acmeUsers("sam@globex.test");
        assertEquals(1, users.size(), users.toString());
        assertEquals(scimId, users.get(0).get("id").asText());
        assertEquals(Set.of("okta-saml"), okta.linkedProviders(scimId));
        assertEquals(Set.of("developer"), okta.realmRoles(scimId));
    }

    @Test
    void anExistingLocalUserWithAVerifiedEmailIsLinkedOnFirstOktaLogin() {
        String localId = okta.localUser("lee@initech.test", true);
        okta.oktaUser("lee@initech.test", "MANAGER", "Sales");
        oidcLogin("lee@initech.test");
        assertEquals(localId, okta.acmeUserId("lee@initech.test"));
        assertEquals(Set.of("okta-oidc"), okta.linkedProviders(localId));
        assertEquals(Set.of("manager"), okta.realmRoles(localId));
    }

    @Test
    void anExistingLocalUserWithAnUnverifiedEmailAndAPasswordIsNotTakenOver() {
        String localId = okta.localUser("una@initech.test", false);
        okta.oktaUser("una@initech.test", "MANAGER", "Sales");
        try (Browser browser = new Browser()) {
            browser.open(okta.startLogin().url());
            browser.await(By.id("social-okta-oidc")).click();
            browser.signIn("una@initech.test", OktaFixture.PASSWORD);
            browser.awaitText("An account with this email already exists, but its email is not verified, so it cannot be"
                    + " linked to okta-oidc automatically.");
            browser.screenshot("link-refused-unverified-email");
        }
        assertEquals(Set.of(), okta.linkedProviders(localId));
        assertEquals(Set.of(), okta.realmRoles(localId));
    }

    @Test
    void anUnknownRoleEndsTheLoginOnAPageNamingTheAllowedRolesAndCreatesNoUser() {
        okta.oktaUser("owen@globex.test", "OWNER", "Platform");
        try (Browser browser = new Browser()) {
            browser.open(okta.startLogin().url());
            typeEmail(browser, "owen@globex.test");
            browser.signIn("owen@globex.test", OktaFixture.PASSWORD);
            browser.awaitText("Unknown role 'OWNER' in attribute 'role'; allowed: " + OktaFixture.ALLOWED_ROLES);
            browser.screenshot("unknown-role-error-page");
        }
        assertEquals(List.of(), okta.acmeUsers("owen@globex.test"));
    }

    private static void samlLogin(String email) {
        OktaFixture.Pkce login = okta.startLogin();
        try (Browser browser = new Browser()) {
            browser.open(login.url());
            typeEmail(browser, email);
            browser.signIn(email, OktaFixture.PASSWORD);
            browser.awaitText(SaasAppStub.SIGNED_IN);
        }
        okta.redeem(okta.app.nextCallback(), login);
    }

    private static void oidcLogin(String email) {
        OktaFixture.Pkce login = okta.startLogin();
        try (Browser browser = new Browser()) {
            browser.open(login.url());
            browser.await(By.id("social-okta-oidc")).click();
            browser.signIn(email, OktaFixture.PASSWORD);
            browser.awaitText(SaasAppStub.SIGNED_IN);
        }
        okta.redeem(okta.app.nextCallback(), login);
    }

    /** The first, identity-first page of the acme realm: the user types an email and continues. */
    static void typeEmail(Browser browser, String email) {
        browser.await(By.id("username")).sendKeys(email);
        browser.driver().findElement(By.id("kc-login")).click();
    }
}
