package dev.enterpriseconnect.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.enterpriseconnect.testbed.AdminApi;

/**
 * What Entra's DELETE and Okta's deactivation do under each connector policy: disable (the default,
 * account kept), delete, and disable-then-delete, purged by the sweep when the retention ends.
 */
@ExtendWith(KeycloakServer.class)
class DeprovisioningPoliciesIT {

    private static final String EVENTS = ",\"adminEventsEnabled\":true,\"adminEventsDetailsEnabled\":true";
    private static final String DEACTIVATE = "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],"
            + "\"Operations\":[{\"op\":\"replace\",\"path\":\"active\",\"value\":%s}]}";

    @Test
    void underTheDefaultPolicyEntrasDeleteDisablesTheUserHidesItFromTheConnectorAndARecreateBringsItBack(
            RunningKeycloak keycloak) {
        AdminApi admin = keycloak.admin();
        String realm = keycloak.createRealm("delete-disable", EVENTS);
        RunningKeycloak.Connector connector = keycloak.createConnector(realm, "entra");
        JsonNode shown = admin.expect(200, admin.get("/admin/realms/" + realm + "/scim-connectors/" + connector.id()));
        assertEquals("{\"onDelete\":\"disable\",\"onDeactivate\":\"disable\",\"retention\":\"P30D\"}",
                shown.get("deprovisioning").toString());
        ScimClient scim = keycloak.scim(connector);
        String id = create(scim, "gone@acme.test");
        ScimClient.Result group = scim.post("/Groups", "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:Group\"],"
                + "\"displayName\":\"Finance\",\"members\":[{\"value\":\"" + id + "\"}]}");
        assertEquals(201, group.status(), group.response().body());
        String groupId = group.json().get("id").asText();

        assertEquals(204, scim.delete("/Users/" + id).status());

        assertEquals(404, scim.get("/Users/" + id).status(), "RFC 7644: a deleted resource is not found");
        assertEquals(404, scim.delete("/Users/" + id).status());
        assertEquals(0, scim.get("/Users?filter=userName%20eq%20%22gone@acme.test%22").json().get("totalResults").asInt());
        JsonNode kept = admin.expect(200, admin.get("/admin/realms/" + realm + "/users/" + id));
        assertFalse(kept.get("enabled").asBoolean(), "the account is kept, disabled");
        assertEquals("entra", kept.at("/attributes/ec_deleted_by_connector/0").asText());
        assertTrue(kept.at("/attributes/ec_purge_at").isMissingNode(), "no purge under the disable policy");
        assertTrue(adminEvents(admin, realm, id).contains("deleted-as-disabled"));
        assertTrue(scim.get("/Groups/" + groupId).json().path("members").isEmpty(), "it left the pushed groups");

        ScimClient.Result again = scim.post("/Users", user("gone@acme.test"));
        assertEquals(201, again.status(), again.response().body());
        assertEquals(id, again.json().get("id").asText(), "the same account returns");
        assertTrue(again.json().get("active").asBoolean());
        JsonNode back = admin.expect(200, admin.get("/admin/realms/" + realm + "/users/" + id));
        assertTrue(back.get("enabled").asBoolean());
        assertTrue(back.at("/attributes/ec_deleted_by_connector").isMissingNode());
    }

    @Test
    void underTheDeletePolicyDeleteAndDeactivationRemoveTheUserAtOnce(RunningKeycloak keycloak) {
        AdminApi admin = keycloak.admin();
        String realm = keycloak.createRealm("delete-delete", EVENTS);
        RunningKeycloak.Connector connector = keycloak.createConnector(realm, "okta",
                ",\"deprovisioning\":{\"onDelete\":\"delete\",\"onDeactivate\":\"delete\"}");
        ScimClient scim = keycloak.scim(connector);
        String deleted = create(scim, "deleted@acme.test");
        String deactivated = create(scim, "deactivated@acme.test");

        assertEquals(204, scim.delete("/Users/" + deleted).status());
        ScimClient.Result patched = scim.patch("/Users/" + deactivated, String.format(DEACTIVATE, "false"));

        assertEquals(200, patched.status(), patched.response().body());
        assertFalse(patched.json().get("active").asBoolean());
        for (String id : List.of(deleted, deactivated)) {
            assertEquals(404, admin.get("/admin/realms/" + realm + "/users/" + id).statusCode(), id + " is gone");
            assertEquals(404, scim.get("/Users/" + id).status());
        }
        assertTrue(admin.expect(200, admin.get("/admin/realms/" + realm + "/admin-events?resourcePath=users/"
                + deactivated)).toString().contains("\"lifecycle\":\"deleted\""));
    }

    @Test
    void disableThenDeletePurgesWhenTheRetentionEndsAndReactivationCancelsThePurge(RunningKeycloak keycloak) {
        AdminApi admin = keycloak.admin();
        String realm = keycloak.createRealm("delete-later", EVENTS);
        RunningKeycloak.Connector connector = keycloak.createConnector(realm, "entra",
                ",\"deprovisioning\":{\"onDelete\":\"disable-then-delete\",\"onDeactivate\":\"disable-then-delete\","
                        + "\"retention\":\"PT3S\"}");
        ScimClient scim = keycloak.scim(connector);
        String returning = create(scim, "returning@acme.test");
        String leaving = create(scim, "leaving@acme.test");

        assertEquals(200, scim.patch("/Users/" + returning, String.format(DEACTIVATE, "false")).status());
        JsonNode scheduled = admin.expect(200, admin.get("/admin/realms/" + realm + "/users/" + returning));
        assertFalse(scheduled.get("enabled").asBoolean());
        assertTrue(scheduled.at("/attributes/ec_purge_at/0").asText().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ"),
                scheduled.toString());
        assertEquals(200, scim.patch("/Users/" + returning, String.format(DEACTIVATE, "true")).status());
        assertTrue(admin.expect(200, admin.get("/admin/realms/" + realm + "/users/" + returning))
                .at("/attributes/ec_purge_at").isMissingNode(), "reactivation clears the purge deadline");
        assertEquals(204, scim.delete("/Users/" + leaving).status());
        assertEquals(200, admin.get("/admin/realms/" + realm + "/users/" + leaving).statusCode(), "kept for now");

        long start = System.nanoTime();
        await(Duration.ofSeconds(3 + 4L * KeycloakServer.SWEEP_INTERVAL_SECONDS + 10),
                () -> admin.get("/admin/realms/" + realm + "/users/" + leaving).statusCode() == 404);
        double seconds = (System.nanoTime() - start) / 1e9;

        assertTrue(seconds > 1.5, "purged only after the retention period, here after " + seconds + " s");
        assertTrue(adminEvents(admin, realm, leaving).contains("\"lifecycle\":\"purged\""));
        assertEquals(200, admin.get("/admin/realms/" + realm + "/users/" + returning).statusCode(),
                "the reactivated user, whose old deadline has passed too, stays");
    }

    @Test
    void anUnknownPolicyOrRetentionIsRefusedWithTheReasonAndChangesNothing(RunningKeycloak keycloak) {
        AdminApi admin = keycloak.admin();
        String realm = keycloak.createRealm("deprovision-bad");
        String base = "/admin/realms/" + realm + "/scim-connectors";

        var refused = admin.post(base, "{\"name\":\"okta\",\"deprovisioning\":{\"onDelete\":\"archive\"}}");
        assertEquals(400, refused.statusCode());
        assertEquals("{\"error\":\"deprovisioning.onDelete must be one of disable, delete, disable-then-delete;"
                + " got 'archive'\"}", refused.body());
        assertEquals(0, admin.expect(200, admin.get(base)).size(), "no connector was created");

        RunningKeycloak.Connector connector = keycloak.createConnector(realm, "okta",
                ",\"deprovisioning\":{\"onDelete\":\"disable-then-delete\",\"retention\":\"P7D\"}");
        var badRetention = admin.put(base + "/" + connector.id() + "/deprovisioning",
                "{\"onDeactivate\":\"delete\",\"retention\":\"forever\"}");
        assertEquals(400, badRetention.statusCode());
        assertEquals("{\"error\":\"deprovisioning.retention must be an ISO-8601 duration (P30D, PT12H) or whole seconds,"
                + " from 1 second to 3650 days; got 'forever'\"}", badRetention.body());
        var unknownField = admin.put(base + "/" + connector.id() + "/deprovisioning", "{\"onDisable\":\"delete\"}");
        assertEquals(400, unknownField.statusCode());
        assertEquals("{\"error\":\"deprovisioning.onDisable is not a setting; use onDelete, onDeactivate, retention\"}",
                unknownField.body());
        assertEquals("{\"onDelete\":\"disable-then-delete\",\"onDeactivate\":\"disable\",\"retention\":\"P7D\"}",
                admin.expect(200, admin.get(base + "/" + connector.id())).get("deprovisioning").toString(),
                "nothing changed");

        JsonNode changed = admin.expect(200, admin.put(base + "/" + connector.id() + "/deprovisioning",
                "{\"onDeactivate\":\"delete\",\"retention\":\"86400\"}"));
        assertEquals("{\"onDelete\":\"disable-then-delete\",\"onDeactivate\":\"delete\",\"retention\":\"86400\"}",
                changed.toString());
    }

    private static String create(ScimClient scim, String userName) {
        ScimClient.Result created = scim.post("/Users", user(userName));
        assertEquals(201, created.status(), created.response().body());
        return created.json().get("id").asText();
    }

    private static String user(String userName) {
        return "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"userName\":\"" + userName + "\","
                + "\"emails\":[{\"value\":\"" + userName + "\",\"primary\":true}],\"active\":true}";
    }

    private static String adminEvents(AdminApi admin, String realm, String userId) {
        return admin.expect(200, admin.get("/admin/realms/" + realm + "/admin-events?resourcePath=users/" + userId))
                .toString();
    }

    private static void await(Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + timeout);
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
