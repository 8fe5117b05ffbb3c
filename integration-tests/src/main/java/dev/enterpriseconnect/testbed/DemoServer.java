package dev.enterpriseconnect.testbed;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The README's run command: Keycloak with the bundle, the demo realm {@code acme} (imported once,
 * kept in the embedded H2 database across runs) and a fresh token for its SCIM connector.
 */
public final class DemoServer {

    private static final String REALM = "acme";
    private static final String CONNECTOR = "okta";

    private DemoServer() {
    }

    public static void main(String[] args) throws Exception {
        Path home = KeycloakProcess.homeFromSystemProperty();
        int port = Integer.getInteger("demo.port", 8080);
        installDemoRealm(home);
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
        System.out.println("Stop with Ctrl-C.");
        System.out.println("==================================================================");
        System.exit(keycloak.waitFor());
    }

    private static void installDemoRealm(Path home) throws IOException {
        Path imports = Files.createDirectories(home.resolve("data/import"));
        try (InputStream realm = DemoServer.class.getResourceAsStream("/demo/acme-realm.json")) {
            Files.copy(realm, imports.resolve("acme-realm.json"), StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
