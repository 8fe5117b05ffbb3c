package dev.enterpriseconnect.testbed;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The README's run command: Keycloak with the bundle, the demo realm {@code acme} and the realm
 * {@code okta-demo} that plays the customer's Okta (both imported once, kept in the embedded H2
 * database across runs) and a fresh token for the SCIM connector.
 */
public final class DemoServer {

    private static final String REALM = DemoRealms.ACME_REALM;
    private static final String CONNECTOR = "okta";
    private static final String OKTA_REALM = DemoRealms.OKTA_REALM;

    private DemoServer() {
    }

    public static void main(String[] args) throws Exception {
        Path home = KeycloakProcess.homeFromSystemProperty();
        int port = Integer.getInteger("demo.port", 8080);
        installDemoRealms(home, port);
        KeycloakProcess keycloak = KeycloakProcess.start(home, KeycloakProcess.bundleFromSystemProperty(), port,
                List.of("--import-realm"), null).awaitReady(Duration.ofMinutes(5));

        AdminApi admin = new AdminApi(keycloak.baseUrl());
        JsonNode connectors = admin.expect(200, admin.get("/admin/realms/" + REALM + "/scim-connectors"));
        String id = null;
        for (JsonNode connector : connectors) {
            if (CONNECTOR.equals(connector.path("name").asText())) {
                id = connector.get("id").asText();
            }
        }
        if (id == null) {
            throw new IllegalStateException("The demo realm has no connector named " + CONNECTOR);
        }
        JsonNode rotated = admin.expect(200,
                admin.post("/admin/realms/" + REALM + "/scim-connectors/" + id + "/rotate-secret", null));
        String base = rotated.get("scimBaseUrl").asText();
        String token = rotated.get("token").asText();
        System.out.println();
        System.out.println("==================== Enterprise Connect demo ====================");
        System.out.println("Admin console : " + keycloak.baseUrl() + "/admin/master/console/#/" + REALM
                + "   (" + KeycloakProcess.ADMIN_USER + " / " + KeycloakProcess.ADMIN_PASSWORD + ")");
        System.out.println("SCIM base URL : " + base);
        System.out.println("SCIM token    : " + token + "   (new on every start)");
        System.out.println("Try it        : curl -s -H 'Authorization: Bearer " + token + "' \\");
        System.out.println("                  -H 'Content-Type: application/scim+json' " + base + "/Users \\");
        System.out.println("                  -d '{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],"
                + "\"userName\":\"jane@acme.test\",\"emails\":[{\"value\":\"jane@acme.test\",\"primary\":true}]}'");
        URI url = keycloak.baseUrl();
        System.out.println();
        System.out.println("Okta single sign-on (realm " + OKTA_REALM + " plays the customer's Okta; users below, password "
                + OktaStandIn.DEMO_PASSWORD + "):");
        System.out.println("  Sign in       : " + url + "/realms/" + REALM + "/account");
        System.out.println("                  type jane@globex.test -> sent to Okta by email domain (SAML) -> MANAGER, team Platform");
        System.out.println("                  alex@globex.test -> group 'Okta Admins' makes him ADMINISTRATOR");
        System.out.println("                  oscar@globex.test -> role OWNER is refused with an error page naming the allowed roles");
        System.out.println("                  or click 'Okta (OIDC)' on the first page and sign in as any of them");
        System.out.println("  Okta's side   : " + url + "/admin/master/console/#/" + OKTA_REALM + "/users   (change a role, sign in again)");
        System.out.println("  Who got what  : " + url + "/admin/master/console/#/" + REALM + "/users");
        System.out.println("Stop with Ctrl-C.");
        System.out.println("==================================================================");
        System.exit(keycloak.waitFor());
    }

    private static void installDemoRealms(Path home, int port) throws IOException {
        DemoRealms.write(home.resolve("data/import"), URI.create("http://localhost:" + port));
    }
}
