package dev.enterpriseconnect.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.enterpriseconnect.it.ScimClient.Result;
import dev.enterpriseconnect.testbed.AdminApi;

/**
 * The directory events that do not come from a SCIM write alone: invitation sent, accepted and
 * expired; deactivation under policy {@code delete}; and disable-then-delete, whose purge at the
 * end of the retention is a second {@code user.deleted} (reason {@code purged}). Each carries the
 * realm, the connector and the user's SCIM core attributes.
 */
@ExtendWith(KeycloakServer.class)
class LifecycleDirectoryEventsIT {

    private static final String USER = "urn:ietf:params:scim:schemas:core:2.0:User";
    private static final String DEACTIVATE = "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],"
            + "\"Operations\":[{\"op\":\"replace\",\"value\":{\"active\":false}}]}";

    @RegisterExtension
    static final Mailbox mailbox = new Mailbox();

    @Test
    void invitationsAreSentAcceptedAndExpired(RunningKeycloak keycloak) throws Exception {
        AdminApi admin = keycloak.admin();
        String realm = keycloak.createRealm("invite-events", mailbox.realmSmtpJson());
        RunningKeycloak.Connector okta = keycloak.createConnector(realm, "okta");
        ScimClient scim = keycloak.scim(okta);
        EventsApi events = new EventsApi(admin, realm);

        // Her invitation has the default lifespan, so she signs in in time however slow the machine;
        // the one sent after the lifespan is cut to 3 s expires.
        String joins = create(scim, "joins@invite.test");
        keycloak.setConnectorSetting(realm, okta.id(), "invitationLifespan", "PT3S");
        String late = create(scim, "late@invite.test");
        mailbox.awaitEmails("joins@invite.test", 1);
        // Her first login accepts the invitation (a password set by an administrator, then a sign-in).
        admin.expect(204, admin.put("/admin/realms/" + realm + "/users/" + joins + "/reset-password",
                "{\"type\":\"password\",\"value\":\"Joins-pw-2026!\",\"temporary\":false}"));
        // What the invitation link's page would have done: the required actions are met.
        admin.expect(204, admin.put("/admin/realms/" + realm + "/users/" + joins,
                "{\"requiredActions\":[],\"emailVerified\":true}"));
        HttpResponse<String> login = passwordLogin(keycloak, realm, "joins@invite.test", "Joins-pw-2026!");
        assertEquals(200, login.statusCode(), login.body());

        events.awaitUntil(EventsApi.event("invitation.accepted", joins), "the acceptance");
        List<JsonNode> all = events.awaitUntil(EventsApi.event("invitation.expired", late), "the expiry by the sweep");
        List<JsonNode> lates = all.stream().filter(e -> e.at("/resource/id").asText().equals(late)).toList();
        assertEquals(List.of("user.created", "invitation.sent", "invitation.expired"), EventsApi.types(lates));
        List<JsonNode> joined = events.of(joins);
        assertEquals(List.of("user.created", "invitation.sent", "invitation.accepted"), EventsApi.types(joined));
        for (JsonNode event : List.of(lates.get(1), lates.get(2), joined.get(2))) {
            assertEquals(realm, event.get("realm").asText());
            assertEquals("okta", event.get("connector").asText(), event.toString());
            assertEquals("User", event.at("/resource/type").asText());
            assertTrue(event.get("organization").isNull());
            assertEquals(USER, event.at("/data/schemas/0").asText());
            assertTrue(event.at("/data/userName").asText().endsWith("@invite.test"), event.toString());
        }
        assertEquals("scim:okta", lates.get(1).at("/details/actor").asText());
        assertEquals("provisioned", lates.get(1).at("/details/reason").asText(), lates.get(1).toString());
        assertEquals("enterprise-connect-sweep", lates.get(2).at("/details/actor").asText());
        assertEquals("user", joined.get(2).at("/details/actor").asText());
    }

    @Test
    void deactivationUnderPolicyDeleteIsDeactivatedThenDeleted(RunningKeycloak keycloak) {
        AdminApi admin = keycloak.admin();
        String realm = keycloak.createRealm("delete-events");
        ScimClient scim = keycloak.scim(keycloak.createConnector(realm, "entra",
                ",\"deprovisioning\":{\"onDeactivate\":\"delete\"}"));
        String id = create(scim, "gone@delete.test");
        assertEquals(200, scim.patch("/Users/" + id, DEACTIVATE).status());
        assertEquals(404, scim.get("/Users/" + id).status(), "deleted under policy delete");

        List<JsonNode> mine = new EventsApi(admin, realm).awaitUntil(EventsApi.event("user.deleted", id), "the deletion")
                .stream().filter(e -> e.at("/resource/id").asText().equals(id)).toList();
        assertEquals(List.of("user.created", "user.deactivated", "user.deleted"), EventsApi.types(mine));
        assertEquals("delete", mine.get(1).at("/details/policy").asText());
        assertEquals("delete", mine.get(2).at("/details/policy").asText());
        assertEquals("deactivated", mine.get(2).at("/details/reason").asText());
        assertEquals("gone@delete.test", mine.get(2).at("/data/userName").asText(), "the user as it was");
        assertEquals("entra", mine.get(2).get("connector").asText());
    }

    @Test
    void disableThenDeleteEmitsTheDeleteAndLaterThePurge(RunningKeycloak keycloak) {
        AdminApi admin = keycloak.admin();
        String realm = keycloak.createRealm("purge-events");
        ScimClient scim = keycloak.scim(keycloak.createConnector(realm, "entra",
                ",\"deprovisioning\":{\"onDelete\":\"disable-then-delete\",\"retention\":\"PT3S\"}"));
        String id = create(scim, "later@purge.test");
        assertEquals(204, scim.delete("/Users/" + id).status());

        List<JsonNode> mine = new EventsApi(admin, realm).awaitUntil(e -> e.get("type").asText().equals("user.deleted")
                        && e.at("/resource/id").asText().equals(id) && e.at("/details/reason").asText().equals("purged"),
                "the purge").stream().filter(e -> e.at("/resource/id").asText().equals(id)).toList();
        assertEquals(List.of("user.created", "user.deleted", "user.deleted"), EventsApi.types(mine));
        assertEquals("disable-then-delete", mine.get(1).at("/details/policy").asText());
        assertEquals("deleted", mine.get(1).at("/details/reason").asText());
        JsonNode purged = mine.get(2);
        assertEquals("disable-then-delete", purged.at("/details/policy").asText());
        assertEquals("enterprise-connect-sweep", purged.at("/details/actor").asText());
        assertEquals("entra", purged.get("connector").asText(), purged.toString());
        assertEquals("later@purge.test", purged.at("/data/userName").asText());
        assertEquals(false, purged.at("/data/active").asBoolean(true));
        assertEquals(404, admin.get("/admin/realms/" + realm + "/users/" + id).statusCode(), "the account is gone");
    }

    private static String create(ScimClient scim, String email) {
        // Names from the IdP: they are the connector's to manage, an administrator cannot fill them in.
        Result created = scim.post("/Users", "{\"schemas\":[\"" + USER + "\"],\"userName\":\"" + email + "\","
                + "\"name\":{\"givenName\":\"Jo\",\"familyName\":\"Ins\"},\"emails\":[{\"value\":\"" + email + "\",\"primary\":true}]}");
        assertEquals(201, created.status(), created.response().body());
        return created.json().get("id").asText();
    }

    private static HttpResponse<String> passwordLogin(RunningKeycloak keycloak, String realm, String username,
            String password) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(keycloak.baseUrl() + "/realms/" + realm + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=password&client_id=admin-cli&username="
                        + username + "&password=" + password)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
