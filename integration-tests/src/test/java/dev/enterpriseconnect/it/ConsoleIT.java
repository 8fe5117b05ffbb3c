package dev.enterpriseconnect.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import dev.enterpriseconnect.testbed.AdminApi;
import dev.enterpriseconnect.testbed.KeycloakProcess;
import dev.enterpriseconnect.testbed.OktaStandIn;

/**
 * The Enterprise Connect console as people use it, in headless Chromium against the real server:
 * a master administrator sets up an Okta customer end to end, a view-realm user sees but cannot
 * change, and a user with neither permission is refused.
 */
@ExtendWith(KeycloakServer.class)
class ConsoleIT {

    private static final String CONNECTOR_TYPE = "dev.enterpriseconnect.scim.connector.ScimConnectorProvider";
    private static final String VIEWER_PASSWORD = "viewer-pw";

    private static URI base;
    private static AdminApi admin;
    private static String realm;
    private static String okta;
    private static String organizationId;
    private static RunningKeycloak.Connector entra;

    @BeforeAll
    static void start(RunningKeycloak keycloak) {
        base = keycloak.baseUrl();
        admin = keycloak.admin();
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        realm = "console-" + suffix;
        okta = "okta-" + suffix;
        // The demo's Okta stand-in, its SAML app pointing at this realm's provider "okta-saml".
        admin.expect(201, admin.post("/admin/realms", OktaStandIn.render(OktaStandIn.OKTA_TEMPLATE, base, realm, okta)));
        admin.expect(201, admin.post("/admin/realms", "{\"realm\":\"" + realm + "\",\"enabled\":true,\"organizationsEnabled\":true}"));
        for (String role : new String[] {"administrator", "manager", "analyst"}) {
            admin.expect(201, admin.post("/admin/realms/" + realm + "/roles", "{\"name\":\"" + role + "\"}"));
        }
        assertEquals(201, admin.post("/admin/realms/" + realm + "/organizations",
                "{\"name\":\"Globex\",\"alias\":\"globex\",\"enabled\":true,\"domains\":[{\"name\":\"globex.test\"}]}")
                .statusCode());
        organizationId = admin.expect(200, admin.get("/admin/realms/" + realm + "/organizations?search=Globex")).get(0)
                .get("id").asText();
        entra = keycloak.createConnector(realm, "entra");
        user("viewer", "view-realm");
        user("nobody", null);
    }

    @Test
    void anAdministratorSetsUpAnOktaCustomerAndOneOfItsPeopleSignsIn() throws Exception {
        String token;
        try (Browser browser = new Browser()) {
            browser.open(consoleUrl());
            browser.await(By.id("sign-in-master")).click();
            browser.signIn(KeycloakProcess.ADMIN_USER, KeycloakProcess.ADMIN_PASSWORD);
            browser.awaitText("SCIM connectors");
            assertStylesheetLoaded(browser);
            browser.screenshot("console-connectors");

            // Create: Okta preset, the customer's Organization, a bearer token.
            new Select(browser.await(By.id("new-preset"))).selectByVisibleText("Okta");
            new Select(browser.await(By.id("new-organization"))).selectByVisibleText("Globex");
            new Select(browser.await(By.id("new-credential"))).selectByValue("bearer");
            browser.await(By.id("create")).click();
            WebElement shown = browser.await(By.cssSelector("#secret [data-secret='Token']"));
            token = shown.getText();
            assertTrue(token.startsWith("ecs_"), token);
            WebElement copy = browser.driver().findElement(By.cssSelector("#secret button[aria-label='Copy Token']"));
            assertEquals(token, copy.getAttribute("data-copy"), "the copy button copies the token shown");
            copy.click();
            browser.awaitText("Copied");
            browser.screenshot("console-connector-created");

            JsonNode created = connectorNamed("okta");
            assertEquals(organizationId, config(created, "organizationId"));
            String scimBase = base + "/realms/" + realm + "/enterprise-scim/okta/v2";
            ScimClient scim = ScimClient.bearer(URI.create(scimBase), token);
            assertEquals(201, scim.post("/Users", "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],"
                    + "\"userName\":\"alex@globex.test\",\"emails\":[{\"value\":\"alex@globex.test\",\"primary\":true}],"
                    + "\"active\":true}").status(), "the secret the console showed works");

            // Setup values, computed for this server.
            browser.await(By.id("open-created")).click();
            browser.awaitText("Setup values for Okta and Entra ID");
            String acs = base + "/realms/" + realm + "/broker/okta-saml/endpoint";
            String page = browser.text();
            assertTrue(page.contains(scimBase), "SCIM base URL shown");
            assertTrue(page.contains(acs), "ACS URL shown");
            assertTrue(page.contains(base + "/realms/" + realm + "/broker/okta-oidc/endpoint"), "OIDC redirect URI shown");
            assertEquals(acs, browser.driver().findElement(By.xpath(
                    "//div[@id='saml-okta']//tr[td[1][starts-with(., 'Single sign-on URL')]]//button")).getAttribute("data-copy"));
            browser.screenshot("console-setup-values");

            // Role table with the realm-role picker; saved, read back.
            setText(browser, "[data-setting='roleAttribute']", "role");
            addRole(browser, "MANAGER", "manager");
            addRole(browser, "ANALYST", "analyst");
            click(browser, By.id("save-settings"));
            awaitResult(browser, "settings-result", "Saved.");
            String roles = "MANAGER=realm:manager; ANALYST=realm:analyst";
            JsonNode saved = settings(created);
            assertEquals(roles, saved.path("roles").asText(), saved.toString());
            assertEquals("role", saved.path("roleAttribute").asText());
            assertFalse(saved.has("invitationsEnabled"), "untouched settings stay unset: " + saved);
            assertEquals(200, scim.get("/Users?count=1").status(), "saving settings kept the secret");

            // A bad value: the API's own message, and nothing changed.
            addRole(browser, "analyst", "administrator");
            click(browser, By.id("save-settings"));
            String expected = apiRefusal(created, roles + "; analyst=realm:administrator");
            assertTrue(expected.contains("appears twice in the role table"), expected);
            awaitResult(browser, "settings-result", expected);
            browser.screenshot("console-role-table-refused");
            assertEquals(saved, settings(created), "nothing stored");

            // Identity provider from the Okta stand-in's metadata URL.
            String metadataUrl = base + "/realms/" + okta + "/protocol/saml/descriptor";
            setText(browser, "#idp-metadata-url", metadataUrl);
            setText(browser, "#idp-domains", "globex.example");
            click(browser, By.id("create-idp"));
            awaitResult(browser, "idp-result", "Identity provider okta-saml created.");
            String result = browser.driver().findElement(By.id("idp-result")).getText();
            assertTrue(result.contains("Signing certificate: CN=" + okta + ", valid until 20"), result);
            browser.screenshot("console-identity-provider-created");

            JsonNode provider = admin.expect(200, admin.get("/admin/realms/" + realm + "/identity-provider/instances/okta-saml"));
            assertEquals("true", provider.path("config").path("validateSignature").asText());
            assertEquals("true", provider.path("config").path("useMetadataDescriptorUrl").asText());
            assertEquals(metadataUrl, provider.path("config").path("metadataDescriptorUrl").asText());
            assertEquals("enterprise-connect first login", provider.path("firstBrokerLoginFlowAlias").asText());
            assertTrue(provider.path("trustEmail").asBoolean());
            JsonNode mappers = admin.expect(200, admin.get("/admin/realms/" + realm + "/identity-provider/instances/okta-saml/mappers"));
            JsonNode roleMapper = find(mappers, "identityProviderMapper", "enterprise-connect-saml-role-mapping");
            assertEquals(roles, roleMapper.path("config").path("roles").asText(), "the connector's policy");
            assertNotNull(find(mappers, "name", "email"));
            JsonNode linked = admin.expect(200, admin.get("/admin/realms/" + realm + "/organizations/" + organizationId
                    + "/identity-providers"));
            assertEquals("okta-saml", linked.get(0).get("alias").asText());
            JsonNode organization = admin.expect(200, admin.get("/admin/realms/" + realm + "/organizations/" + organizationId));
            assertTrue(organization.get("domains").toString().contains("globex.example"), organization.toString());

            // Bad metadata: refused with the reason, nothing created.
            int providersBefore = admin.expect(200, admin.get("/admin/realms/" + realm + "/identity-provider/instances")).size();
            setText(browser, "#idp-alias", "okta-bad");
            setText(browser, "#idp-domains", "");
            setText(browser, "#idp-metadata-url", base + "/realms/" + realm);
            click(browser, By.id("create-idp"));
            awaitResult(browser, "idp-result", "Not SAML identity provider metadata");
            browser.screenshot("console-identity-provider-refused");
            assertEquals(404, admin.get("/admin/realms/" + realm + "/identity-provider/instances/okta-bad").statusCode());
            assertEquals(providersBefore, admin.expect(200, admin.get("/admin/realms/" + realm + "/identity-provider/instances")).size());
        }

        // One of the customer's people signs in through the provider the console made.
        try (Browser person = new Browser()) {
            person.open(base + "/realms/" + realm + "/account");
            OktaBrokeredLoginIT.typeEmail(person, "jane@globex.test");
            person.awaitUrlContaining("/realms/" + okta + "/");
            person.signIn("jane@globex.test", OktaStandIn.DEMO_PASSWORD);
            person.awaitUrlContaining("/realms/" + realm + "/account");
            // The account console draws itself after loading: shoot what the person sees, not the spinner.
            new org.openqa.selenium.support.ui.WebDriverWait(person.driver(), java.time.Duration.ofSeconds(30))
                    .until(d -> d.findElement(By.tagName("body")).getText().strip().length() > 20);
            person.screenshot("console-okta-user-signed-in");
        }
        JsonNode jane = admin.expect(200, admin.get("/admin/realms/" + realm + "/users?exact=true&email=jane@globex.test")).get(0);
        List<String> granted = new ArrayList<>();
        admin.expect(200, admin.get("/admin/realms/" + realm + "/users/" + jane.get("id").asText() + "/role-mappings/realm"))
                .forEach(r -> granted.add(r.get("name").asText()));
        assertTrue(granted.contains("manager"), "MANAGER from Okta, mapped by the connector's role table: " + granted);
    }

    @Test
    void theLogShowsTheScimCreateAndTheFailedLogin() {
        RunningKeycloak.Connector connector = entra;
        assertEquals(201, ScimClient.bearer(connector.baseUrl(), connector.token()).post("/Users",
                "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"userName\":\"logged@globex.test\","
                        + "\"emails\":[{\"value\":\"logged@globex.test\",\"primary\":true}],\"active\":true}").status());
        try (Browser browser = new Browser()) {
            browser.open(consoleUrl() + "#/connectors/" + connector.id());
            browser.await(By.id("sign-in-master")).click();
            browser.signIn(KeycloakProcess.ADMIN_USER, KeycloakProcess.ADMIN_PASSWORD);
            // The sign-in comes back to the list; the connector's page is one click away.
            browser.await(By.cssSelector("a[href='#/connectors/" + connector.id() + "']")).click();
            browser.await(By.id("log-table"));
            String log = browser.driver().findElement(By.id("log-table")).getText();
            assertTrue(log.contains("POST") && log.contains("/Users") && log.contains("201"), log);
            assertFalse(log.contains(connector.token()), "no secret in the log");
            browser.screenshot("console-log");
        }
    }

    @Test
    void aViewRealmUserSeesTheSetUpButCannotChangeIt() {
        String before = admin.expect(200, admin.get("/admin/realms/" + realm + "/components/" + entra.id())).toString();
        try (Browser browser = new Browser()) {
            browser.open(consoleUrl());
            browser.await(By.id("sign-in-realm")).click();
            signInIdentityFirst(browser, "viewer", VIEWER_PASSWORD);
            browser.awaitText("SCIM connectors");
            assertTrue(browser.driver().findElements(By.id("create-connector")).isEmpty(), "no create form");
            browser.await(By.linkText("entra")).click();
            browser.awaitText("You can see this set-up but not change it");
            browser.awaitText(base + "/realms/" + realm + "/enterprise-scim/entra/v2");
            assertTrue(browser.driver().findElements(By.id("save-settings")).isEmpty(), "no Save");
            assertTrue(browser.driver().findElements(By.id("rotate")).isEmpty(), "no Rotate");
            assertTrue(browser.driver().findElements(By.id("delete")).isEmpty(), "no Delete");
            assertTrue(browser.driver().findElements(By.id("create-idp")).isEmpty(), "no identity provider form");
            List<WebElement> inputs = browser.driver().findElements(By.cssSelector("#settings-form [data-setting]"));
            assertFalse(inputs.isEmpty());
            inputs.forEach(input -> assertFalse(input.isEnabled(), "disabled: " + input.getAttribute("name")));
            browser.screenshot("console-view-only");
        }
        // The admin API refuses a change from the same user, whatever a page shows.
        String viewerToken = passwordToken("viewer", VIEWER_PASSWORD);
        HttpResponse<String> rotate = http(HttpRequest.newBuilder(base.resolve("/admin/realms/" + realm + "/scim-connectors/"
                + entra.id() + "/rotate-secret")).header("Authorization", "Bearer " + viewerToken)
                .POST(HttpRequest.BodyPublishers.noBody()).build());
        assertEquals(403, rotate.statusCode());
        assertEquals(before, admin.expect(200, admin.get("/admin/realms/" + realm + "/components/" + entra.id())).toString());
    }

    @Test
    void aUserWithNeitherPermissionIsRefused() {
        try (Browser browser = new Browser()) {
            browser.open(consoleUrl());
            browser.await(By.id("sign-in-realm")).click();
            signInIdentityFirst(browser, "nobody", VIEWER_PASSWORD);
            browser.await(By.id("refusal"));
            browser.awaitText("who may neither see nor change the Enterprise Connect set-up of realm " + realm);
            assertFalse(browser.text().contains("entra"), "no connector shown");
            browser.screenshot("console-refused");
        }
    }

    @Test
    void theConsoleRegistersItsClientWithTheConsoleAsHomeUrl() {
        HttpBrowser http = new HttpBrowser();
        assertEquals(200, http.get(consoleUrl()).statusCode());
        JsonNode clients = admin.expect(200, admin.get("/admin/realms/" + realm + "/clients?clientId=enterprise-connect-console"));
        assertEquals(1, clients.size());
        assertEquals("/realms/" + realm + "/enterprise-connect/console", clients.get(0).get("baseUrl").asText());
        assertTrue(clients.get(0).get("publicClient").asBoolean());
        assertEquals("S256", clients.get(0).path("attributes").path("pkce.code.challenge.method").asText());
        assertEquals(200, http.get(consoleUrl()).statusCode());
        assertEquals(1, admin.expect(200, admin.get("/admin/realms/" + realm + "/clients?clientId=enterprise-connect-console")).size(),
                "opened twice, registered once");
    }

    @Test
    void setupValuesAndMetadataErrorsOverTheAdminApi() {
        JsonNode values = admin.expect(200, admin.get("/admin/realms/" + realm + "/enterprise-connect/connectors/" + entra.id()
                + "/setup-values"));
        assertEquals(base + "/realms/" + realm + "/enterprise-scim/entra/v2", values.path("scim").path("baseUrl").asText());
        assertEquals(base + "/realms/" + realm + "/broker/entra-saml/endpoint", values.path("saml").path("acsUrl").asText());
        assertEquals(base + "/realms/" + realm, values.path("saml").path("entityId").asText());
        JsonNode missing = admin.expect(404, admin.get("/admin/realms/" + realm + "/enterprise-connect/connectors/nope/setup-values"));
        assertEquals("urn:ietf:params:scim:api:messages:2.0:Error", missing.path("schemas").get(0).asText());

        String path = "/admin/realms/" + realm + "/enterprise-connect/connectors/" + entra.id() + "/identity-providers";
        JsonNode notXml = admin.expect(400, admin.post(path, "{\"alias\":\"entra-saml\",\"metadataXml\":\"<nope\"}"));
        assertEquals("invalidValue", notXml.path("scimType").asText());
        assertTrue(notXml.path("detail").asText().startsWith("Not SAML identity provider metadata"), notXml.toString());
        JsonNode both = admin.expect(400, admin.post(path, "{\"metadataXml\":\"<a/>\",\"metadataUrl\":\"https://x.test/m\"}"));
        assertEquals("Give either metadataUrl or metadataXml", both.path("detail").asText());
        JsonNode badAlias = admin.expect(400, admin.post(path, "{\"alias\":\"Bad Alias\",\"metadataXml\":\"<a/>\"}"));
        assertEquals("alias must be 1-63 lowercase letters, digits or '-'", badAlias.path("detail").asText());
        JsonNode domains = admin.expect(400, admin.post(path, "{\"metadataXml\":\"<a/>\",\"domains\":[\"globex.test\"]}"));
        assertEquals("domains need an Organization: this connector has none", domains.path("detail").asText());
        String settings = "/admin/realms/" + realm + "/enterprise-connect/connectors/" + entra.id() + "/settings";
        JsonNode before = admin.expect(200, admin.get(settings));
        JsonNode unknown = admin.expect(400, admin.put(settings, "{\"secretHash\":\"x\"}"));
        assertEquals("secretHash is not a connector setting", unknown.path("detail").asText());
        JsonNode retention = admin.expect(400, admin.put(settings, "{\"deprovisionRetention\":\"soon\"}"));
        assertTrue(retention.path("detail").asText().startsWith("deprovisioning.retention must be an ISO-8601 duration"),
                retention.toString());
        assertEquals(before, admin.expect(200, admin.get(settings)), "nothing stored");
        JsonNode changed = admin.expect(200, admin.put(settings, "{\"maxPageSize\":200}"));
        assertEquals("200", changed.path("maxPageSize").asText());
        assertEquals(200, admin.expect(200, admin.get("/admin/realms/" + realm + "/scim-connectors/" + entra.id()))
                .path("maxPageSize").asInt(), "the connector serves the new setting");
        assertEquals(200, runningScim(entra).get("/Users?count=1").status(), "the secret survived the change");
        admin.expect(200, admin.put(settings, "{\"maxPageSize\":null}"));
        JsonNode syntax = admin.expect(400, admin.post(path, "[1]"));
        assertEquals("invalidSyntax", syntax.path("scimType").asText());
        assertEquals(404, admin.get("/admin/realms/" + realm + "/identity-provider/instances/entra-saml").statusCode(),
                "nothing created");
    }

    // ---------- helpers ----------

    private static String consoleUrl() {
        return base + "/realms/" + realm + "/enterprise-connect/console";
    }

    private static ScimClient runningScim(RunningKeycloak.Connector connector) {
        return ScimClient.bearer(connector.baseUrl(), connector.token());
    }

    private static void user(String name, String realmManagementRole) {
        admin.expect(201, admin.post("/admin/realms/" + realm + "/users", "{\"username\":\"" + name + "\",\"enabled\":true,"
                + "\"email\":\"" + name + "@vendor.test\",\"emailVerified\":true,\"firstName\":\"" + name + "\",\"lastName\":\"User\","
                + "\"credentials\":[{\"type\":\"password\",\"value\":\"" + VIEWER_PASSWORD + "\",\"temporary\":false}]}"));
        if (realmManagementRole == null) {
            return;
        }
        String userId = admin.expect(200, admin.get("/admin/realms/" + realm + "/users?exact=true&username=" + name)).get(0)
                .get("id").asText();
        String client = admin.expect(200, admin.get("/admin/realms/" + realm + "/clients?clientId=realm-management")).get(0)
                .get("id").asText();
        JsonNode role = admin.expect(200, admin.get("/admin/realms/" + realm + "/clients/" + client + "/roles/" + realmManagementRole));
        admin.expect(204, admin.post("/admin/realms/" + realm + "/users/" + userId + "/role-mappings/clients/" + client,
                "[" + role + "]"));
    }

    /** With Organizations on, Keycloak asks for the username first, then the password. */
    private static void signInIdentityFirst(Browser browser, String username, String password) {
        browser.await(By.id("username")).sendKeys(username);
        browser.driver().findElement(By.id("kc-login")).click();
        browser.await(By.id("password")).sendKeys(password);
        browser.driver().findElement(By.id("kc-login")).click();
    }

    private static String passwordToken(String username, String password) {
        // The realm's admin-cli allows the password grant; only used to prove the API refuses.
        HttpResponse<String> answer = http(HttpRequest.newBuilder(base.resolve("/realms/" + realm + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=password&client_id=admin-cli&username=" + username
                        + "&password=" + password)).build());
        return admin.expect(200, answer).get("access_token").asText();
    }

    private static HttpResponse<String> http(HttpRequest request) {
        try {
            return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode connectorNamed(String name) {
        for (JsonNode c : admin.expect(200, admin.get("/admin/realms/" + realm + "/components?type=" + CONNECTOR_TYPE))) {
            if (name.equals(c.get("name").asText())) {
                return c;
            }
        }
        throw new AssertionError("No connector " + name);
    }

    private static String config(JsonNode component, String key) {
        JsonNode values = component.path("config").path(key);
        return values.isArray() && values.size() > 0 ? values.get(0).asText() : null;
    }

    private static JsonNode settings(JsonNode component) {
        return admin.expect(200, admin.get("/admin/realms/" + realm + "/enterprise-connect/connectors/"
                + component.get("id").asText() + "/settings"));
    }

    /** What the settings API itself answers to these roles: the message the console must show. */
    private static String apiRefusal(JsonNode component, String roles) {
        JsonNode refusal = admin.expect(400, admin.put("/admin/realms/" + realm + "/enterprise-connect/connectors/"
                + component.get("id").asText() + "/settings", "{\"roles\":\"" + roles + "\"}"));
        assertEquals("invalidValue", refusal.path("scimType").asText(), refusal.toString());
        return refusal.path("detail").asText();
    }

    private static JsonNode find(JsonNode list, String field, String value) {
        for (JsonNode item : list) {
            if (value.equals(item.path(field).asText())) {
                return item;
            }
        }
        throw new AssertionError("No " + field + "=" + value + " in " + list);
    }

    private static void assertStylesheetLoaded(Browser browser) {
        Object loaded = ((JavascriptExecutor) browser.driver()).executeScript(
                "return Array.prototype.some.call(document.styleSheets, function (s) {"
                        + " try { return s.href && s.href.indexOf('patternfly.min.css') > 0 && s.cssRules.length > 100; }"
                        + " catch (e) { return false; } });");
        assertEquals(Boolean.TRUE, loaded, "Keycloak's PatternFly stylesheet loaded");
    }

    private static void setText(Browser browser, String css, String text) {
        WebElement input = browser.await(By.cssSelector(css));
        scroll(browser, input);
        input.clear();
        if (!text.isEmpty()) {
            input.sendKeys(text);
        }
    }

    private static void click(Browser browser, By by) {
        WebElement element = browser.await(by);
        scroll(browser, element);
        element.click();
    }

    private static void scroll(Browser browser, WebElement element) {
        ((JavascriptExecutor) browser.driver()).executeScript("arguments[0].scrollIntoView({block: 'center'})", element);
    }

    /** Adds a row to the role table: the value the IdP sends and the realm role picked for it. */
    private static void addRole(Browser browser, String value, String role) {
        click(browser, By.id("add-role"));
        List<WebElement> rows = browser.driver().findElements(By.cssSelector("#role-table tr.ec-role-row"));
        WebElement row = rows.get(rows.size() - 1);
        row.findElement(By.cssSelector(".ec-role-value")).sendKeys(value);
        new Select(row.findElement(By.cssSelector(".ec-role-ref"))).selectByVisibleText(role);
    }

    /** Waits until the result area under a form shows this text (a fresh answer replaces the last one). */
    private static void awaitResult(Browser browser, String id, String text) {
        try {
            new org.openqa.selenium.support.ui.WebDriverWait(browser.driver(), java.time.Duration.ofSeconds(30))
                    .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                    .until(d -> d.findElement(By.id(id)).getText().contains(text));
        } catch (org.openqa.selenium.TimeoutException e) {
            browser.screenshot("console-unexpected-" + id);
            throw new AssertionError("Waited 30 s for '" + text + "' in #" + id + ", which shows: "
                    + browser.driver().findElement(By.id(id)).getText(), e);
        }
    }
}
