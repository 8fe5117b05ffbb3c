package dev.enterpriseconnect.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.enterpriseconnect.it.RunningKeycloak.Connector;
import dev.enterpriseconnect.it.ScimClient.Result;

/** What a SCIM client reads before it provisions: capabilities, schemas, resource types. */
@ExtendWith(KeycloakServer.class)
class ScimDiscoveryIT {

    private static ScimClient scim;
    private static Connector okta;

    @BeforeAll
    static void connector(RunningKeycloak keycloak) {
        String realm = keycloak.createRealm("discovery");
        okta = keycloak.createConnector(realm, "okta");
        scim = keycloak.scim(okta);
    }

    @Test
    void schemasListCoreEnterpriseInvitationAndGroup() {
        Result schemas = scim.get("/Schemas");

        assertEquals(200, schemas.status(), schemas.response().body());
        List<String> ids = new ArrayList<>();
        schemas.json().get("Resources").forEach(s -> ids.add(s.get("id").asText()));
        assertEquals(List.of("urn:ietf:params:scim:schemas:core:2.0:User",
                "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User",
                "urn:enterpriseconnect:params:scim:schemas:extension:invitation:2.0:User",
                "urn:enterpriseconnect:params:scim:schemas:extension:access:2.0:User",
                "urn:ietf:params:scim:schemas:core:2.0:Group"), ids);
        assertEquals(5, schemas.json().get("totalResults").asInt());

        Result enterprise = scim.get("/Schemas/urn:ietf:params:scim:schemas:extension:enterprise:2.0:User");
        assertEquals(200, enterprise.status());
        assertEquals(okta.baseUrl() + "/Schemas/urn:ietf:params:scim:schemas:extension:enterprise:2.0:User",
                enterprise.json().at("/meta/location").asText());

        Result missing = scim.get("/Schemas/urn:example:nothing");
        assertEquals(404, missing.status());
        assertEquals("urn:ietf:params:scim:api:messages:2.0:Error", missing.json().at("/schemas/0").asText());
    }

    @Test
    void resourceTypesNameTheirEndpointsAndExtensions() {
        JsonNode user = scim.get("/ResourceTypes/User").json();

        assertEquals("/Users", user.get("endpoint").asText());
        assertEquals("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User",
                user.at("/schemaExtensions/0/schema").asText());
        assertEquals("urn:enterpriseconnect:params:scim:schemas:extension:invitation:2.0:User",
                user.at("/schemaExtensions/1/schema").asText());
        assertEquals("urn:enterpriseconnect:params:scim:schemas:extension:access:2.0:User",
                user.at("/schemaExtensions/2/schema").asText());
        assertEquals(2, scim.get("/ResourceTypes").json().get("totalResults").asInt());
    }

    @Test
    void serviceProviderConfigStatesTheRealCapabilities() {
        JsonNode config = scim.get("/ServiceProviderConfig").json();

        assertTrue(config.at("/patch/supported").asBoolean());
        assertTrue(config.at("/filter/supported").asBoolean());
        assertEquals(1000, config.at("/filter/maxResults").asInt());
        assertTrue(config.at("/sort/supported").asBoolean());
        assertTrue(config.at("/etag/supported").asBoolean());
        assertEquals(false, config.at("/changePassword/supported").asBoolean());
    }
}
