package dev.enterpriseconnect.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import dev.enterpriseconnect.testbed.KeycloakProcess;

/** The one way the benchmarks start Keycloak: their own copy, preview SCIM on, persistent H2 file database. */
final class BenchKeycloak {

    static final List<String> ARGS = List.of("--features=scim-api", "--db=dev-file");

    private BenchKeycloak() {
    }

    /** Starts Keycloak from {@code keycloak.home} with the bundle from {@code bundle.jar}, and waits until it answers. */
    static KeycloakProcess start(Path home, long startedNanos) {
        return start(home, startedNanos, List.of());
    }

    /** @param extraArgs options after {@link #ARGS}, for one benchmark's needs */
    static KeycloakProcess start(Path home, long startedNanos, List<String> extraArgs) {
        Path log = home.getParent().resolve("keycloak-bench.log");
        System.out.printf("Starting Keycloak (%s), log: %s%n", home, log);
        List<String> args = new java.util.ArrayList<>(ARGS);
        args.addAll(extraArgs);
        KeycloakProcess keycloak = KeycloakProcess.start(home, KeycloakProcess.bundleFromSystemProperty(),
                KeycloakProcess.freePort(), args, log);
        keycloak.awaitReady(Duration.ofMinutes(5));
        System.out.printf("Keycloak up in %.0f s at %s%n", (System.nanoTime() - startedNanos) / 1e9, keycloak.baseUrl());
        return keycloak;
    }

    /** Where results go: {@code bench.results}, else next to the Keycloak copy. */
    static Path resultsDirectory(Path home) {
        return Path.of(System.getProperty("bench.results", home.getParent().toString()));
    }

    /** Short id of this run, used in the names of what it creates, so no run collides with an earlier one. */
    static String runId() {
        return Long.toString(Instant.now().getEpochSecond(), 36);
    }

    /** Describes the server for the report header. */
    static String describe(KeycloakProcess keycloak) {
        return "Keycloak " + keycloak.home().getFileName() + " " + String.join(" ", ARGS) + ", default heap, "
                + Runtime.getRuntime().availableProcessors() + " cores; client: Java HttpClient HTTP/1.1, same machine";
    }
}
