package dev.enterpriseconnect.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;

/**
 * The organization Globex owns globex.test and globex.example and signs in with Okta: typing an email
 * of either domain on the login page goes to Okta, and a password no longer signs such a user in.
 */
@ExtendWith(KeycloakServer.class)
class EmailDomainRoutingIT {

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
    void everyDomainOfTheOrganizationGoesToOkta() {
        for (String email : new String[] {"new.person@globex.test", "new.person@globex.example"}) {
            try (Browser browser = new Browser()) {
                browser.open(okta.startLogin().url());
                OktaBrokeredLoginIT.typeEmail(browser, email);
                browser.awaitUrlContaining("/realms/" + okta.okta + "/");
                browser.await(By.id("password"));
                browser.screenshot("email-domain-routed-" + email.substring(email.indexOf('@') + 1));
            }
        }
    }

    @Test
    void aUserOfTheDomainWithAPasswordIsSentToOktaInsteadOfThePasswordForm() {
        String id = okta.localUser("legacy@globex.example", true);
        okta.oktaUser("legacy@globex.example", "DEVELOPER", "Platform");
        OktaFixture.Pkce login = okta.startLogin();
        try (Browser browser = new Browser()) {
            browser.open(login.url());
            OktaBrokeredLoginIT.typeEmail(browser, "legacy@globex.example");
            browser.awaitUrlContaining("/realms/" + okta.okta + "/");
            browser.signIn("legacy@globex.example", OktaFixture.PASSWORD);
            browser.awaitText(SaasAppStub.SIGNED_IN);
        }
        okta.redeem(okta.app.nextCallback(), login);
        assertEquals(Set.of("okta-saml"), okta.linkedProviders(id), "linked: verified email, trusted provider");
    }

    @Test
    void aUserOutsideTheDomainsStillSignsInWithAPassword() {
        okta.localUser("carol@initech.test", true);
        OktaFixture.Pkce login = okta.startLogin();
        try (Browser browser = new Browser()) {
            browser.open(login.url());
            OktaBrokeredLoginIT.typeEmail(browser, "carol@initech.test");
            browser.await(By.id("password")).sendKeys("local-pw");
            browser.driver().findElement(By.id("kc-login")).click();
            browser.awaitText(SaasAppStub.SIGNED_IN);
        }
        assertTrue(okta.redeem(okta.app.nextCallback(), login).has("sub"));
    }
}
