package dev.enterpriseconnect.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import dev.enterpriseconnect.testbed.KeycloakProcess;

/**
 * The one way the benchmarks start Keycloak: their own copy, preview SCIM on, on a persistent database: H2's
 * file ({@code -Dbench.db=h2}, the default) or the benchmarks' own PostgreSQL ({@code -Dbench.db=postgres},
 * {@link BenchPostgres}, started with the first Keycloak and stopped when the JVM exits).
 */
final class BenchKeycloak {

    private static final List<String> FEATURES = List.of("--features=scim-api");
    private static BenchPostgres postgres;

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
        List<String> args = new java.util.ArrayList<>(args());
        args.addAll(extraArgs);
        KeycloakProcess keycloak = KeycloakProcess.start(home, KeycloakProcess.bundleFromSystemProperty(),
                KeycloakProcess.freePort(), args, log);
        keycloak.awaitReady(Duration.ofMinutes(5));
        System.out.printf("Keycloak up in %.0f s at %s%n", (System.nanoTime() - startedNanos) / 1e9, keycloak.baseUrl());
        return keycloak;
    }

    /** {@code bench.db}: h2 (default) or postgres. */
    static boolean onPostgres() {
        String db = System.getProperty("bench.db", "h2").trim().toLowerCase(java.util.Locale.ROOT);
        return switch (db) {
            case "h2", "" -> false;
            case "postgres", "postgresql" -> true;
            default -> throw new IllegalArgumentException("bench.db must be h2 or postgres, not " + db);
        };
    }

    /**
     * The benchmarks' PostgreSQL, started on first use in {@code bench/target/postgres} ({@code -Dbench.pgFresh=true}
     * starts from an empty cluster), stopped by a shutdown hook.
     */
    static synchronized BenchPostgres postgres(Path home) {
        if (postgres == null) {
            postgres = BenchPostgres.start(home.getParent().resolve("postgres"), Boolean.getBoolean("bench.pgFresh"));
        }
        return postgres;
    }

    /** The database's options for {@code start-dev}. */
    static List<String> args() {
        List<String> args = new java.util.ArrayList<>(FEATURES);
        if (onPostgres()) {
            args.addAll(postgres(KeycloakProcess.homeFromSystemProperty()).keycloakArgs());
        } else {
            args.add("--db=dev-file");
        }
        return args;
    }

    /** Short name of the database for report headers. */
    static String database() {
        return onPostgres() ? "PostgreSQL " + postgres(KeycloakProcess.homeFromSystemProperty()).version()
                : "H2 dev-file (QUERY_CACHE_SIZE=64)";
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
        return "Keycloak " + keycloak.home().getFileName() + " " + String.join(" ", FEATURES) + ", database "
                + database() + ", default heap, "
                + Runtime.getRuntime().availableProcessors() + " cores; client: Java HttpClient HTTP/1.1, same machine";
    }
}
