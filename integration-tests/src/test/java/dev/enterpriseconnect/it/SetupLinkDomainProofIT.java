package dev.enterpriseconnect.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.enterpriseconnect.testbed.AdminApi;
import dev.enterpriseconnect.testbed.OktaStandIn;

/**
 * Domains must be proven before they route anyone. A real DNS server on the loopback ({@link TestDns},
 * which the shared Keycloak is told to ask) holds no record at first: the domain typed on the setup
 * page routes nobody to the customer's IdP. Once the TXT record the page shows is published, the
 * check finds it, the domain is verified and routes. A vendor administrator may approve one instead.
 */
@ExtendWith(KeycloakServer.class)
class SetupLinkDomainProofIT {

    private static URI base;
    private static AdminApi admin;
    private static String realm;
    private static String okta;
    private static String organization;
    private static String link;

    @BeforeAll
    static void start(RunningKeycloak keycloak) throws Exception {
        base = keycloak.baseUrl();
        admin = keycloak.admin();
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        realm = "proof-" + suffix;
        okta = "okta-" + suffix;
        admin.expect(201, admin.post("/admin/realms", OktaStandIn.render(OktaStandIn.OKTA_TEMPLATE, base, realm, okta)));
        admin.expect(201, admin.post("/admin/realms", "{\"realm\":\"" + realm + "\",\"enabled\":true,\"organizationsEnabled\":true}"));
        admin.expect(201, admin.post("/admin/realms/" + realm + "/organizations",
                "{\"name\":\"Globex\",\"alias\":\"globex\",\"enabled\":true,\"domains\":[]}"));
        organization = admin.expect(200, admin.get("/admin/realms/" + realm + "/organizations?exact=true&search=Globex"))
                .get(0).get("id").asText();
        link = admin.expect(201, admin.post("/admin/realms/" + realm + "/enterprise-connect/setup-links",
                "{\"organizationId\":\"" + organization + "\",\"connector\":\"okta\"}")).get("url").asText();
        SetupLinkIT.expectOk(SetupLinkIT.post(link + "/api/identity-provider", "{\"vendor\":\"okta\",\"metadataUrl\":\""
                + base + "/realms/" + okta + "/protocol/saml/descriptor\"}"));
    }

    @Test
    void anUnverifiedDomainRoutesNobodyUntilItsTxtRecordIsPublished() throws Exception {
        JsonNode claimed = AdminApi.parse(SetupLinkIT.expectOk(SetupLinkIT.post(link + "/api/domains",
                "{\"domains\":[\"globex.test\"]}")).body()).get("domains").get(0);
        assertEquals("globex.test", claimed.get("name").asText());
        assertFalse(claimed.get("verified").asBoolean());
        assertEquals("_enterprise-connect.globex.test", claimed.get("recordName").asText());
        String value = claimed.get("recordValue").asText();
        assertTrue(value.startsWith("enterprise-connect-domain-verification="), value);

        assertFalse(organizationDomains().contains("globex.test"), "an unverified domain is not the Organization's");
        assertFalse(routesToOkta("jane@globex.test"), "an unverified domain routes nobody");
        JsonNode checked = AdminApi.parse(SetupLinkIT.expectOk(SetupLinkIT.post(link + "/api/domains/verify", "{}")).body());
        assertFalse(checked.get("domains").get(0).get("verified").asBoolean(), "no TXT record yet");
        assertFalse(routesToOkta("jane@globex.test"));

        TestDns.shared().publishTxt("_enterprise-connect.globex.test", "v=spf1 -all");
        TestDns.shared().publishTxt("_enterprise-connect.globex.test", value);
        checked = AdminApi.parse(SetupLinkIT.expectOk(SetupLinkIT.post(link + "/api/domains/verify", "{}")).body());
        assertTrue(checked.get("domains").get(0).get("verified").asBoolean(), checked.toString());
        JsonNode domains = admin.expect(200, admin.get("/admin/realms/" + realm + "/organizations/" + organization)).get("domains");
        assertEquals("globex.test", domains.get(0).get("name").asText());
        assertTrue(domains.get(0).get("verified").asBoolean(), "joined the Organization as verified");
        assertTrue(routesToOkta("jane@globex.test"), "a proven domain routes to the customer's IdP");
        String log = admin.expect(200, admin.get("/admin/realms/" + realm + "/scim-connectors?name=okta")).get(0).get("id").asText();
        assertTrue(admin.expect(200, admin.get("/admin/realms/" + realm + "/scim-connectors/" + log + "/log")).toString()
                .contains("domain check, verified: globex.test"));
    }

    @Test
    void aVendorAdministratorMayApproveADomainInstead() throws Exception {
        SetupLinkIT.expectOk(SetupLinkIT.post(link + "/api/domains", "{\"domains\":[\"globex.example\"]}"));
        assertFalse(organizationDomains().contains("globex.example"));
        JsonNode claims = admin.expect(200, admin.get("/admin/realms/" + realm + "/enterprise-connect/setup-links/domains?organizationId="
                + organization));
        String id = null;
        for (JsonNode claim : claims) {
            if (claim.get("name").asText().equals("globex.example")) {
                id = claim.get("id").asText();
                assertFalse(claim.get("verified").asBoolean());
            }
        }
        JsonNode approved = admin.expect(200, admin.post("/admin/realms/" + realm + "/enterprise-connect/setup-links/domains/"
                + id + "/approve", "{}"));
        assertTrue(approved.get("verified").asBoolean());
        assertTrue(approved.get("verifiedBy").asText().startsWith("admin:"), approved.toString());
        assertTrue(organizationDomains().contains("globex.example"));
        assertTrue(routesToOkta("someone@globex.example"));
    }

    @Test
    void anUnverifiedDomainLinksNoAccount() throws Exception {
        SetupLinkIT.expectOk(SetupLinkIT.post(link + "/api/domains", "{\"domains\":[\"globex.org\"]}"));
        admin.expect(201, admin.post("/admin/realms/" + realm + "/users", "{\"username\":\"lee@globex.org\",\"email\":"
                + "\"lee@globex.org\",\"emailVerified\":true,\"enabled\":true,\"firstName\":\"Lee\",\"lastName\":\"Local\"}"));
        String lee = admin.expect(200, admin.get("/admin/realms/" + realm + "/users?exact=true&email=lee@globex.org")).get(0)
                .get("id").asText();
        admin.expect(201, admin.post("/admin/realms/" + okta + "/users", "{\"username\":\"lee@globex.org\",\"email\":"
                + "\"lee@globex.org\",\"emailVerified\":true,\"enabled\":true,\"firstName\":\"Lee\",\"lastName\":\"Okta\","
                + "\"credentials\":[{\"type\":\"password\",\"value\":\"" + OktaStandIn.DEMO_PASSWORD + "\",\"temporary\":false}]}"));
        try (Browser browser = new Browser()) {
            browser.open(link + "/test-sign-in");
            browser.awaitUrlContaining("/realms/" + okta + "/");
            browser.signIn("lee@globex.org", OktaStandIn.DEMO_PASSWORD);
            browser.awaitUrlContaining("/realms/" + realm + "/");
            // The domain is not the Organization's until proven, so Keycloak keeps the sign-in on its review page.
            browser.awaitText("Update Account Information");
            browser.driver().findElement(org.openqa.selenium.By.cssSelector("[type=submit]")).click();
            browser.awaitText("Email domain does not match any domain from the organization");
            browser.screenshot("setup-link-unverified-domain-not-linked");
        }
        assertEquals("[]", admin.expect(200, admin.get("/admin/realms/" + realm + "/users/" + lee + "/federated-identity")).toString(),
                "the customer's IdP could not take over an account of a domain it has not proven");
    }

    private static String organizationDomains() {
        return admin.expect(200, admin.get("/admin/realms/" + realm + "/organizations/" + organization)).path("domains").toString();
    }

    /** Types the email on the realm's identity-first login page: does Keycloak send it on to the Okta stand-in? */
    private static boolean routesToOkta(String email) {
        HttpBrowser browser = new HttpBrowser();
        HttpBrowser.Page login = browser.open(base + "/realms/" + realm + "/protocol/openid-connect/auth?client_id=account"
                + "&response_type=code&scope=openid&redirect_uri=" + URLEncoder.encode(base + "/realms/" + realm + "/account/",
                        StandardCharsets.UTF_8));
        HttpBrowser.Page next = browser.post(login.find("action=\"([^\"]+)\""), Map.of("username", email));
        // Routed: Keycloak answers with the SAML request's self-posting form addressed to the Okta stand-in.
        boolean routed = next.url().getPath().startsWith("/realms/" + okta + "/")
                || next.body().contains("action=\"" + base + "/realms/" + okta + "/protocol/saml");
        if (!routed) {
            assertTrue(next.url().getPath().startsWith("/realms/" + realm + "/"), next.url().toString());
            assertTrue(next.body().contains("id=\"password\""), "the realm's own password form: " + next.body());
        }
        return routed;
    }
}
