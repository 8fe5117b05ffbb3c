package dev.enterpriseconnect.it;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import dev.enterpriseconnect.testbed.KeycloakProcess;

/**
 * The provisioning-log scenarios on PostgreSQL (Debian's, started by the test): the table comes
 * from the same Liquibase changelog, and the purge's ranged deletes run on PostgreSQL's planner.
 */
class ProvisioningLogOnPostgresIT extends ProvisioningLogScenarios {

    private static LocalPostgres postgres;
    private static RunningKeycloak keycloak;

    @BeforeAll
    static void start() throws Exception {
        Path target = KeycloakProcess.homeFromSystemProperty().getParent();
        Path home = target.resolve("keycloak-postgres-log");
        LocalPostgres.deleteRecursively(home);
        Process copy = new ProcessBuilder("cp", "-a", KeycloakProcess.homeFromSystemProperty().toString(), home.toString())
                .inheritIO().start();
        if (copy.waitFor() != 0) {
            throw new IllegalStateException("Cannot copy Keycloak to " + home);
        }
        LocalPostgres.deleteRecursively(home.resolve("data"));
        postgres = LocalPostgres.start(target.resolve("pg-provisioning-log"));
        KeycloakProcess process = KeycloakProcess.start(home, KeycloakProcess.bundleFromSystemProperty(),
                KeycloakProcess.freePort(), List.of("--db=postgres", "--db-url=" + postgres.jdbcUrl(),
                        "--db-username=" + LocalPostgres.USER, "--db-password=unused",
                        "--spi-enterprise-connect-sweep--default--interval=" + KeycloakServer.SWEEP_INTERVAL_SECONDS),
                target.resolve("keycloak-postgres-log.log"));
        process.awaitReady(Duration.ofMinutes(10));
        keycloak = new RunningKeycloak(process);
    }

    @AfterAll
    static void stop() {
        if (keycloak != null) {
            keycloak.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Override
    RunningKeycloak server() {
        return keycloak;
    }
}
