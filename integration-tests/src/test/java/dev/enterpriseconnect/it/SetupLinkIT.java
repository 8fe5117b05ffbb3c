package dev.enterpriseconnect.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.enterpriseconnect.testbed.AdminApi;
import dev.enterpriseconnect.testbed.OktaStandIn;

/**
 * Setup links over HTTP, as a vendor administrator and an IT admin with no Keycloak account use
 * them: create (connector made if missing), open, expiry, revocation, the refusals of bad input,
 * and a link of one Organization that reaches nothing of another.
 */
@ExtendWith(KeycloakServer.class)
class SetupLinkIT {

    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

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
        realm = "setup-" + suffix;
        okta = "okta-" + suffix;
        admin.expect(201, admin.post("/admin/realms", OktaStandIn.render(OktaStandIn.OKTA_TEMPLATE, base, realm, okta)));
        admin.expect(201, admin.post("/admin/realms", "{\"realm\":\"" + realm + "\",\"enabled\":true,\"organizationsEnabled\":true,"
                + "\"displayName\":\"Acme Cloud\",\"adminEventsEnabled\":true,\"adminEventsDetailsEnabled\":true}"));
        globex = organization("Globex", "globex", null);
        initech = organization("Initech", "initech", "initech.test");
    }

    static String organization(String name, String alias, String domain) {
        String domains = domain == null ? "[]" : "[{\"name\":\"" + domain + "\"}]";
        admin.expect(201, admin.post("/admin/realms/" + realm + "/organizations", "{\"name\":\"" + name + "\",\"alias\":\""
                + alias + "\",\"enabled\":true,\"domains\":" + domains + "}"));
        return admin.expect(200, admin.get("/admin/realms/" + realm + "/organizations?exact=true&search=" + name)).get(0)
                .get("id").asText();
    }

    static JsonNode createLink(String organizationId, String extra) {
        return admin.expect(201, admin.post("/admin/realms/" + realm + "/enterprise-connect/setup-links",
                "{\"organizationId\":\"" + organizationId + "\",\"contact\":\"Sam at Acme (sam@acme.test)\"" + extra + "}"));
    }

    @Test
    void aVendorAdministratorCreatesALinkAndTheItAdminOpensItWithoutAnAccount() throws Exception {
        JsonNode link = createLink(globex, "");
        String url = link.get("url").asText();
        assertTrue(url.startsWith(base + "/realms/" + realm + "/enterprise-connect/setup/"), url);
        assertEquals("active", link.get("status").asText());
        Duration lifetime = Duration.between(Instant.parse(link.get("createdAt").asText()), Instant.parse(link.get("expiresAt").asText()));
        assertEquals(Duration.ofDays(7), lifetime, "seven days by default");
        JsonNode connector = admin.expect(200, admin.get("/admin/realms/" + realm + "/scim-connectors/" + link.get("connectorId").asText()));
        assertEquals("globex", connector.get("name").asText(), "the Organization's connector, created");
        assertTrue(connector.toString().contains(globex), "provisioning into the Organization: " + connector);

        HttpResponse<String> page = get(url);
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("Acme Cloud"), "the realm's display name");
        assertEquals("DENY", page.headers().firstValue("X-Frame-Options").orElse(null));
        assertEquals("no-referrer", page.headers().firstValue("Referrer-Policy").orElse(null));
        assertEquals("no-store", page.headers().firstValue("Cache-Control").orElse(null));
        assertTrue(page.headers().firstValue("Content-Security-Policy").orElse("").contains("frame-ancestors 'none'"));

        JsonNode overview = AdminApi.parse(get(url + "/api").body());
        assertEquals("Globex", overview.get("organization").asText());
        assertEquals("Sam at Acme (sam@acme.test)", overview.get("contact").asText());
        assertEquals(base + "/realms/" + realm + "/enterprise-scim/globex/v2", overview.path("values").path("scim").path("baseUrl").asText());
        assertEquals(base + "/realms/" + realm + "/broker/globex-saml/endpoint", overview.path("values").path("saml").path("acsUrl").asText());
        assertTrue(overview.path("values").path("saml").path("okta").toString().contains("role = "), "the role attribute statement");
        assertFalse(overview.path("identityProvider").path("exists").asBoolean());

        // The same Organization again: its connector is reused; a second link is a new token.
        JsonNode again = createLink(globex, ",\"expiresIn\":\"P30D\"");
        assertEquals(link.get("connectorId").asText(), again.get("connectorId").asText());
        assertNotEquals(url, again.get("url").asText());
        JsonNode tooLong = admin.expect(400, admin.post("/admin/realms/" + realm + "/enterprise-connect/setup-links",
                "{\"organizationId\":\"" + globex + "\",\"expiresIn\":\"P31D\"}"));
        assertEquals("expiresIn must be more than 0 and at most 30 days", tooLong.path("detail").asText());

        JsonNode listed = admin.expect(200, admin.get("/admin/realms/" + realm + "/enterprise-connect/setup-links?organizationId=" + globex));
        assertTrue(listed.size() >= 2);
        assertFalse(listed.toString().contains(url.substring(url.lastIndexOf('/') + 1)), "the token is never listed");
        String events = admin.expect(200, admin.get("/admin/realms/" + realm + "/admin-events?resourceTypes=ORGANIZATION")).toString();
        assertTrue(events.contains("setup-links/" + link.get("id").asText()), "created: an admin event");
        assertTrue(events.contains("enterprise-connect-setup-link"), "opened: an admin event by the link");
        String log = admin.expect(200, admin.get("/admin/realms/" + realm + "/scim-connectors/" + link.get("connectorId").asText()
                + "/log")).toString();
        assertTrue(log.contains("setup link " + link.get("id").asText() + ": page opened"), log);
    }

    @Test
    void aRevokedLinkAndAnExpiredLinkEachSaySoAndWhomToAsk() throws Exception {
        JsonNode revoked = createLink(globex, "");
        admin.expect(200, admin.post("/admin/realms/" + realm + "/enterprise-connect/setup-links/" + revoked.get("id").asText()
                + "/revoke", "{}"));
        HttpResponse<String> page = get(revoked.get("url").asText());
        assertEquals(410, page.statusCode());
        assertTrue(page.body().contains("This setup link was revoked"), page.body());
        assertTrue(page.body().contains("Ask Sam at Acme (sam@acme.test) for a new link."), page.body());
        assertEquals(410, get(revoked.get("url").asText() + "/api").statusCode());
        assertEquals(410, post(revoked.get("url").asText() + "/api/secret", "{}").statusCode(), "a revoked link changes nothing");

        JsonNode expiring = createLink(globex, ",\"expiresIn\":\"PT2S\"");
        awaitStatus(expiring.get("url").asText(), 410);
        HttpResponse<String> expired = get(expiring.get("url").asText());
        assertTrue(expired.body().contains("This setup link has expired"), expired.body());
        assertTrue(expired.body().contains("Ask Sam at Acme"), expired.body());

        String token = revoked.get("url").asText().substring(revoked.get("url").asText().lastIndexOf('/') + 1);
        String forged = token.substring(0, 10) + (token.charAt(10) == 'A' ? 'B' : 'A') + token.substring(11);
        HttpResponse<String> unknown = get(base + "/realms/" + realm + "/enterprise-connect/setup/" + forged);
        assertEquals(404, unknown.statusCode());
        assertTrue(unknown.body().contains("This setup link is not valid"));
        assertEquals(404, get(base + "/realms/" + okta + "/enterprise-connect/setup/" + token).statusCode(),
                "a link of one realm opens nothing in another");
    }

    @Test
    void badInputIsRefusedWithAClearMessageAndNothingSaved() throws Exception {
        String url = createLink(globex, "").get("url").asText();
        String before = get(url + "/api").body();
        expectRefused(post(url + "/api/identity-provider", "{\"vendor\":\"okta\",\"metadataXml\":\"<nope\"}"), 400,
                "Not SAML identity provider metadata");
        expectRefused(post(url + "/api/identity-provider", "{\"metadataUrl\":\"" + base + "/realms/" + realm + "\"}"), 400,
                "Not SAML identity provider metadata");
        expectRefused(post(url + "/api/domains", "{\"domains\":[\"globex.example\",\"initech.test\"]}"), 409,
                "initech.test is already registered to another customer");
        expectRefused(post(url + "/api/domains", "{\"domains\":[\"gmail.com\"]}"), 400,
                "gmail.com is a public email provider");
        expectRefused(post(url + "/api/domains", "{\"domains\":[\"not a domain\"]}"), 400, "'not a domain' is not a domain name");
        expectRefused(post(url + "/api/domains", "{\"domains\":[\"-bad-.test\"]}"), 400, "is not a domain name");
        JsonNode after = AdminApi.parse(get(url + "/api").body());
        assertEquals(AdminApi.parse(before).get("domains"), after.get("domains"), "no domain saved");
        assertFalse(after.path("identityProvider").path("exists").asBoolean(), "no identity provider saved");
        assertEquals(404, admin.get("/admin/realms/" + realm + "/identity-provider/instances/globex-saml").statusCode());
        assertFalse(admin.expect(200, admin.get("/admin/realms/" + realm + "/organizations/" + globex)).path("domains")
                .toString().contains("globex.example"), "the Organization unchanged");
        String log = admin.expect(200, admin.get("/admin/realms/" + realm + "/scim-connectors?name=globex")).get(0).get("id").asText();
        assertTrue(admin.expect(200, admin.get("/admin/realms/" + realm + "/scim-connectors/" + log + "/log?status=400")).toString()
                .contains("gmail.com is a public email provider"), "each refused use is in the provisioning log");
        assertTrue(admin.expect(200, admin.get("/admin/realms/" + realm + "/admin-events?resourceTypes=ORGANIZATION&operationTypes=ACTION"))
                .toString().contains("gmail.com is a public email provider"), "and an admin event, though the request rolled back");
    }

    @Test
    void aLinkOfOneOrganizationReachesNothingOfAnother() throws Exception {
        JsonNode globexLink = createLink(globex, "");
        JsonNode initechLink = createLink(initech, "");
        String a = globexLink.get("url").asText();
        String b = initechLink.get("url").asText();

        // Initech's IT admin sets up its provider and secret.
        JsonNode secretB = AdminApi.parse(expectOk(post(b + "/api/secret", "{}")).body());
        String metadataUrl = base + "/realms/" + okta + "/protocol/saml/descriptor";
        expectOk(post(b + "/api/identity-provider", "{\"vendor\":\"okta\",\"metadataUrl\":\"" + metadataUrl + "\"}"));

        // Globex's link: only Globex, whatever it sends.
        JsonNode overviewA = AdminApi.parse(get(a + "/api").body());
        String shown = overviewA.toString();
        assertFalse(shown.contains("Initech") || shown.contains("initech"), shown);
        assertFalse(overviewA.path("identityProvider").path("exists").asBoolean(), "Initech's provider is not Globex's");
        JsonNode statusA = AdminApi.parse(get(a + "/api/status").body());
        assertFalse(statusA.toString().contains("initech"));
        expectRefused(post(a + "/api/domains", "{\"domains\":[\"initech.test\"]}"), 409, "another customer");
        JsonNode secretA = AdminApi.parse(expectOk(post(a + "/api/secret", "{}")).body());
        assertTrue(secretA.get("scimBaseUrl").asText().endsWith("/enterprise-scim/globex/v2"));
        ScimClient initechScim = ScimClient.bearer(URI.create(secretB.get("scimBaseUrl").asText()), secretB.get("token").asText());
        assertEquals(200, initechScim.get("/Users?count=1").status(), "Globex's secret left Initech's alone");
        assertEquals(401, ScimClient.bearer(URI.create(secretB.get("scimBaseUrl").asText()), secretA.get("token").asText())
                .get("/Users?count=1").status(), "Globex's secret opens nothing of Initech");
        // Paths that try to step out of the link's scope find nothing.
        String tokenA = a.substring(a.lastIndexOf('/') + 1);
        for (String path : new String[] {"/api/organizations/" + initech, "/api/connectors/" + initechLink.get("connectorId").asText(),
                "/api/../../setup/" + b.substring(b.lastIndexOf('/') + 1) + "/api"}) {
            HttpResponse<String> response = get(base + "/realms/" + realm + "/enterprise-connect/setup/" + tokenA + path);
            assertFalse(response.body().contains("Initech"), path + " -> " + response.statusCode() + " " + response.body());
        }
        assertTrue(AdminApi.parse(get(b + "/api").body()).path("identityProvider").path("exists").asBoolean(),
                "Initech's provider is untouched");
    }

    static void expectRefused(HttpResponse<String> response, int status, String message) {
        assertEquals(status, response.statusCode(), response.body());
        String error = AdminApi.parse(response.body()).path("error").asText();
        assertTrue(error.contains(message), "expected '" + message + "' in: " + error);
    }

    static HttpResponse<String> expectOk(HttpResponse<String> response) {
        assertEquals(200, response.statusCode(), response.body());
        return response;
    }

    static void awaitStatus(String url, int status) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (get(url).statusCode() != status) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(url + " never answered " + status);
            }
            Thread.sleep(200); // polling the condition, not waiting a fixed time
        }
    }

    static HttpResponse<String> get(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> post(String url, String json) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
