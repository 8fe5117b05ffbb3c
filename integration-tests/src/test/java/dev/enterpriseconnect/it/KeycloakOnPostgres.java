package dev.enterpriseconnect.it;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.enterpriseconnect.testbed.Directories;
import dev.enterpriseconnect.testbed.KeycloakProcess;

/**
 * One Keycloak with the bundle on a PostgreSQL of its own (Debian's, see {@link LocalPostgres}), for the
 * {@code *OnPostgresIT} classes: a copy of the unpacked distribution under {@code target/keycloak-postgres-<name>},
 * the cluster under {@code target/pg-<name>}, the server's log next to them. Closing stops both.
 */
final class KeycloakOnPostgres implements AutoCloseable {

    private final LocalPostgres postgres;
    private final RunningKeycloak keycloak;

    private KeycloakOnPostgres(LocalPostgres postgres, RunningKeycloak keycloak) {
        this.postgres = postgres;
        this.keycloak = keycloak;
    }

    /** @param options Keycloak options beyond the database's */
    static KeycloakOnPostgres start(String name, List<String> options) throws Exception {
        Path target = KeycloakProcess.homeFromSystemProperty().getParent();
        Path home = target.resolve("keycloak-postgres-" + name);
        Directories.delete(home);
        Process copy = new ProcessBuilder("cp", "-a", KeycloakProcess.homeFromSystemProperty().toString(), home.toString())
                .inheritIO().start();
        if (copy.waitFor() != 0) {
            throw new IllegalStateException("Cannot copy Keycloak to " + home);
        }
        Directories.delete(home.resolve("data"));
        LocalPostgres postgres = LocalPostgres.start(target.resolve("pg-" + name));
        try {
            List<String> all = new ArrayList<>(List.of("--db=postgres", "--db-url=" + postgres.jdbcUrl(),
                    "--db-username=" + LocalPostgres.USER, "--db-password=unused"));
            all.addAll(options);
            KeycloakProcess process = KeycloakProcess.start(home, KeycloakProcess.bundleFromSystemProperty(),
                    KeycloakProcess.freePort(), all, target.resolve("keycloak-postgres-" + name + ".log"));
            process.awaitReady(Duration.ofMinutes(10));
            return new KeycloakOnPostgres(postgres, new RunningKeycloak(process));
        } catch (Exception | Error e) {
            postgres.close();
            throw e;
        }
    }

    RunningKeycloak keycloak() {
        return keycloak;
    }

    @Override
    public void close() {
        try {
            keycloak.close();
        } finally {
            postgres.close();
        }
    }
}
