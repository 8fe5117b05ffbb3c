package dev.enterpriseconnect.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.enterpriseconnect.it.ScimClient.Result;
import dev.enterpriseconnect.testbed.AdminApi;

/**
 * {@code connector.activated}: the first request that authenticates with a connector's current
 * credential emits it once, however many first requests race; a refused credential does not; a
 * rotation makes the first request with the new secret emit it again ({@code afterRotation}),
 * while the old secret in its overlap does not.
 */
@ExtendWith(KeycloakServer.class)
class ConnectorActivatedIT {

    private static final String USER = "urn:ietf:params:scim:schemas:core:2.0:User";

    @Test
    void theFirstAuthenticatedRequestActivatesOnceAndARotationOnceMore(RunningKeycloak keycloak) throws Exception {
        AdminApi admin = keycloak.admin();
        String realm = keycloak.createRealm("activation");
        RunningKeycloak.Connector connector = keycloak.createConnector(realm, "okta");
        EventsApi events = new EventsApi(admin, realm);

        // A wrong secret is no activation: the IdP has not reached us yet.
        Result refused = ScimClient.bearer(connector.baseUrl(), connector.token() + "x").get("/Users");
        assertEquals(401, refused.status());

        // Eight first requests at once (Okta's "Test connector configuration" and an import racing).
        ScimClient scim = keycloak.scim(connector);
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> answers = threads.invokeAll(java.util.Collections.nCopies(8,
                    () -> scim.get("/Users?count=1").status()));
            for (Future<Integer> answer : answers) {
                assertEquals(200, answer.get());
            }
        } finally {
            threads.shutdownNow();
        }
        String marker = create(scim, "marker1@activation.test");
        List<JsonNode> all = events.awaitUntil(EventsApi.event("user.created", marker), "the first marker");
        List<JsonNode> activations = activations(all);
        assertEquals(1, activations.size(), "one activation for eight racing first requests: " + all);
        JsonNode activated = activations.get(0);
        assertEquals(connector.id(), activated.at("/resource/id").asText());
        assertEquals("Connector", activated.at("/resource/type").asText());
        assertEquals("okta", activated.get("connector").asText());
        assertEquals(realm, activated.get("realm").asText());
        assertTrue(activated.get("organization").isNull(), activated.toString());
        assertEquals("false", activated.at("/details/afterRotation").asText());
        assertEquals("okta", activated.at("/data/name").asText());
        assertEquals("bearer", activated.at("/data/credentialType").asText());
        assertEquals(connector.baseUrl().toString(), activated.at("/data/scimBaseUrl").asText());
        assertFalse(activated.toString().contains(connector.token()), "no secret in the event: " + activated);
        assertFalse(activated.toString().toLowerCase(java.util.Locale.ROOT).contains("hash"), activated.toString());
        assertTrue(all.indexOf(activated) < all.indexOf(all.stream()
                .filter(EventsApi.event("user.created", marker)).findFirst().orElseThrow()), "activation comes first");

        // Rotation with an overlap: the old secret still works but activates nothing.
        JsonNode rotated = admin.expect(200, admin.post("/admin/realms/" + realm + "/scim-connectors/" + connector.id()
                + "/rotate-secret?overlapSeconds=3600", null));
        String fresh = rotated.get("token").asText();
        String marker2 = create(scim, "marker2@activation.test");
        all = events.awaitUntil(EventsApi.event("user.created", marker2), "the second marker");
        assertEquals(1, activations(all).size(), "the old secret in its overlap is no new activation: " + all);

        ScimClient rotatedScim = ScimClient.bearer(connector.baseUrl(), fresh);
        assertEquals(200, rotatedScim.get("/Users?count=1").status());
        String marker3 = create(rotatedScim, "marker3@activation.test");
        all = events.awaitUntil(EventsApi.event("user.created", marker3), "the third marker");
        activations = activations(all);
        assertEquals(2, activations.size(), "the new secret's first request activates again: " + all);
        assertEquals("true", activations.get(1).at("/details/afterRotation").asText());
        assertFalse(activations.get(1).at("/data/secretCreatedAt").asText().isEmpty(), activations.get(1).toString());
        assertFalse(activations.get(0).at("/data/secretCreatedAt").asText().equals(
                activations.get(1).at("/data/secretCreatedAt").asText()), "each activation names its secret's generation");
        assertFalse(activations.get(1).toString().contains(fresh), "no secret in the event");
    }

    @Test
    void anOrganizationConnectorsActivationNamesTheOrganization(RunningKeycloak keycloak) {
        AdminApi admin = keycloak.admin();
        String realm = keycloak.createRealm("activation-org", ",\"organizationsEnabled\":true");
        admin.expect(201, admin.post("/admin/realms/" + realm + "/organizations",
                "{\"name\":\"Acme\",\"alias\":\"acme\",\"domains\":[{\"name\":\"acme.test\"}]}"));
        String orgId = admin.expect(200, admin.get("/admin/realms/" + realm + "/organizations?search=Acme"))
                .get(0).get("id").asText();
        RunningKeycloak.Connector connector = keycloak.createConnector(realm, "acme-okta",
                ",\"organizationId\":\"" + orgId + "\"");
        assertEquals(200, ScimClient.bearer(URI.create(connector.baseUrl().toString()), connector.token())
                .get("/ServiceProviderConfig").status());
        List<JsonNode> all = new EventsApi(admin, realm).awaitUntil(
                e -> e.get("type").asText().equals("connector.activated"), "the activation");
        JsonNode activated = activations(all).get(0);
        assertEquals(orgId, activated.at("/organization/id").asText(), activated.toString());
        assertEquals("acme", activated.at("/organization/alias").asText());
        assertEquals("acme-okta", activated.get("connector").asText());
    }

    private static List<JsonNode> activations(List<JsonNode> events) {
        return events.stream().filter(e -> e.get("type").asText().equals("connector.activated")).toList();
    }

    private static String create(ScimClient scim, String userName) {
        Result created = scim.post("/Users", "{\"schemas\":[\"" + USER + "\"],\"userName\":\"" + userName + "\"}");
        assertEquals(201, created.status(), created.response().body());
        return created.json().get("id").asText();
    }
}
