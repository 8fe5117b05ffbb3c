package dev.enterpriseconnect.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import dev.enterpriseconnect.testbed.AdminApi;
import dev.enterpriseconnect.testbed.DemoRealms;
import dev.enterpriseconnect.testbed.DemoServer;
import dev.enterpriseconnect.testbed.OktaStandIn;

/**
 * The demo as a newcomer meets it: two customers, each an Organization with its own connector, that
 * never see each other's people; invitations read in the demo mailbox with a browser, whose links
 * end signed in (Initech's through a password, Globex's through its Okta); and people who arrive
 * through Globex's Okta becoming Globex members.
 */
@ExtendWith(RunningDemo.class)
class DemoCustomersIT {

    private static final String REALM = DemoRealms.ACME_REALM;
    private static final String INVITATION = "urn:enterpriseconnect:params:scim:schemas:extension:invitation:2.0:User";

    @Test
    void eachCustomersConnectorSeesOnlyItsOwnPeople(DemoServer demo) {
        ScimClient globex = scim(demo, DemoServer.GLOBEX_CONNECTOR);
        ScimClient initech = scim(demo, DemoServer.INITECH_CONNECTOR);
        String gus = created(globex.post("/Users", user("gus@globex.test", "Gus")));
        String ida = created(initech.post("/Users", user("ida@initech.example", "Ida")));

        assertEquals(1, globex.get("/Users?filter=" + eq("gus@globex.test")).json().get("totalResults").asInt());
        assertEquals(0, initech.get("/Users?filter=" + eq("gus@globex.test")).json().get("totalResults").asInt());
        assertEquals(0, globex.get("/Users?filter=" + eq("ida@initech.example")).json().get("totalResults").asInt());
        assertNotFound(initech.get("/Users/" + gus));
        assertNotFound(globex.get("/Users/" + ida));
        // Writes across the line are refused as unknown, and change nothing.
        assertNotFound(initech.put("/Users/" + gus, user("gus@globex.test", "Mallory")));
        assertNotFound(initech.delete("/Users/" + gus));
        JsonNode stillGus = globex.get("/Users/" + gus).json();
        assertEquals("Gus", stillGus.at("/name/givenName").asText(), stillGus.toString());
        assertTrue(stillGus.get("active").asBoolean(), stillGus.toString());

        AdminApi admin = new AdminApi(demo.baseUrl());
        assertTrue(isMember(admin, demo.organizationId(DemoServer.GLOBEX_CONNECTOR), "gus@globex.test"));
        assertTrue(isMember(admin, demo.organizationId(DemoServer.INITECH_CONNECTOR), "ida@initech.example"));
        assertTrue(!isMember(admin, demo.organizationId(DemoServer.INITECH_CONNECTOR), "gus@globex.test"));
    }

    @Test
    void initechsInvitationReadInTheMailboxLeadsToAPasswordAndASignIn(DemoServer demo) throws Exception {
        ScimClient initech = scim(demo, DemoServer.INITECH_CONNECTOR);
        String iris = created(initech.post("/Users", user("iris@initech.example", "Iris")));
        try (Browser browser = new Browser()) {
            openInvitation(browser, demo, "iris@initech.example", "demo-mailbox-initech");
            browser.await(By.cssSelector("a[href*='login-actions/action-token']")).click();
            browser.await(By.id("password-new")).sendKeys("Iris-pw-2026!");
            browser.driver().findElement(By.id("password-confirm")).sendKeys("Iris-pw-2026!");
            browser.screenshot("demo-invitation-initech-set-password");
            browser.driver().findElement(By.cssSelector("[type=submit]")).click();
            awaitSignedIn(browser, demo, "iris@initech.example", "Iris-pw-2026!");
            browser.screenshot("demo-invitation-initech-signed-in");
        }
        assertEquals("accepted", initech.get("/Users/" + iris).json().get(INVITATION).get("status").asText());
    }

    @Test
    void globexsInvitationGoesThroughItsOktaAndNewOktaPeopleBecomeMembers(DemoServer demo) throws Exception {
        ScimClient globex = scim(demo, DemoServer.GLOBEX_CONNECTOR);
        String alex = created(globex.post("/Users", user("alex@globex.test", "Alex")));
        try (Browser browser = new Browser()) {
            openInvitation(browser, demo, "alex@globex.test", "demo-mailbox-globex");
            browser.awaitUrlContaining("/realms/" + DemoRealms.OKTA_REALM + "/");
            browser.screenshot("demo-invitation-globex-okta");
            browser.signIn("alex@globex.test", OktaStandIn.DEMO_PASSWORD);
            awaitSignedIn(browser, demo, null, null);
            browser.screenshot("demo-invitation-globex-signed-in");
        }
        assertEquals("accepted", globex.get("/Users/" + alex).json().get(INVITATION).get("status").asText());

        // Nina exists only in Globex's Okta: her first sign-in creates her, a Globex member the connector sees.
        AdminApi admin = new AdminApi(demo.baseUrl());
        admin.expect(201, admin.post("/admin/realms/" + DemoRealms.OKTA_REALM + "/users", "{\"username\":\"nina@globex.test\","
                + "\"email\":\"nina@globex.test\",\"emailVerified\":true,\"enabled\":true,\"firstName\":\"Nina\",\"lastName\":\"Jit\","
                + "\"attributes\":{\"role\":[\"DEVELOPER\"],\"division\":[\"Platform\"]},\"credentials\":[{\"type\":\"password\","
                + "\"value\":\"" + OktaStandIn.DEMO_PASSWORD + "\",\"temporary\":false}]}"));
        assertEquals(0, globex.get("/Users?filter=" + eq("nina@globex.test")).json().get("totalResults").asInt());
        try (Browser browser = new Browser()) {
            browser.open(demo.baseUrl() + "/realms/" + REALM + "/account");
            browser.await(By.id("username")).sendKeys("nina@globex.test");
            browser.driver().findElement(By.id("kc-login")).click();
            browser.awaitUrlContaining("/realms/" + DemoRealms.OKTA_REALM + "/");
            browser.signIn("nina@globex.test", OktaStandIn.DEMO_PASSWORD);
            awaitSignedIn(browser, demo, null, null);
        }
        assertTrue(isMember(admin, demo.organizationId(DemoServer.GLOBEX_CONNECTOR), "nina@globex.test"),
                "a first login through Globex's Okta makes a Globex member");
        assertEquals(1, globex.get("/Users?filter=" + eq("nina@globex.test")).json().get("totalResults").asInt());
        assertEquals(0, scim(demo, DemoServer.INITECH_CONNECTOR).get("/Users?filter=" + eq("nina@globex.test")).json()
                .get("totalResults").asInt());
    }

    /** The mailbox page, the recipient's message, the link in it. */
    private static void openInvitation(Browser browser, DemoServer demo, String recipient, String screenshot) {
        browser.open(demo.mailboxUrl().toString());
        // The email goes out before the SCIM answer; reload until the page lists it.
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!browser.text().contains(recipient)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("The mailbox lists no email to " + recipient + ":\n" + browser.text());
            }
            browser.driver().navigate().refresh();
        }
        browser.screenshot(screenshot);
        browser.await(By.xpath("//tr[td[contains(., '" + recipient + "')]]//a[@class='message']")).click();
        WebElement link = browser.await(By.cssSelector("a[href*='/enterprise-invitation?token=']"));
        browser.screenshot(screenshot + "-message");
        link.click();
    }

    /**
     * Until the account console shows its menu: signs in when Keycloak asks ({@code username} given), follows
     * "Back to application" when Keycloak offers it.
     */
    private static void awaitSignedIn(Browser browser, DemoServer demo, String username, String password) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        String url = "";
        String text = "";
        while (true) {
            try {
                url = browser.url();
                text = browser.text();
                if (url.startsWith(demo.baseUrl() + "/realms/" + REALM + "/account") && text.contains("Personal info")) {
                    return;
                }
                List<WebElement> back = browser.driver().findElements(By.xpath("//a[contains(translate(.,"
                        + " 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz'), 'back to application')]"));
                List<WebElement> user = browser.driver().findElements(By.id("username"));
                List<WebElement> secret = browser.driver().findElements(By.id("password"));
                if (!back.isEmpty()) {
                    back.get(0).click();
                } else if (username != null && !secret.isEmpty() && secret.get(0).isDisplayed()) {
                    // The realm asks for the email first (Organizations), then for the password.
                    if (!user.isEmpty() && user.get(0).isDisplayed()) {
                        user.get(0).clear();
                        user.get(0).sendKeys(username);
                    }
                    secret.get(0).sendKeys(password);
                    browser.driver().findElement(By.id("kc-login")).click();
                } else if (username != null && !user.isEmpty() && user.get(0).isDisplayed()) {
                    user.get(0).clear();
                    user.get(0).sendKeys(username);
                    browser.driver().findElement(By.id("kc-login")).click();
                }
            } catch (org.openqa.selenium.StaleElementReferenceException | org.openqa.selenium.NoSuchElementException
                    navigating) {
                // The page changed while it was read (redirects, the console loading): look again.
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Not signed in to the account console after 60 s; the browser shows " + url
                        + ":\n" + text.substring(0, Math.min(2000, text.length())));
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    private static boolean isMember(AdminApi admin, String organizationId, String email) {
        JsonNode members = admin.expect(200, admin.get("/admin/realms/" + REALM + "/organizations/" + organizationId
                + "/members?exact=true&search=" + URLEncoder.encode(email, StandardCharsets.UTF_8)));
        for (JsonNode member : members) {
            if (email.equals(member.path("email").asText())) {
                return true;
            }
        }
        return false;
    }

    private static void assertNotFound(ScimClient.Result result) {
        assertEquals(404, result.status(), result.response().body());
        assertEquals("urn:ietf:params:scim:api:messages:2.0:Error", result.json().get("schemas").get(0).asText());
        assertEquals("404", result.json().get("status").asText());
    }

    private static ScimClient scim(DemoServer demo, String connector) {
        return ScimClient.bearer(URI.create(demo.scimBaseUrl(connector)), demo.token(connector));
    }

    private static String created(ScimClient.Result result) {
        assertEquals(201, result.status(), result.response().body());
        return result.json().get("id").asText();
    }

    private static String user(String email, String givenName) {
        return ConcurrentProvisioningScenarios.user(email, givenName);
    }

    private static String eq(String userName) {
        return URLEncoder.encode("userName eq \"" + userName + "\"", StandardCharsets.UTF_8);
    }
}
