package dev.enterpriseconnect.testbed;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The README's run command: Keycloak with the bundle, the demo realm {@code acme} and the realm
 * {@code okta-demo} that plays the customer's Okta (both imported once, kept in the embedded H2
 * database across runs), the demo mailbox the realm sends its email to, and fresh tokens for the
 * two customers' SCIM connectors. The same start serves the README test ({@code ReadmeExamplesIT}).
 */
public final class DemoServer implements AutoCloseable {

    private static final String REALM = DemoRealms.ACME_REALM;
    private static final String OKTA_REALM = DemoRealms.OKTA_REALM;
    /** Globex's connector (Okta) and Initech's, each confined to its customer's Organization. */
    public static final String GLOBEX_CONNECTOR = "okta";
    public static final String INITECH_CONNECTOR = "initech";
    /** Connector name to the alias of the Organization it serves. */
    private static final Map<String, String> CUSTOMERS = Map.of(GLOBEX_CONNECTOR, "globex", INITECH_CONNECTOR, "initech");
    /** The file (beside Keycloak's home) where a start leaves the demo's URLs and tokens for shell use. */
    public static final String ENV_FILE = "demo.env";
    /** Demo only: master-realm admin tokens live an hour, so README commands pasted at a person's pace keep working. */
    private static final int ADMIN_TOKEN_LIFESPAN_SECONDS = 3600;

    private final KeycloakProcess keycloak;
    private final DemoMailbox mailbox;
    private final Map<String, JsonNode> connectors;

    private DemoServer(KeycloakProcess keycloak, DemoMailbox mailbox, Map<String, JsonNode> connectors) {
        this.keycloak = keycloak;
        this.mailbox = mailbox;
        this.connectors = connectors;
    }

    /**
     * Starts the mailbox and Keycloak on {@code home} (realms imported when the database has none),
     * points the realm's email at the mailbox and issues new connector tokens.
     *
     * @param log where Keycloak's output goes, or {@code null} for this console
     */
    public static DemoServer start(Path home, Path bundle, int port, int smtpPort, int mailboxPort, Path log)
            throws IOException {
        DemoMailbox mailbox = DemoMailbox.start(smtpPort, mailboxPort);
        KeycloakProcess keycloak = null;
        try {
            DemoRealms.write(home.resolve("data/import"), URI.create("http://localhost:" + port));
            keycloak = KeycloakProcess.start(home, bundle, port, List.of("--import-realm"), log);
            // A first start builds Keycloak with the bundle and imports both realms: many minutes on a busy machine.
            keycloak.awaitReady(Duration.ofMinutes(20));
            return new DemoServer(keycloak, mailbox, setUp(home, keycloak, mailbox));
        } catch (IOException | RuntimeException e) {
            // The mailbox's threads would keep the run command's JVM alive after the failure.
            mailbox.close();
            if (keycloak != null) {
                keycloak.close();
            }
            throw e;
        }
    }

    /** Master tokens, the realm's SMTP server, each connector's Organization and a new token: what a start sets. */
    private static Map<String, JsonNode> setUp(Path home, KeycloakProcess keycloak, DemoMailbox mailbox) {
        AdminApi admin = new AdminApi(keycloak.baseUrl());
        ObjectNode master = new ObjectMapper().createObjectNode().put("accessTokenLifespan", ADMIN_TOKEN_LIFESPAN_SECONDS);
        admin.expect(204, admin.put("/admin/realms/master", master.toString()));
        // Set on every start: the SMTP port may differ from the one of the run that imported the realm.
        ObjectNode realm = new ObjectMapper().createObjectNode();
        realm.set("smtpServer", mailbox.realmSmtpServer());
        admin.expect(204, admin.put("/admin/realms/" + REALM, realm.toString()));

        Map<String, JsonNode> rotated = new LinkedHashMap<>();
        JsonNode all = admin.expect(200, admin.get("/admin/realms/" + REALM + "/scim-connectors"));
        for (Map.Entry<String, String> customer : CUSTOMERS.entrySet()) {
            String name = customer.getKey();
            JsonNode connector = null;
            for (JsonNode candidate : all) {
                if (name.equals(candidate.path("name").asText())) {
                    connector = candidate;
                }
            }
            if (connector == null) {
                throw new IllegalStateException("The demo realm has no connector named " + name
                        + " (a database from an older demo? delete " + home.resolve("data") + " to import afresh)");
            }
            String id = connector.get("id").asText();
            if (!connector.hasNonNull("organizationId")) {
                confine(admin, id, customer.getValue());
            }
            rotated.put(name, admin.expect(200,
                    admin.post("/admin/realms/" + REALM + "/scim-connectors/" + id + "/rotate-secret", null)));
        }
        return rotated;
    }

    /**
     * Ties an imported connector to its customer's Organization. The realm file cannot: Keycloak imports
     * components before organizations, and a connector naming an organization id not there yet is refused.
     * Done once, on the start that imported the realm.
     */
    private static void confine(AdminApi admin, String connectorId, String organizationAlias) {
        String organizationId = null;
        for (JsonNode organization : admin.expect(200, admin.get("/admin/realms/" + REALM + "/organizations?first=0&max=100"))) {
            if (organizationAlias.equals(organization.path("alias").asText())) {
                organizationId = organization.get("id").asText();
            }
        }
        if (organizationId == null) {
            throw new IllegalStateException("The demo realm has no organization " + organizationAlias);
        }
        String path = "/admin/realms/" + REALM + "/components/" + connectorId;
        ObjectNode component = (ObjectNode) admin.expect(200, admin.get(path));
        ((ObjectNode) component.get("config")).putArray("organizationId").add(organizationId);
        admin.expect(204, admin.put(path, component.toString()));
    }

    public URI baseUrl() {
        return keycloak.baseUrl();
    }

    public URI mailboxUrl() {
        return mailbox.url();
    }

    public String scimBaseUrl(String connector) {
        return connectors.get(connector).get("scimBaseUrl").asText();
    }

    public String token(String connector) {
        return connectors.get(connector).get("token").asText();
    }

    public String organizationId(String connector) {
        return connectors.get(connector).path("organizationId").asText(null);
    }

    /**
     * {@code KC}, {@code MAILBOX}, {@code SCIM}/{@code TOKEN} (Globex's connector) and
     * {@code INITECH_SCIM}/{@code INITECH_TOKEN}, as shell assignments; the README sources this file.
     */
    public void writeEnvironment(Path file) throws IOException {
        String env = "# Written by the demo at start (./mvnw -Pdemo package); tokens are new on every start.\n"
                + "KC=" + baseUrl() + "\n"
                + "MAILBOX=" + mailboxUrl() + "\n"
                + "SCIM=" + scimBaseUrl(GLOBEX_CONNECTOR) + "\n"
                + "TOKEN=" + token(GLOBEX_CONNECTOR) + "\n"
                + "INITECH_SCIM=" + scimBaseUrl(INITECH_CONNECTOR) + "\n"
                + "INITECH_TOKEN=" + token(INITECH_CONNECTOR) + "\n";
        Files.writeString(file, env);
    }

    public int waitFor() throws InterruptedException {
        return keycloak.waitFor();
    }

    @Override
    public void close() {
        keycloak.close();
        mailbox.close();
    }

    public static void main(String[] args) throws Exception {
        long started = System.nanoTime();
        Path home = KeycloakProcess.homeFromSystemProperty();
        DemoServer demo = start(home, KeycloakProcess.bundleFromSystemProperty(), Integer.getInteger("demo.port", 8080),
                Integer.getInteger("demo.smtp.port", 3025), Integer.getInteger("demo.mailbox.port", 8025), null);
        Path env = home.getParent().resolve(ENV_FILE);
        demo.writeEnvironment(env);
        URI url = demo.baseUrl();
        String base = demo.scimBaseUrl(GLOBEX_CONNECTOR);
        String token = demo.token(GLOBEX_CONNECTOR);
        System.out.println();
        System.out.println("==================== Enterprise Connect demo ====================");
        System.out.println("Admin console : " + url + "/admin/master/console/#/" + REALM
                + "   (" + KeycloakProcess.ADMIN_USER + " / " + KeycloakProcess.ADMIN_PASSWORD + ")");
        System.out.println("SCIM base URL : " + base + "   (Globex's Okta connector)");
        System.out.println("SCIM token    : " + token + "   (new on every start)");
        System.out.println("Initech       : " + demo.scimBaseUrl(INITECH_CONNECTOR) + "   (a second customer; token in "
                + ENV_FILE + ")");
        System.out.println("Mailbox       : " + demo.mailboxUrl() + "   (every email the realm sends, e.g. invitations)");
        System.out.println("Shell         : . " + env + "   (sets KC, MAILBOX, SCIM, TOKEN, INITECH_SCIM, INITECH_TOKEN)");
        System.out.println("Try it        : curl -s -H \"Authorization: Bearer $TOKEN\" -H 'Content-Type: application/scim+json' \\");
        System.out.println("                  $SCIM/Users -d '{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],"
                + "\"userName\":\"jane@globex.test\",\"emails\":[{\"value\":\"jane@globex.test\",\"primary\":true}]}'");
        System.out.println("                  then open the mailbox: Jane's invitation leads to Globex's Okta (password "
                + OktaStandIn.DEMO_PASSWORD + ")");
        System.out.println();
        System.out.println("Okta single sign-on (realm " + OKTA_REALM + " plays the customer's Okta; users below, password "
                + OktaStandIn.DEMO_PASSWORD + "):");
        System.out.println("  Sign in       : " + url + "/realms/" + REALM + "/account");
        System.out.println("                  type jane@globex.test -> sent to Okta by email domain (SAML) -> MANAGER, team Platform,"
                + " member of Globex");
        System.out.println("                  alex@globex.test -> group 'Okta Admins' makes him ADMINISTRATOR");
        System.out.println("                  oscar@globex.test -> role OWNER is refused with an error page naming the allowed roles");
        System.out.println("                  or click 'Okta (OIDC)' on the first page and sign in as any of them");
        System.out.println("  Okta's side   : " + url + "/admin/master/console/#/" + OKTA_REALM + "/users   (change a role, sign in again)");
        System.out.println("  Who got what  : " + url + "/admin/master/console/#/" + REALM + "/users");
        System.out.println("  Customers     : " + url + "/admin/master/console/#/" + REALM + "/organizations   (Globex, Initech)");
        System.out.printf("Ready in %.0f s. Stop with Ctrl-C.%n", (System.nanoTime() - started) / 1e9);
        System.out.println("==================================================================");
        int exit = demo.waitFor();
        demo.close();
        System.exit(exit);
    }
}
