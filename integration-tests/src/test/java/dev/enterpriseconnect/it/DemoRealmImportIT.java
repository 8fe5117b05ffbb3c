package dev.enterpriseconnect.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import org.junit.jupiter.api.Test;

import dev.enterpriseconnect.testbed.AdminApi;
import dev.enterpriseconnect.testbed.DemoRealms;
import dev.enterpriseconnect.testbed.Directories;
import dev.enterpriseconnect.testbed.KeycloakProcess;

/**
 * The realm files {@code docker/compose.yaml} imports, as the build rendered them: Keycloak's own
 * {@code kc.sh import} takes both into a throw-away H2 database; then that Keycloak, started on it,
 * passes the compose file's healthcheck and {@code docker/scim-token.sh} gives a working SCIM token.
 * Everything the Docker demo does but Docker itself.
 */
class DemoRealmImportIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** A small CI machine: bounded heap, and only the quick JIT, which is what start-up needs. */
    private static final Map<String, String> FRUGAL_JVM = Map.of("JAVA_OPTS_KC_HEAP", "-Xms64m -Xmx512m",
            "JAVA_OPTS_APPEND", "-XX:TieredStopAtLevel=1");

    @Test
    void renderedRealmsImportStartAndGiveASecret() throws Exception {
        Path realms = Path.of(System.getProperty("docker.realms.dir"));
        URI dockerBase = URI.create(System.getProperty("docker.base.url"));
        Path root = Path.of(System.getProperty("repository.root")).toRealPath();

        // The files on disk are what the templates render to now, with no placeholder left.
        for (String file : DemoRealms.FILES) {
            Path rendered = realms.resolve(file);
            assertTrue(Files.isRegularFile(rendered), rendered + " was not rendered by the build");
            Path fresh = Files.createTempDirectory("demo-realms");
            DemoRealms.write(fresh, dockerBase);
            assertEquals(Files.readString(fresh.resolve(file)), Files.readString(rendered), file + " is stale");
            String text = Files.readString(rendered);
            assertFalse(Pattern.compile("@[A-Z_]+@").matcher(text).find(), file + " still holds a placeholder");
            assertEquals(file, JSON.readTree(text).get("realm").asText() + "-realm.json");
        }

        Path work = KeycloakProcess.homeFromSystemProperty().getParent().resolve("demo-realm-import");
        Directories.delete(work);
        Files.createDirectories(work);
        Path home = work.resolve("keycloak");
        copy(KeycloakProcess.homeFromSystemProperty(), home);
        Directories.delete(home.resolve("data"));

        // Built once, as the image is (health checks on); import and start then reuse that build.
        long started = System.nanoTime();
        runToEnd(home, List.of("build", "--db=dev-file", "--health-enabled=true", "--cache=local"), work.resolve("build.log"));
        System.out.printf("kc.sh build took %.1f s%n", (System.nanoTime() - started) / 1e9);

        started = System.nanoTime();
        Path importLog = work.resolve("import.log");
        runToEnd(home, List.of("import", "--optimized", "--dir=" + realms), importLog);
        String log = Files.readString(importLog);
        for (String realm : List.of(DemoRealms.ACME_REALM, DemoRealms.OKTA_REALM)) {
            assertTrue(log.contains("Realm '" + realm + "' imported"), "no import of " + realm + " in " + importLog);
        }
        System.out.printf("kc.sh import of %s took %.1f s%n", DemoRealms.FILES, (System.nanoTime() - started) / 1e9);

        // The same database started, with health checks on the management port as in the compose file.
        int port = KeycloakProcess.freePort();
        int management = KeycloakProcess.freePort();
        Path serverLog = work.resolve("keycloak.log");
        try (KeycloakProcess keycloak = KeycloakProcess.run(home, KeycloakProcess.bundleFromSystemProperty(), port,
                List.of("start", "--optimized", "--http-enabled=true", "--hostname-strict=false",
                        "--http-port=" + port, "--http-management-port=" + management), FRUGAL_JVM, serverLog)) {
            keycloak.awaitReady(Duration.ofMinutes(5));

            AdminApi admin = new AdminApi(keycloak.baseUrl());
            JsonNode providers = admin.expect(200,
                    admin.get("/admin/realms/" + DemoRealms.ACME_REALM + "/identity-provider/instances"));
            List<String> aliases = new ArrayList<>();
            providers.forEach(p -> aliases.add(p.get("alias").asText()));
            assertTrue(aliases.containsAll(List.of("okta-saml", "okta-oidc")), "identity providers " + aliases);
            admin.expect(200, admin.get("/admin/realms/" + DemoRealms.OKTA_REALM));

            // The compose file's healthcheck, run as Docker runs it, against this management port.
            List<String> probe = healthcheck(root, management);
            assertEquals(0, run(probe, Map.of(), root).exit(), "healthcheck " + probe + " failed on a ready server");

            // The README's first-secret step.
            Result token = run(List.of("sh", root.resolve("docker/scim-token.sh").toString()),
                    Map.of("KC", keycloak.baseUrl().toString()), root);
            assertEquals(0, token.exit(), "docker/scim-token.sh: " + token.output());
            Matcher base = Pattern.compile("SCIM base URL : (\\S+)").matcher(token.output());
            Matcher secret = Pattern.compile("SCIM token    : (ecs_\\S+)").matcher(token.output());
            assertTrue(base.find() && secret.find(), token.output());
            HttpResponse<String> users = HttpClient.newHttpClient().send(HttpRequest
                    .newBuilder(URI.create(base.group(1).replace(dockerBase.toString(), keycloak.baseUrl().toString())
                            + "/Users"))
                    .header("Authorization", "Bearer " + secret.group(1)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, users.statusCode(), users.body());
        }
        // And the probe fails once nobody answers on that port.
        assertTrue(run(healthcheck(root, management), Map.of(), root).exit() != 0, "healthcheck passed with no server");
    }

    /** The keycloak service's healthcheck command, on {@code port} instead of 9000. */
    private static List<String> healthcheck(Path root, int port) throws Exception {
        JsonNode test = new YAMLMapper().readTree(root.resolve("docker/compose.yaml").toFile())
                .at("/services/keycloak/healthcheck/test");
        List<String> command = new ArrayList<>();
        test.forEach(part -> command.add(part.asText().replace("/9000", "/" + port)));
        assertEquals("CMD", command.remove(0), "healthcheck " + command);
        return command;
    }

    /** Runs {@code kc.sh} with {@code arguments} to its end and insists on exit code 0. */
    private static void runToEnd(Path home, List<String> arguments, Path log) throws Exception {
        try (KeycloakProcess kc = KeycloakProcess.run(home, KeycloakProcess.bundleFromSystemProperty(), 0, arguments,
                FRUGAL_JVM, log)) {
            kc.processHandle().onExit().get(5, TimeUnit.MINUTES);
            int exit = kc.waitFor();
            assertEquals(0, exit, "kc.sh " + arguments + " exited with " + exit + "\n" + kc.logTail());
        }
    }

    private record Result(int exit, String output) {
    }

    private static Result run(List<String> command, Map<String, String> environment, Path directory) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true);
        builder.environment().putAll(environment);
        Process process = builder.start();
        process.getOutputStream().close();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException(command + " did not finish within 30 s");
        }
        return new Result(process.exitValue(), new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    private static void copy(Path from, Path to) throws Exception {
        Process copy = new ProcessBuilder("cp", "-a", from.toString(), to.toString()).inheritIO().start();
        if (!copy.waitFor(5, TimeUnit.MINUTES) || copy.exitValue() != 0) {
            throw new IllegalStateException("Cannot copy " + from + " to " + to);
        }
    }
}
