package dev.enterpriseconnect.it;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;

/** The provisioning log on the shared test server's embedded H2. */
@ExtendWith(KeycloakServer.class)
class ProvisioningLogIT extends ProvisioningLogScenarios {

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
