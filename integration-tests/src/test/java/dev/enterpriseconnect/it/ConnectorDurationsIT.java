package dev.enterpriseconnect.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.enterpriseconnect.testbed.AdminApi;

/**
 * A connector's durations read back as the administrator wrote them: {@code PT72H} is not turned
 * into {@code P3D}, {@code P14D} not into {@code PT336H}, whole seconds stay seconds. Defaults read in
 * the form the README documents.
 */
@ExtendWith(KeycloakServer.class)
class ConnectorDurationsIT {

    @Test
    void durationsReadBackAsGiven(RunningKeycloak keycloak) {
        AdminApi admin = keycloak.admin();
        String realm = keycloak.createRealm("durations");
        String base = "/admin/realms/" + realm + "/scim-connectors";
        JsonNode created = admin.expect(201, admin.post(base, "{\"name\":\"okta\",\"invitationLifespan\":\"PT72H\","
                + "\"invitationDisableAfter\":\"P30D\",\"authFailureWindow\":\"90\","
                + "\"deprovisioning\":{\"onDelete\":\"disable-then-delete\",\"retention\":\"PT12H\"}}"));
        assertDurations(created, "PT72H", "P30D", "90", "PT12H");
        JsonNode read = admin.expect(200, admin.get(base + "/" + created.get("id").asText()));
        assertDurations(read, "PT72H", "P30D", "90", "PT12H");
        assertDurations(admin.expect(200, admin.get(base)).get(0), "PT72H", "P30D", "90", "PT12H");

        JsonNode defaults = admin.expect(201, admin.post(base, "{\"name\":\"entra\"}"));
        assertEquals("P14D", defaults.get("invitationLifespan").asText());
        assertEquals("PT1M", defaults.get("authFailureWindow").asText());
        assertEquals("P30D", defaults.get("deprovisioning").get("retention").asText());
        assertEquals(false, defaults.has("invitationDisableAfter"), defaults.toString());

        // A later change of the retention reads back as sent, too.
        admin.expect(200, admin.put(base + "/" + created.get("id").asText() + "/deprovisioning", "{\"retention\":\"P7D\"}"));
        assertEquals("P7D", admin.expect(200, admin.get(base + "/" + created.get("id").asText()))
                .get("deprovisioning").get("retention").asText());
    }

    @Test
    void aDurationInAnotherNotationIsRefusedAndNothingIsCreated(RunningKeycloak keycloak) {
        AdminApi admin = keycloak.admin();
        String realm = keycloak.createRealm("durations-bad");
        String base = "/admin/realms/" + realm + "/scim-connectors";
        var refused = admin.post(base, "{\"name\":\"okta\",\"invitationLifespan\":\"72h\"}");
        assertEquals(400, refused.statusCode(), refused.body());
        assertEquals("{\"error\":\"invitationLifespan must be an ISO-8601 duration such as P14D or PT2S, or a whole number"
                + " of seconds, from 1 second to 365 days; got '72h'\"}", refused.body());
        assertEquals(0, admin.expect(200, admin.get(base)).size(), "no connector was created");
    }

    private static void assertDurations(JsonNode connector, String lifespan, String disableAfter, String window,
            String retention) {
        assertEquals(lifespan, connector.get("invitationLifespan").asText(), connector.toString());
        assertEquals(disableAfter, connector.get("invitationDisableAfter").asText(), connector.toString());
        assertEquals(window, connector.get("authFailureWindow").asText(), connector.toString());
        assertEquals(retention, connector.get("deprovisioning").get("retention").asText(), connector.toString());
    }
}
