package dev.enterpriseconnect.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;

import dev.enterpriseconnect.testbed.AdminApi;
import dev.enterpriseconnect.testbed.KeycloakProcess;

/**
 * The "Resend invitation" box as an administrator uses it: Keycloak's real admin console in
 * headless Chromium, the email read from a real SMTP server.
 */
@ExtendWith(KeycloakServer.class)
class ConsoleInvitationIT {

    @RegisterExtension
    static final Mailbox mailbox = new Mailbox();

    private static RunningKeycloak keycloak;
    private static AdminApi admin;

    @BeforeAll
    static void start(RunningKeycloak server) {
        keycloak = server;
        admin = server.admin();
    }

    @Test
    void anAdminTicksResendInvitationInTheConsoleSavesAndTheUserGetsANewEmail() throws Exception {
        String realm = keycloak.createRealm("console-resend", mailbox.realmSmtpJson());
        ScimClient scim = connector(realm);
        String email = "console.user@acme.test";
        String id = scim.post("/Users", "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"userName\":\""
                + email + "\",\"emails\":[{\"value\":\"" + email + "\",\"primary\":true}],\"active\":true}")
                .json().get("id").asText();
        String firstLink = mailbox.awaitEmails(email, 1).get(0).invitationLink();
        String noMailId = admin.post("/admin/realms/" + realm + "/users", "{\"username\":\"no-mail\",\"enabled\":true}")
                .headers().firstValue("Location").orElseThrow().replaceAll(".*/", "");

        try (Browser browser = new Browser()) {
            signInToConsole(browser, realm, id);
            browser.awaitText(email); // the user has arrived: the console will not reset the form after the tick
            tick(browser);
            browser.screenshot("console-invitation-section");
            save(browser);
            browser.awaitText("The user has been saved");
            browser.screenshot("console-invitation-saved");

            String secondLink = mailbox.awaitEmails(email, 2).get(1).invitationLink();
            assertEquals(410, new HttpBrowser().get(firstLink).statusCode(), "the old link stopped working");
            assertEquals(302, new HttpBrowser().get(secondLink).statusCode());
            JsonNode attributes = admin.expect(200, admin.get("/admin/realms/" + realm + "/users/" + id)).get("attributes");
            assertFalse(attributes.has("ec_invite_resend"), "the box cleared itself: " + attributes);

            // A user without email: the console shows why, and nothing is sent or saved.
            browser.open("about:blank");
            browser.open(userPage(realm, noMailId));
            browser.awaitText("no-mail");
            tick(browser);
            save(browser);
            browser.awaitText("The user has no email address");
            browser.screenshot("console-invitation-refused");
        }
        JsonNode unchanged = admin.expect(200, admin.get("/admin/realms/" + realm + "/users/" + noMailId));
        assertFalse(unchanged.path("attributes").has("ec_invite_resend"), unchanged.toString());
        assertFalse(unchanged.path("attributes").has("ec_invite_status"), unchanged.toString());
    }

    private static void signInToConsole(Browser browser, String realm, String userId) {
        browser.open(userPage(realm, userId));
        browser.signIn(KeycloakProcess.ADMIN_USER, KeycloakProcess.ADMIN_PASSWORD);
    }

    private static String userPage(String realm, String userId) {
        return keycloak.baseUrl() + "/admin/master/console/#/" + realm + "/users/" + userId + "/settings";
    }

    /** The checkbox in the user's "Invitation" section, found by the label the administrator reads. */
    private static WebElement resendBox(Browser browser) {
        browser.awaitText("Send a new invitation email when I save");
        WebElement label = browser.await(By.xpath("//label[contains(., 'Send a new invitation email when I save')]"));
        String target = label.getAttribute("for");
        assertTrue(target != null && !target.isBlank(), "the label names its checkbox");
        WebElement box = browser.driver().findElement(By.id(target));
        // Above the console's sticky Save bar, where a person would scroll it.
        ((JavascriptExecutor) browser.driver()).executeScript("arguments[0].scrollIntoView({block: 'center'})", box);
        return box;
    }

    /** Ticks the box once the console has filled the form (it resets the form when the user arrives). */
    private static void tick(Browser browser) throws InterruptedException {
        WebElement box = resendBox(browser);
        long deadline = System.currentTimeMillis() + 10_000;
        while (!box.isSelected()) {
            assertTrue(System.currentTimeMillis() < deadline, "the box stays ticked");
            box.click();
            Thread.sleep(500);
            box = resendBox(browser);
        }
    }

    private static void save(Browser browser) {
        browser.driver().findElement(By.cssSelector("[data-testid='user-creation-save']")).click();
    }

    private static ScimClient connector(String realm) {
        JsonNode created = admin.expect(201, admin.post("/admin/realms/" + realm + "/scim-connectors", "{\"name\":\"okta\"}"));
        return ScimClient.bearer(URI.create(created.get("scimBaseUrl").asText()), created.get("token").asText());
    }
}
