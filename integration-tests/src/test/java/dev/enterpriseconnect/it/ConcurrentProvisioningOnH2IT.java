package dev.enterpriseconnect.it;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;

/** The concurrency scenarios on the shared test server's embedded H2. */
@ExtendWith(KeycloakServer.class)
class ConcurrentProvisioningOnH2IT extends ConcurrentProvisioningScenarios {

    private static RunningKeycloak keycloak;

    @BeforeAll
    static void server(RunningKeycloak server) {
        keycloak = server;
    }

    @Override
    RunningKeycloak server() {
        return keycloak;
    }
}
