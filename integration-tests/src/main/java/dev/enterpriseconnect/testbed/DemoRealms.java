package dev.enterpriseconnect.testbed;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The two demo realms ({@code acme} and {@code okta-demo}) rendered from their templates
 * ({@link OktaStandIn}) into importable realm files. The run command ({@link DemoServer}) writes them
 * into Keycloak's {@code data/import}; the build ({@code ./mvnw package}) writes them for Docker into
 * {@code integration-tests/target/docker-realms/}, which {@code docker/compose.yaml} mounts. One
 * source, so the Docker demo is the demo.
 */
public final class DemoRealms {

    public static final String ACME_REALM = "acme";
    public static final String OKTA_REALM = "okta-demo";
    /** The files written, one per realm, in import order. */
    public static final List<String> FILES = List.of(OKTA_REALM + "-realm.json", ACME_REALM + "-realm.json");

    private DemoRealms() {
    }

    /** Writes both realms, with the server's public address {@code baseUrl} filled in, into {@code dir}. */
    public static void write(Path dir, URI baseUrl) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(FILES.get(0)), render(OktaStandIn.OKTA_TEMPLATE, baseUrl));
        Files.writeString(dir.resolve(FILES.get(1)), render(OktaStandIn.ACME_TEMPLATE, baseUrl));
    }

    static String render(String template, URI baseUrl) {
        return OktaStandIn.render(template, baseUrl, ACME_REALM, OKTA_REALM);
    }

    /** {@code DemoRealms <dir> <baseUrl>}: the build step behind {@code docker/compose.yaml}. */
    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            throw new IllegalArgumentException("Usage: DemoRealms <output dir> <base URL, e.g. http://localhost:8080>");
        }
        Path dir = Path.of(args[0]);
        write(dir, URI.create(args[1]));
        System.out.println("Demo realms " + FILES + " for " + args[1] + " written to " + dir);
    }
}
