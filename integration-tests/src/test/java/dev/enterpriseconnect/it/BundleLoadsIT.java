package dev.enterpriseconnect.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(KeycloakServer.class)
class BundleLoadsIT {

    @Test
    void keycloakListsOurProvidersInServerInfo(RunningKeycloak keycloak) {
        JsonNode providers = keycloak.admin().expect(200, keycloak.admin().get("/admin/serverinfo")).get("providers");

        assertTrue(providers.path("realm-restapi-extension").path("providers").has("enterprise-scim"),
                "SCIM endpoint registered");
        assertTrue(providers.path("admin-realm-restapi-extension").path("providers").has("scim-connectors"),
                "connector admin API registered");
        assertTrue(providers.path("enterprise-scim-connector").path("providers").has("scim-connector"),
                "connector component type registered");
        assertTrue(providers.path("realm-restapi-extension").path("providers").has("scim"),
                "Keycloak's own preview SCIM is enabled alongside ours");
    }
}
