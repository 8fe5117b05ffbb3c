package dev.enterpriseconnect.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.enterpriseconnect.it.ScimClient.Result;

/** /Bulk: several operations in one request, bulkId references, failOnErrors and limits. */
@ExtendWith(KeycloakServer.class)
class ScimBulkIT {

    private static final String BULK = "urn:ietf:params:scim:api:messages:2.0:BulkRequest";

    private static RunningKeycloak keycloak;
    private static String realm;
    private static ScimClient scim;

    @BeforeAll
    static void connector(RunningKeycloak server) {
        keycloak = server;
        realm = server.createRealm("bulk");
        scim = server.scim(server.createConnector(realm, "okta"));
    }

    @Test
    void aUserAndAGroupContainingItInOneRequest() {
        // The group comes first and refers to the user created after it: the server resolves the order.
        Result result = scim.post("/Bulk", "{\"schemas\":[\"" + BULK + "\"],\"Operations\":["
                + "{\"method\":\"POST\",\"path\":\"/Groups\",\"bulkId\":\"g1\",\"data\":{\"schemas\":"
                + "[\"urn:ietf:params:scim:schemas:core:2.0:Group\"],\"displayName\":\"Bulk Team\","
                + "\"members\":[{\"type\":\"User\",\"value\":\"bulkId:u1\"}]}},"
                + "{\"method\":\"POST\",\"path\":\"/Users\",\"bulkId\":\"u1\",\"data\":{\"schemas\":"
                + "[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"userName\":\"bulk.user@acme.test\"}},"
                + "{\"method\":\"PATCH\",\"path\":\"/Users/bulkId:u1\",\"data\":{\"schemas\":"
                + "[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],\"Operations\":[{\"op\":\"replace\","
                + "\"path\":\"title\",\"value\":\"Bulk Loaded\"}]}}]}");

        assertEquals(200, result.status(), result.response().body());
        JsonNode operations = result.json().get("Operations");
        assertEquals("urn:ietf:params:scim:api:messages:2.0:BulkResponse", result.json().at("/schemas/0").asText());
        assertEquals("201", operations.get(0).get("status").asText());
        assertEquals("201", operations.get(1).get("status").asText());
        assertEquals("200", operations.get(2).get("status").asText());
        String groupLocation = operations.get(0).get("location").asText();
        String userLocation = operations.get(1).get("location").asText();
        String userId = userLocation.substring(userLocation.lastIndexOf('/') + 1);

        JsonNode group = scim.get(groupLocation.substring(groupLocation.indexOf("/Groups"))).json();
        assertEquals(userId, group.at("/members/0/value").asText());
        assertEquals("Bulk Loaded", scim.get("/Users/" + userId).json().get("title").asText());
    }

    @Test
    void failOnErrorsStopsAfterThatManyErrors() {
        Result result = scim.post("/Bulk", "{\"schemas\":[\"" + BULK + "\"],\"failOnErrors\":1,\"Operations\":["
                + "{\"method\":\"DELETE\",\"path\":\"/Users/no-such-user\"},"
                + "{\"method\":\"POST\",\"path\":\"/Users\",\"bulkId\":\"never\",\"data\":{\"schemas\":"
                + "[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"userName\":\"never.created@acme.test\"}}]}");

        assertEquals(200, result.status());
        JsonNode operations = result.json().get("Operations");
        assertEquals(1, operations.size());
        assertEquals("404", operations.get(0).get("status").asText());
        assertEquals("urn:ietf:params:scim:api:messages:2.0:Error", operations.get(0).at("/response/schemas/0").asText());
        assertEquals(0, scim.get("/Users?filter=userName%20eq%20%22never.created@acme.test%22").json()
                .get("totalResults").asInt());
    }

    @Test
    void requestsOverTheConnectorsLimitsAreTooLarge() {
        JsonNode limited = keycloak.admin().expect(201, keycloak.admin().post("/admin/realms/" + realm
                + "/scim-connectors", "{\"name\":\"limited\",\"bulkMaxOperations\":1,\"bulkMaxPayloadSize\":400}"));
        ScimClient small = ScimClient.bearer(URI.create(limited.get("scimBaseUrl").asText()), limited.get("token").asText());

        JsonNode config = small.get("/ServiceProviderConfig").json();
        assertTrue(config.at("/bulk/supported").asBoolean());
        assertEquals(1, config.at("/bulk/maxOperations").asInt());
        assertEquals(400, config.at("/bulk/maxPayloadSize").asInt());

        Result tooMany = small.post("/Bulk", "{\"schemas\":[\"" + BULK + "\"],\"Operations\":["
                + "{\"method\":\"DELETE\",\"path\":\"/Users/a\"},{\"method\":\"DELETE\",\"path\":\"/Users/b\"}]}");
        assertEquals(413, tooMany.status());
        assertEquals("urn:ietf:params:scim:api:messages:2.0:Error", tooMany.json().at("/schemas/0").asText());
        assertEquals("The request has 2 operations; maxOperations is 1", tooMany.json().get("detail").asText());

        Result tooBig = small.post("/Bulk", "{\"schemas\":[\"" + BULK + "\"],\"Operations\":[{\"method\":\"POST\","
                + "\"path\":\"/Users\",\"bulkId\":\"x\",\"data\":{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],"
                + "\"userName\":\"" + "x".repeat(400) + "@acme.test\"}}]}");
        assertEquals(413, tooBig.status());
        assertEquals("The request is larger than maxPayloadSize (400 bytes)", tooBig.json().get("detail").asText());
    }

}
