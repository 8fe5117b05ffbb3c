package dev.enterpriseconnect.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.enterpriseconnect.testbed.AdminApi;

/**
 * Setup links on PostgreSQL (Debian's, started by the test): the two tables come from the same
 * Liquibase changelog as on H2, and a link lives its whole life there: created, opened, a domain
 * claimed and proven over DNS, a refusal that stores nothing, revoked.
 */
class SetupLinkOnPostgresIT {

    private static KeycloakOnPostgres server;
    private static RunningKeycloak keycloak;

    @BeforeAll
    static void start() throws Exception {
        server = KeycloakOnPostgres.start("setup",
                List.of("--spi-realm-restapi-extension--enterprise-connect--dns-server=" + TestDns.shared().address()));
        keycloak = server.keycloak();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aLinkLivesItsWholeLifeOnPostgres() throws Exception {
        AdminApi admin = keycloak.admin();
        URI base = keycloak.baseUrl();
        String realm = keycloak.createRealm("pg-setup", ",\"organizationsEnabled\":true");
        admin.expect(201, admin.post("/admin/realms/" + realm + "/organizations",
                "{\"name\":\"Globex\",\"alias\":\"globex\",\"enabled\":true,\"domains\":[]}"));
        String organization = admin.expect(200, admin.get("/admin/realms/" + realm + "/organizations?exact=true&search=Globex"))
                .get(0).get("id").asText();
        JsonNode link = admin.expect(201, admin.post("/admin/realms/" + realm + "/enterprise-connect/setup-links",
                "{\"organizationId\":\"" + organization + "\"}"));
        String url = link.get("url").asText();
        assertTrue(url.startsWith(base + "/realms/" + realm + "/enterprise-connect/setup/"), url);
        assertEquals(200, SetupLinkIT.get(url).statusCode());

        JsonNode claimed = AdminApi.parse(SetupLinkIT.expectOk(SetupLinkIT.post(url + "/api/domains",
                "{\"domains\":[\"globex-pg.test\"]}")).body()).get("domains").get(0);
        assertFalse(claimed.get("verified").asBoolean());
        SetupLinkIT.expectRefused(SetupLinkIT.post(url + "/api/domains", "{\"domains\":[\"outlook.com\",\"globex-pg.example\"]}"),
                400, "outlook.com is a public email provider");
        assertEquals(1, AdminApi.parse(SetupLinkIT.get(url + "/api").body()).get("domains").size(), "the refused list stored nothing");
        TestDns.shared().publishTxt(claimed.get("recordName").asText(), claimed.get("recordValue").asText());
        JsonNode checked = AdminApi.parse(SetupLinkIT.expectOk(SetupLinkIT.post(url + "/api/domains/verify", "{}")).body());
        assertTrue(checked.get("domains").get(0).get("verified").asBoolean(), checked.toString());
        assertTrue(admin.expect(200, admin.get("/admin/realms/" + realm + "/organizations/" + organization)).path("domains")
                .toString().contains("globex-pg.test"));

        JsonNode secret = AdminApi.parse(SetupLinkIT.expectOk(SetupLinkIT.post(url + "/api/secret", "{}")).body());
        assertEquals(201, ScimClient.bearer(URI.create(secret.get("scimBaseUrl").asText()), secret.get("token").asText())
                .post("/Users", "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"userName\":\"ann@globex-pg.test\","
                        + "\"emails\":[{\"value\":\"ann@globex-pg.test\",\"primary\":true}],\"active\":true}").status());
        JsonNode status = AdminApi.parse(SetupLinkIT.get(url + "/api/status").body());
        assertEquals("POST", status.get("scim").get(0).get("method").asText(), status.toString());
        assertEquals(201, status.get("scim").get(0).get("status").asInt());

        admin.expect(200, admin.post("/admin/realms/" + realm + "/enterprise-connect/setup-links/" + link.get("id").asText()
                + "/revoke", "{}"));
        assertEquals(410, SetupLinkIT.get(url).statusCode());
        assertEquals("revoked", admin.expect(200, admin.get("/admin/realms/" + realm + "/enterprise-connect/setup-links/"
                + link.get("id").asText())).get("status").asText());
    }
}
