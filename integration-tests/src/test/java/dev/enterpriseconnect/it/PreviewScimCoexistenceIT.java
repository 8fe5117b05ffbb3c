package dev.enterpriseconnect.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.net.URI;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.enterpriseconnect.it.RunningKeycloak.Connector;
import dev.enterpriseconnect.it.ScimClient.Result;

/** The suite's server runs with --features=scim-api: both SCIM APIs answer in one realm. */
@ExtendWith(KeycloakServer.class)
class PreviewScimCoexistenceIT {

    @Test
    void oursAndKeycloaksPreviewScimServeTheSameRealm(RunningKeycloak keycloak) {
        String realm = keycloak.createRealm("both", ",\"scimApiEnabled\":true");
        Connector okta = keycloak.createConnector(realm, "okta");

        Result ours = keycloak.scim(okta).post("/Users",
                "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"userName\":\"both@acme.test\"}");
        assertEquals(201, ours.status(), ours.response().body());

        // The preview answers on its own path (it wants its own kind of token, so our token is refused there).
        Result preview = ScimClient.bearer(URI.create(keycloak.baseUrl() + "/realms/" + realm + "/scim/v2"), okta.token())
                .get("/ServiceProviderConfig");
        assertNotEquals(404, preview.status());
        assertNotEquals(200, preview.status());
        assertEquals(200, keycloak.scim(okta).get("/Users/" + ours.json().get("id").asText()).status());
    }
}
