package dev.enterpriseconnect.it;

import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The provisioning-log scenarios on PostgreSQL (Debian's, started by the test): the table comes
 * from the same Liquibase changelog, and the purge's ranged deletes run on PostgreSQL's planner.
 */
class ProvisioningLogOnPostgresIT extends ProvisioningLogScenarios {

    private static KeycloakOnPostgres server;
    private static RunningKeycloak keycloak;

    @BeforeAll
    static void start() throws Exception {
        server = KeycloakOnPostgres.start("log",
                List.of("--spi-enterprise-connect-sweep--default--interval=" + KeycloakServer.SWEEP_INTERVAL_SECONDS,
                        "--spi-enterprise-connect-sweep--default--log-purge-batch=" + KeycloakServer.LOG_PURGE_BATCH));
        keycloak = server.keycloak();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Override
    RunningKeycloak server() {
        return keycloak;
    }
}
