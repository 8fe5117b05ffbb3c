package dev.enterpriseconnect.it;

import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The concurrency scenarios on PostgreSQL (Debian's, started by the test), where row locks, unique
 * violations and aborted transactions behave differently from H2.
 */
class ConcurrentProvisioningOnPostgresIT extends ConcurrentProvisioningScenarios {

    private static KeycloakOnPostgres server;
    private static RunningKeycloak keycloak;

    @BeforeAll
    static void start() throws Exception {
        server = KeycloakOnPostgres.start("concurrency", List.of());
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
