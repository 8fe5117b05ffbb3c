package dev.enterpriseconnect.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.enterpriseconnect.testbed.AdminApi;

/**
 * Our steps in Keycloak's own workflows (Realm settings → Workflows), as an administrator composes
 * them: created through the workflow admin API, triggered by what admins do every day (creating a
 * user, removing one from a group), and run by Keycloak in the background after that request.
 */
@ExtendWith(KeycloakServer.class)
class WorkflowStepsIT {

    private static final String EVENTS = ",\"adminEventsEnabled\":true,\"adminEventsDetailsEnabled\":true";
    /** Steps run after the triggering request, on Keycloak's workflow executor. */
    private static final Duration STEP_DEADLINE = Duration.ofSeconds(20);

    @RegisterExtension
    static final Mailbox mailbox = new Mailbox();

    private static RunningKeycloak keycloak;
    private static AdminApi admin;

    @BeforeAll
    static void start(RunningKeycloak server) {
        keycloak = server;
        admin = server.admin();
    }

    @Test
    void anOnboardingWorkflowInvitesAUserAnAdminCreates() throws Exception {
        String realm = keycloak.createRealm("wf-onboard", mailbox.realmSmtpJson() + EVENTS + frontendUrl());
        // As the README shows it: YAML, as Keycloak's own workflow examples are written.
        admin.expect(201, postYaml(workflows(realm), """
                name: onboarding
                on: user-created
                steps:
                  - uses: ec-send-invitation
                """));
        String email = "new-hire@acme.test";

        String id = createUser(realm, email);

        Mailbox.Email invitation = mailbox.awaitEmails(email, 1, STEP_DEADLINE).get(0);
        assertEquals("You are invited to " + realm, invitation.subject());
        assertTrue(invitation.text().contains("Set your password and sign in here:"), invitation.text());
        String link = invitation.invitationLink();
        assertTrue(link.startsWith(keycloak.baseUrl() + "/realms/" + realm + "/enterprise-invitation?token="), link);
        HttpResponse<String> opened = new HttpBrowser().get(link);
        assertEquals(302, opened.statusCode(), opened.body());
        assertTrue(opened.headers().firstValue("Location").orElseThrow().contains("/login-actions/action-token"));
        JsonNode attributes = user(realm, id).get("attributes");
        assertEquals("pending", attributes.get("ec_invite_status").get(0).asText());
        assertFalse(attributes.has("ec_invite_connector"), "a hand-made user gets the default policy");
        JsonNode sent = lifecycleEvents(realm, id).get(0);
        assertEquals("invitation-sent", sent.get("lifecycle").asText());
        assertEquals("workflow", sent.get("actor").asText());
        assertEquals("workflow onboarding", sent.get("reason").asText());
    }

    @Test
    void anInvitationStepNamingAConnectorInvitesUnderThatConnectorsPolicy() throws Exception {
        String realm = keycloak.createRealm("wf-connector", mailbox.realmSmtpJson() + frontendUrl());
        keycloak.createConnector(realm, "okta", ",\"invitationLifespan\":\"P7D\"");
        admin.expect(201, admin.post(workflows(realm), "{\"name\":\"okta-onboarding\",\"on\":\"user-created\","
                + "\"steps\":[{\"uses\":\"ec-send-invitation\",\"with\":{\"connector\":\"okta\"}}]}"));
        String email = "contractor@acme.test";

        String id = createUser(realm, email);

        String link = mailbox.awaitEmails(email, 1, STEP_DEADLINE).get(0).invitationLink();
        assertEquals(302, new HttpBrowser().get(link).statusCode());
        JsonNode attributes = user(realm, id).get("attributes");
        assertEquals("okta", attributes.get("ec_invite_connector").get(0).asText());
        long sentAt = attributes.get("ec_invite_sent_at").get(0).asLong();
        long expiresAt = attributes.get("ec_invite_expires_at").get(0).asLong();
        assertEquals(Duration.ofDays(7).toMillis(), expiresAt - sentAt, "the connector's lifespan");

        // SCIM provisioning is not an admin's create for Keycloak's workflows: the connector invites alone.
        ScimClient scim = keycloak.scim(keycloak.createConnector(realm, "entra"));
        String provisioned = "provisioned@acme.test";
        assertEquals(201, scim.post("/Users", scimUser(provisioned)).status());
        mailbox.awaitEmails(provisioned, 1, STEP_DEADLINE);
        Thread.sleep(1_000);
        assertEquals(1, mailbox.emailsTo(provisioned).size(), "one invitation, the connector's");
    }

    @Test
    void withoutAFrontendUrlAWorkflowInvitationIsRecordedAsFailedBecauseTheLinkWouldHaveNoAddress() throws Exception {
        // A realm that never sent an invitation during a request, and has no Frontend URL: a step has
        // no request to take the server's public address from.
        String realm = keycloak.createRealm("wf-no-url", mailbox.realmSmtpJson() + EVENTS);
        admin.expect(201, admin.post(workflows(realm), "{\"name\":\"onboarding\",\"on\":\"user-created\","
                + "\"steps\":[{\"uses\":\"ec-send-invitation\"}]}"));
        String email = "lost@acme.test";

        String id = createUser(realm, email);

        JsonNode failed = await(() -> lifecycleEvents(realm, id).stream()
                .filter(e -> "invitation-failed".equals(e.get("lifecycle").asText())).findFirst().orElse(null),
                "the invitation-failed event");
        assertEquals("the server's public URL is unknown", failed.get("error").asText());
        assertEquals("workflow onboarding", failed.get("reason").asText());
        assertEquals(0, mailbox.emailsTo(email).size());
    }

    @Test
    void anOffboardingWorkflowCutsAccessWhenAnAdminRemovesTheUserFromStaff() throws Exception {
        String realm = keycloak.createRealm("wf-offboard", EVENTS);
        String staff = createGroup(realm, "Staff");
        String id = createUserWithPassword(realm, "leaver", "Leaver-pw-1");
        admin.expect(204, admin.put(userPath(realm, id) + "/groups/" + staff, ""));
        admin.expect(201, admin.post(workflows(realm), "{\"name\":\"offboarding\","
                + "\"on\":\"user-group-membership-removed(/Staff)\",\"steps\":[{\"uses\":\"ec-revoke-access\"}]}"));
        String refresh = passwordGrant(realm, "leaver", "Leaver-pw-1").get("refresh_token").asText();
        assertEquals(1, admin.expect(200, admin.get(userPath(realm, id) + "/sessions")).size());

        admin.expect(204, admin.delete(userPath(realm, id) + "/groups/" + staff));

        JsonNode revoked = await(() -> accessRevoked(realm, id), "the access-revoked event");
        assertEquals("workflow", revoked.get("actor").asText());
        assertEquals("workflow offboarding", revoked.get("reason").asText());
        assertEquals("true", revoked.get("disabled").asText());
        HttpResponse<String> refused = form(realm, "grant_type=refresh_token&client_id=admin-cli&refresh_token=" + refresh);
        assertEquals(400, refused.statusCode(), refused.body());
        assertEquals("invalid_grant", AdminApi.parse(refused.body()).get("error").asText());
        assertEquals(0, admin.expect(200, admin.get(userPath(realm, id) + "/sessions")).size());
        assertFalse(user(realm, id).get("enabled").asBoolean(), "disabled by default");
        assertEquals(400, form(realm, "grant_type=password&client_id=admin-cli&username=leaver&password=Leaver-pw-1")
                .statusCode(), "no new sign-in either");
    }

    @Test
    void oktaUnassigningAUserFromAPushedGroupRunsTheOffboardingWorkflow() throws Exception {
        String realm = keycloak.createRealm("wf-okta-push", EVENTS);
        ScimClient scim = keycloak.scim(keycloak.createConnector(realm, "okta"));
        String id = scim.post("/Users", scimUser("pushed@acme.test")).json().get("id").asText();
        admin.expect(204, admin.put(userPath(realm, id) + "/reset-password",
                "{\"type\":\"password\",\"value\":\"Pushed-pw-1\",\"temporary\":false}"));
        String group = scim.post("/Groups", "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:Group\"],"
                + "\"displayName\":\"Staff\",\"members\":[{\"value\":\"" + id + "\"}]}").json().get("id").asText();
        // Pushed groups live under the connector's parent group.
        admin.expect(201, admin.post(workflows(realm), "{\"name\":\"okta-offboarding\","
                + "\"on\":\"user-group-membership-removed(/scim-okta/Staff)\",\"steps\":[{\"uses\":\"ec-revoke-access\"}]}"));
        String refresh = passwordGrant(realm, "pushed@acme.test", "Pushed-pw-1").get("refresh_token").asText();

        assertEquals(204, scim.patch("/Groups/" + group, "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],"
                + "\"Operations\":[{\"op\":\"remove\",\"path\":\"members[value eq \\\"" + id + "\\\"]\"}]}").status());

        JsonNode revoked = await(() -> accessRevoked(realm, id), "the access-revoked event");
        assertEquals("workflow okta-offboarding", revoked.get("reason").asText());
        assertEquals(400, form(realm, "grant_type=refresh_token&client_id=admin-cli&refresh_token=" + refresh).statusCode());
        assertEquals(0, admin.expect(200, admin.get(userPath(realm, id) + "/sessions")).size());
        assertFalse(scim.get("/Users/" + id).json().get("active").asBoolean(), "the IdP sees the user inactive");
    }

    @Test
    void aRevocationStepThatKeepsTheAccountEndsTheSessionsButTheUserCanSignInAfresh() throws Exception {
        String realm = keycloak.createRealm("wf-revoke-only", EVENTS);
        String project = createGroup(realm, "Project-X");
        String id = createUserWithPassword(realm, "mover", "Mover-pw-1");
        admin.expect(204, admin.put(userPath(realm, id) + "/groups/" + project, ""));
        admin.expect(201, admin.post(workflows(realm), "{\"name\":\"project-exit\","
                + "\"on\":\"user-group-membership-removed(/Project-X)\","
                + "\"steps\":[{\"uses\":\"ec-revoke-access\",\"with\":{\"disable\":\"false\"}}]}"));
        String refresh = passwordGrant(realm, "mover", "Mover-pw-1").get("refresh_token").asText();

        admin.expect(204, admin.delete(userPath(realm, id) + "/groups/" + project));

        JsonNode revoked = await(() -> accessRevoked(realm, id), "the access-revoked event");
        assertEquals("false", revoked.get("disabled").asText());
        assertEquals(400, form(realm, "grant_type=refresh_token&client_id=admin-cli&refresh_token=" + refresh).statusCode());
        assertEquals(0, admin.expect(200, admin.get(userPath(realm, id) + "/sessions")).size());
        assertTrue(user(realm, id).get("enabled").asBoolean());
        assertEquals(200, form(realm, "grant_type=password&client_id=admin-cli&username=mover&password=Mover-pw-1")
                .statusCode(), "a fresh sign-in works");
    }

    @Test
    void aStepWithASettingThatCannotWorkIsRefusedWhenTheWorkflowIsCreated() throws Exception {
        String realm = keycloak.createRealm("wf-bad");
        String unknownConnector = "{\"name\":\"onboarding\",\"on\":\"user-created\","
                + "\"steps\":[{\"uses\":\"ec-send-invitation\",\"with\":{\"connector\":\"nope\"}}]}";

        HttpResponse<String> refused = admin.post(workflows(realm), unknownConnector);

        assertEquals(400, refused.statusCode(), refused.body());
        assertEquals("Step ec-send-invitation: Connector 'nope' does not exist in realm '" + realm + "'",
                AdminApi.parse(refused.body()).get("errorMessage").asText());
        HttpResponse<String> notBoolean = admin.post(workflows(realm), "{\"name\":\"offboarding\","
                + "\"on\":\"user-group-membership-removed(/Staff)\","
                + "\"steps\":[{\"uses\":\"ec-revoke-access\",\"with\":{\"disable\":\"maybe\"}}]}");
        assertEquals(400, notBoolean.statusCode(), notBoolean.body());
        assertEquals("Step ec-revoke-access: disable must be true or false; got 'maybe'",
                AdminApi.parse(notBoolean.body()).get("errorMessage").asText());

        // Nothing of the refused workflow was kept: its name is free, and with the connector it works.
        keycloak.createConnector(realm, "nope");
        admin.expect(201, admin.post(workflows(realm), unknownConnector));
    }

    private interface Probe<T> {
        T value() throws Exception;
    }

    /** Polls until the probe yields something; workflow steps run in the background. */
    private static <T> T await(Probe<T> probe, String what) throws Exception {
        long deadline = System.currentTimeMillis() + STEP_DEADLINE.toMillis();
        while (System.currentTimeMillis() < deadline) {
            T value = probe.value();
            if (value != null) {
                return value;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("No " + what + " within " + STEP_DEADLINE.toSeconds() + " s");
    }

    private static String frontendUrl() {
        return ",\"attributes\":{\"frontendUrl\":\"" + keycloak.baseUrl() + "\"}";
    }

    private static String workflows(String realm) {
        return "/admin/realms/" + realm + "/workflows";
    }

    private static String userPath(String realm, String id) {
        return "/admin/realms/" + realm + "/users/" + id;
    }

    private static JsonNode user(String realm, String id) {
        return admin.expect(200, admin.get(userPath(realm, id)));
    }

    private static String createUser(String realm, String email) {
        return createdId(admin.post("/admin/realms/" + realm + "/users", "{\"username\":\"" + email + "\",\"email\":\""
                + email + "\",\"firstName\":\"New\",\"lastName\":\"Hire\",\"enabled\":true}"));
    }

    private static String createUserWithPassword(String realm, String username, String password) {
        return createdId(admin.post("/admin/realms/" + realm + "/users", "{\"username\":\"" + username + "\","
                + "\"enabled\":true,\"email\":\"" + username + "@acme.test\",\"firstName\":\"Lee\",\"lastName\":\"Ver\","
                + "\"emailVerified\":true,\"credentials\":[{\"type\":\"password\",\"value\":\"" + password
                + "\",\"temporary\":false}]}"));
    }

    private static String scimUser(String email) {
        return "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"userName\":\"" + email + "\","
                + "\"name\":{\"givenName\":\"New\",\"familyName\":\"Hire\"},"
                + "\"emails\":[{\"value\":\"" + email + "\",\"primary\":true}],\"active\":true}";
    }

    private static String createGroup(String realm, String name) {
        return createdId(admin.post("/admin/realms/" + realm + "/groups", "{\"name\":\"" + name + "\"}"));
    }

    private static String createdId(HttpResponse<String> created) {
        assertEquals(201, created.statusCode(), created.body());
        return created.headers().firstValue("Location").orElseThrow().replaceAll(".*/", "");
    }

    /** The user's lifecycle admin events, oldest first, as the facts they carry. */
    private static List<JsonNode> lifecycleEvents(String realm, String userId) {
        JsonNode events = admin.expect(200, admin.get("/admin/realms/" + realm
                + "/admin-events?operationTypes=ACTION&resourceTypes=USER&resourcePath=users/" + userId));
        List<JsonNode> steps = new ArrayList<>();
        for (JsonNode event : events) {
            JsonNode facts = AdminApi.parse(event.path("representation").asText("{}"));
            if (facts.has("lifecycle")) {
                steps.add(0, facts);
            }
        }
        return steps;
    }

    private static JsonNode accessRevoked(String realm, String userId) {
        return lifecycleEvents(realm, userId).stream().filter(e -> "access-revoked".equals(e.get("lifecycle").asText()))
                .findFirst().orElse(null);
    }

    private static JsonNode passwordGrant(String realm, String username, String password) throws Exception {
        return admin.expect(200, form(realm, "grant_type=password&client_id=admin-cli&username=" + username
                + "&password=" + password));
    }

    private static HttpResponse<String> postYaml(String path, String yaml) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(keycloak.baseUrl() + path))
                .header("Authorization", "Bearer " + admin.accessToken()).header("Content-Type", "application/yaml")
                .POST(HttpRequest.BodyPublishers.ofString(yaml)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> form(String realm, String body) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(keycloak.baseUrl() + "/realms/" + realm + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
