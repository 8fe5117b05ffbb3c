package dev.enterpriseconnect.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

import dev.enterpriseconnect.testbed.AdminApi;
import dev.enterpriseconnect.testbed.KeycloakProcess;

/**
 * What an administrator and the user see of a provisioned user, in Keycloak's real admin and
 * account consoles (headless Chromium): the IdP's fields read-only and the managing connector
 * named; after the administrator detaches the user, the same fields editable and saved.
 * Screenshots: target/screenshots/source-of-truth-*.png.
 */
@ExtendWith(KeycloakServer.class)
class SourceOfTruthConsoleIT {

    private static final String PASSWORD = "correct-horse-battery";

    @Test
    void theConsolesShowTheIdpFieldsReadOnlyUntilTheAdministratorDetachesTheUser(RunningKeycloak keycloak) {
        String realm = keycloak.createRealm("truth-console");
        AdminApi admin = keycloak.admin();
        RunningKeycloak.Connector okta = keycloak.createConnector(realm, "okta");
        String id = keycloak.scim(okta).post("/Users", "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],"
                + "\"userName\":\"cara@acme.test\",\"name\":{\"givenName\":\"Cara\",\"familyName\":\"Diaz\"},"
                + "\"title\":\"Engineer\",\"emails\":[{\"value\":\"cara@acme.test\",\"primary\":true}],\"active\":true}")
                .json().get("id").asText();
        admin.expect(204, admin.put("/admin/realms/" + realm + "/users/" + id + "/reset-password",
                "{\"type\":\"password\",\"value\":\"" + PASSWORD + "\",\"temporary\":false}"));
        String userPage = keycloak.baseUrl() + "/admin/master/console/#/" + realm + "/users/" + id + "/settings";
        String accountPage = keycloak.baseUrl() + "/realms/" + realm + "/account/";

        try (Browser console = new Browser(); Browser account = new Browser()) {
            console.open(userPage);
            console.signIn(KeycloakProcess.ADMIN_USER, KeycloakProcess.ADMIN_PASSWORD);
            console.awaitText("Source of truth");
            assertEquals("okta", value(console, "ec_managed_by"), "the managing connector is named");
            assertEquals("Engineer", value(console, "scim_title"));
            for (String field : new String[] {"firstName", "lastName", "email", "scim_title"}) {
                assertFalse(editable(console, field), field + " is read-only in the admin console");
            }
            assertTrue(console.driver().findElements(By.id("scim_nickName")).isEmpty(), "nothing sent, nothing shown");
            scrollTo(console, "ec_managed_by");
            console.screenshot("source-of-truth-admin-console-managed");

            account.open(accountPage);
            account.signIn("cara@acme.test", PASSWORD);
            account.await(By.id("firstName"));
            assertEquals("Cara", value(account, "firstName"));
            for (String field : new String[] {"firstName", "lastName", "email"}) {
                assertFalse(editable(account, field), field + " is read-only in the account console");
            }
            account.screenshot("source-of-truth-account-console-managed");

            // The administrator takes the user over.
            admin.expect(200, admin.post("/admin/realms/" + realm + "/scim-connectors/" + okta.id() + "/users/" + id
                    + "/detach", ""));

            console.open("about:blank");
            console.open(userPage);
            console.awaitText("Detached from SCIM connector");
            assertEquals("okta", value(console, "ec_detached_from"));
            assertTrue(editable(console, "firstName"), "editable in the admin console after the detach");
            assertTrue(editable(console, "lastName"));
            assertFalse(editable(console, "scim_title"), "what the IdP sent stays a read-only record");
            console.screenshot("source-of-truth-admin-console-detached");

            account.open("about:blank");
            account.open(accountPage);
            account.await(By.id("firstName"));
            assertTrue(editable(account, "firstName"), "editable in the account console after the detach");
            WebElement firstName = account.driver().findElement(By.id("firstName"));
            firstName.sendKeys(Keys.chord(Keys.CONTROL, "a"), "Carla");
            account.driver().findElement(By.xpath("//button[normalize-space(.)='Save']")).click();
            account.awaitText("Your account has been updated");
            account.screenshot("source-of-truth-account-console-detached-saved");
        }
        JsonNode saved = admin.expect(200, admin.get("/admin/realms/" + realm + "/users/" + id));
        assertEquals("Carla", saved.get("firstName").asText(), "the user's own edit was stored");
    }

    private static String value(Browser browser, String id) {
        return browser.await(By.id(id)).getAttribute("value");
    }

    /** An input a person can type into: enabled and not read-only. */
    private static boolean editable(Browser browser, String id) {
        WebElement input = browser.await(By.id(id));
        return input.isEnabled() && input.getAttribute("readonly") == null;
    }

    private static void scrollTo(Browser browser, String id) {
        ((JavascriptExecutor) browser.driver()).executeScript("arguments[0].scrollIntoView({block: 'center'})",
                browser.driver().findElement(By.id(id)));
    }
}
