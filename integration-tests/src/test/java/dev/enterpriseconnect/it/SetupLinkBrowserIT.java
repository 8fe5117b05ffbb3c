package dev.enterpriseconnect.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import dev.enterpriseconnect.testbed.AdminApi;
import dev.enterpriseconnect.testbed.KeycloakProcess;
import dev.enterpriseconnect.testbed.OktaStandIn;

/**
 * A customer's IT admin completes setup from a link in headless Chromium, with no Keycloak account:
 * the Okta path against the demo's Okta stand-in (metadata URL, a domain proven over DNS, the SCIM
 * secret, a SCIM create in the status panel, a test sign-in), the Entra path's values, a phone-width
 * screen, and the pages of an expired and a revoked link. Screenshots in target/screenshots/.
 */
@ExtendWith(KeycloakServer.class)
class SetupLinkBrowserIT {

    private static URI base;
    private static AdminApi admin;
    private static String realm;
    private static String okta;
    private static String globex;
    private static String initech;

    @BeforeAll
    static void start(RunningKeycloak keycloak) {
        base = keycloak.baseUrl();
        admin = keycloak.admin();
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        realm = "browser-setup-" + suffix;
        okta = "okta-" + suffix;
        admin.expect(201, admin.post("/admin/realms", OktaStandIn.render(OktaStandIn.OKTA_TEMPLATE, base, realm, okta)));
        admin.expect(201, admin.post("/admin/realms", "{\"realm\":\"" + realm + "\",\"enabled\":true,\"organizationsEnabled\":true,"
                + "\"displayName\":\"Acme Cloud\"}"));
        globex = organization("Globex", "globex");
        initech = organization("Initech", "initech");
    }

    private static String organization(String name, String alias) {
        admin.expect(201, admin.post("/admin/realms/" + realm + "/organizations", "{\"name\":\"" + name + "\",\"alias\":\"" + alias
                + "\",\"enabled\":true,\"domains\":[]}"));
        return admin.expect(200, admin.get("/admin/realms/" + realm + "/organizations?exact=true&search=" + name)).get(0)
                .get("id").asText();
    }

    private static JsonNode link(String organizationId, String extra) {
        return admin.expect(201, admin.post("/admin/realms/" + realm + "/enterprise-connect/setup-links",
                "{\"organizationId\":\"" + organizationId + "\",\"contact\":\"Sam at Acme Cloud\"" + extra + "}"));
    }

    @Test
    void anItAdminCompletesTheOktaPathAndSignsIn() {
        String url = link(globex, ",\"connector\":\"okta\"").get("url").asText();
        try (Browser browser = new Browser()) {
            browser.open(url);
            browser.awaitText("Set up single sign-on and provisioning for Globex");
            assertTrue(browser.text().contains("Acme Cloud"), "the realm's display name");
            browser.screenshot("setup-link-opened");

            click(browser, By.id("vendor-okta"));
            browser.await(By.id("saml-values"));
            String acs = base + "/realms/" + realm + "/broker/okta-saml/endpoint";
            assertEquals(acs, browser.driver().findElement(By.xpath(
                    "//table[@id='saml-values']//tr[td[1][starts-with(., 'Single sign-on URL')]]//button")).getAttribute("data-copy"));
            assertTrue(browser.text().contains("Attribute statement: role"), "the role attribute statement");
            assertTrue(browser.text().contains("Attribute statement: division"), "the team attribute statement");
            browser.screenshot("setup-link-okta-values");

            type(browser, "metadata-url", base + "/realms/" + okta + "/protocol/saml/descriptor");
            click(browser, By.id("save-metadata"));
            browser.awaitText("Identity provider saved.");
            assertTrue(browser.text().contains("Signing certificate: CN=" + okta + ", valid until 20"), browser.text());
            browser.screenshot("setup-link-okta-metadata");

            type(browser, "domains", "globex.test");
            click(browser, By.id("save-domains"));
            WebElement record = browser.await(By.cssSelector("#domain-list tr[data-domain='globex.test'] button[aria-label='Copy record value']"));
            assertTrue(browser.text().contains("unverified"));
            TestDns.shared().publishTxt("_enterprise-connect.globex.test", record.getAttribute("data-copy"));
            click(browser, By.id("check-domains"));
            browser.awaitText("All domains verified.");
            browser.screenshot("setup-link-okta-domain-verified");

            click(browser, By.id("generate-secret"));
            String token = browser.await(By.cssSelector("#secret [data-secret='token']")).getText();
            assertTrue(token.startsWith("ecs_"), token);
            assertTrue(browser.text().contains("Push New Users") && browser.text().contains("Deactivate Users")
                    && browser.text().contains("Push Groups"), "the provisioning actions to tick");
            browser.screenshot("setup-link-okta-secret");

            ScimClient scim = ScimClient.bearer(URI.create(base + "/realms/" + realm + "/enterprise-scim/okta/v2"), token);
            assertEquals(201, scim.post("/Users", "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],"
                    + "\"userName\":\"alex@globex.test\",\"emails\":[{\"value\":\"alex@globex.test\",\"primary\":true}],"
                    + "\"active\":true}").status());
            browser.await(By.xpath("//table[@id='scim-requests']//tr[td[2][contains(., 'POST /Users')] and td[3][.='201']]"));
            browser.screenshot("setup-link-okta-scim-status");

            String setupTab = browser.driver().getWindowHandle();
            click(browser, By.id("test-sign-in"));
            List<String> tabs = new ArrayList<>(browser.driver().getWindowHandles());
            tabs.remove(setupTab);
            assertEquals(1, tabs.size(), "the test sign-in opened a new tab");
            browser.driver().switchTo().window(tabs.get(0));
            browser.awaitUrlContaining("/realms/" + okta + "/");
            browser.signIn("jane@globex.test", OktaStandIn.DEMO_PASSWORD);
            browser.awaitText("Test sign-in finished");
            browser.screenshot("setup-link-okta-test-sign-in-tab");
            browser.driver().close();
            browser.driver().switchTo().window(setupTab);
            browser.awaitText("Sign-in succeeded for jane@globex.test");
            browser.screenshot("setup-link-okta-status");

            browser.driver().manage().window().setSize(new Dimension(390, 844));
            browser.driver().navigate().refresh();
            browser.awaitText("Set up single sign-on and provisioning for Globex");
            click(browser, By.id("vendor-okta"));
            browser.await(By.id("saml-values"));
            long overflow = (Long) ((JavascriptExecutor) browser.driver()).executeScript(
                    "return document.documentElement.scrollWidth - window.innerWidth;");
            assertTrue(overflow <= 1, "no sideways scrolling on a phone-width screen: " + overflow + " px");
            long clipped = (Long) ((JavascriptExecutor) browser.driver()).executeScript(
                    "return Array.from(document.querySelectorAll('#saml-values td')).filter(function (td) {"
                            + " return td.scrollWidth > td.clientWidth + 1; }).length;");
            assertEquals(0, clipped, "every value fits its cell on a phone-width screen");
            browser.screenshot("setup-link-phone-width");
        }
    }

    @Test
    void aVendorAdministratorCreatesAndRevokesALinkInTheConsole() throws Exception {
        try (Browser browser = new Browser()) {
            browser.open(base + "/realms/" + realm + "/enterprise-connect/console");
            browser.await(By.id("sign-in-master")).click();
            browser.signIn(KeycloakProcess.ADMIN_USER, KeycloakProcess.ADMIN_PASSWORD);
            browser.awaitText("Setup links");
            new Select(browser.await(By.id("link-organization"))).selectByVisibleText("Initech");
            type(browser, "link-days", "3");
            type(browser, "link-contact", "Sam at Acme Cloud");
            click(browser, By.id("create-link-submit"));
            String url = browser.await(By.cssSelector("#link-created [data-link='url']")).getText();
            assertTrue(url.startsWith(base + "/realms/" + realm + "/enterprise-connect/setup/"), url);
            assertTrue(browser.text().contains("Setup link for Initech, valid until"), browser.text());
            assertEquals(200, SetupLinkIT.get(url).statusCode(), "the link opens");
            browser.screenshot("console-setup-link-created");

            // Newest first: the link just made heads the table.
            click(browser, By.cssSelector("#setup-link-table tbody tr:first-child button"));
            browser.await(By.xpath("//table[@id='setup-link-table']/tbody/tr[1]/td[@data-column='status'][.='revoked']"));
            assertEquals(410, SetupLinkIT.get(url).statusCode(), "revoked in the console: the page says so");
            browser.screenshot("console-setup-link-revoked");
        }
    }

    @Test
    void theEntraPathShowsEntrasValuesForThisCustomer() {
        String url = link(initech, "").get("url").asText();
        try (Browser browser = new Browser()) {
            browser.open(url);
            browser.awaitText("Set up single sign-on and provisioning for Initech");
            click(browser, By.id("vendor-entra"));
            browser.await(By.id("saml-values"));
            String text = browser.text();
            assertTrue(text.contains("Identifier (Entity ID)"), text);
            assertTrue(text.contains("Reply URL (Assertion Consumer Service URL)"), text);
            assertTrue(text.contains(base + "/realms/" + realm + "/broker/initech-saml/endpoint"), text);
            assertTrue(text.contains("Tenant URL"), text);
            assertTrue(text.contains(base + "/realms/" + realm + "/enterprise-scim/initech/v2"), text);
            assertTrue(text.contains("App Federation Metadata Url"), text);
            assertFalse(text.contains("Globex") || text.contains("okta-saml"), "nothing of another Organization");
            browser.screenshot("setup-link-entra-values");
        }
    }

    @Test
    void anExpiredLinkAndARevokedLinkEachShowTheirPage() throws Exception {
        JsonNode revoked = link(initech, "");
        admin.expect(200, admin.post("/admin/realms/" + realm + "/enterprise-connect/setup-links/" + revoked.get("id").asText()
                + "/revoke", "{}"));
        JsonNode expiring = link(initech, ",\"expiresIn\":\"PT1S\"");
        SetupLinkIT.awaitStatus(expiring.get("url").asText(), 410);
        try (Browser browser = new Browser()) {
            browser.open(revoked.get("url").asText());
            browser.awaitText("This setup link was revoked");
            assertTrue(browser.text().contains("Ask Sam at Acme Cloud for a new link."), browser.text());
            browser.screenshot("setup-link-revoked");
            browser.open(expiring.get("url").asText());
            browser.awaitText("This setup link has expired");
            assertTrue(browser.text().contains("Ask Sam at Acme Cloud for a new link."), browser.text());
            browser.screenshot("setup-link-expired");
        }
    }

    private static void click(Browser browser, By by) {
        WebElement element = browser.await(by);
        ((JavascriptExecutor) browser.driver()).executeScript("arguments[0].scrollIntoView({block:'center'});", element);
        element.click();
    }

    private static void type(Browser browser, String id, String text) {
        WebElement input = browser.await(By.id(id));
        input.clear();
        input.sendKeys(text);
    }
}
