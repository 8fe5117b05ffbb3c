package dev.enterpriseconnect.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.enterpriseconnect.testbed.AdminApi;

/**
 * Invitations as a new hire sees them: the email Keycloak really sends (read from a real SMTP
 * server), the link in it followed like a browser would, expiry moved by configuration (lifespans
 * of seconds), and the stale-invite failure healed by the IdP's next push.
 */
@ExtendWith(KeycloakServer.class)
class InvitationsIT {

    private static final String INVITATION = "urn:enterpriseconnect:params:scim:schemas:extension:invitation:2.0:User";
    private static final String PATCH_ACTIVE = "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],"
            + "\"Operations\":[{\"op\":\"replace\",\"value\":{\"active\":%s}}]}";

    private static final String EVENTS = ",\"adminEventsEnabled\":true,\"adminEventsDetailsEnabled\":true";
    private static final String RESEND_BOX = "ec_invite_resend";

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
    void oktaProvisionsAUserWhoGetsAnEmailSetsAPasswordAndHerFirstLoginAcceptsTheInvitation() throws Exception {
        String realm = keycloak.createRealm("invite", mailbox.realmSmtpJson() + EVENTS);
        ScimClient scim = okta(realm, "");
        String email = "jane@acme.test";

        String id = scim.post("/Users", user(email, true)).json().get("id").asText();

        Mailbox.Email invitation = mailbox.awaitEmails(email, 1).get(0);
        assertEquals("You are invited to " + realm, invitation.subject());
        assertTrue(invitation.text().contains("Set your password and sign in here:"), invitation.text());
        assertTrue(invitation.html().contains(">Set your password and sign in</a>"), invitation.html());
        String link = invitation.invitationLink();
        assertTrue(link.startsWith(keycloak.baseUrl() + "/realms/" + realm + "/enterprise-invitation?token="), link);

        JsonNode pending = scim.get("/Users/" + id).json();
        assertTrue(pending.get("schemas").toString().contains(INVITATION), pending.toString());
        assertEquals("pending", pending.at("/" + escape(INVITATION) + "/status").asText());
        Instant expiresAt = Instant.parse(pending.at("/" + escape(INVITATION) + "/expiresAt").asText());
        Instant sentAt = Instant.parse(pending.at("/" + escape(INVITATION) + "/sentAt").asText());
        assertEquals(Duration.ofDays(14), Duration.between(sentAt, expiresAt), "default lifespan");

        HttpBrowser browser = new HttpBrowser();
        HttpBrowser.Page confirm = browser.open(link);
        assertEquals(200, confirm.status(), confirm.body());
        String proceed = confirm.find("href=\"([^\"]*login-actions/action-token[^\"]*)\"");
        HttpBrowser.Page setPassword = browser.open(proceed);
        assertTrue(setPassword.body().contains("password-new"), setPassword.body());
        HttpBrowser.Page updated = browser.post(setPassword.find("action=\"([^\"]*required-action[^\"]*)\""),
                Map.of("password-new", "Jane-pw-2024!", "password-confirm", "Jane-pw-2024!"));
        assertEquals(200, updated.status(), updated.body());
        assertEquals("pending", scim.get("/Users/" + id).json().at("/" + escape(INVITATION) + "/status").asText(),
                "setting a password is not yet a login");

        assertEquals(200, passwordLogin(realm, email, "Jane-pw-2024!").statusCode());

        JsonNode accepted = scim.get("/Users/" + id).json().get(INVITATION);
        assertEquals("accepted", accepted.get("status").asText());
        assertTrue(Instant.parse(accepted.get("acceptedAt").asText()).isAfter(sentAt));
        JsonNode adminView = admin.expect(200, admin.get("/admin/realms/" + realm + "/users/" + id)).get("attributes");
        assertEquals("accepted", adminView.get("ec_invite_status").get(0).asText(), "visible in the admin console");
        assertEquals("okta", adminView.get("ec_invite_connector").get(0).asText());
        List<JsonNode> steps = lifecycleEvents(realm, id);
        assertEquals(List.of("invitation-sent", "invitation-accepted"), steps.stream().map(e -> e.get("lifecycle").asText())
                .toList(), "each step is an admin event: " + steps);
        assertEquals("provisioned", steps.get(0).get("reason").asText());
        assertEquals("scim:okta", steps.get(0).get("actor").asText());
        assertEquals("admin-cli", steps.get(1).get("clientId").asText());
    }

    @Test
    void anAdminTicksResendInvitationOnTheUserPageAndOnlyTheNewLinkWorks() throws Exception {
        String realm = keycloak.createRealm("invite-console", mailbox.realmSmtpJson() + EVENTS);
        ScimClient scim = okta(realm, "");
        String email = "console@acme.test";
        String id = scim.post("/Users", user(email, true)).json().get("id").asText();
        String firstLink = mailbox.awaitEmails(email, 1).get(0).invitationLink();
        String userPath = "/admin/realms/" + realm + "/users/" + id;

        // The console draws the user page from the realm's user profile: the box is a checkbox there.
        JsonNode box = profileAttribute(realm, RESEND_BOX);
        assertEquals("multiselect-checkboxes", box.at("/annotations/inputType").asText(), box.toString());
        assertEquals("invitation", box.get("group").asText());
        assertEquals("[\"admin\"]", box.at("/permissions/edit").toString());

        // What the console's Save sends: the user as it read it, with the box ticked.
        ObjectNode shown = (ObjectNode) admin.expect(200, admin.get(userPath));
        ((ObjectNode) shown.get("attributes")).putArray(RESEND_BOX).add("now");
        admin.expect(204, admin.put(userPath, shown.toString()));

        String secondLink = mailbox.awaitEmails(email, 2).get(1).invitationLink();
        assertEquals(410, new HttpBrowser().get(firstLink).statusCode());
        assertEquals(302, new HttpBrowser().get(secondLink).statusCode());
        JsonNode saved = admin.expect(200, admin.get(userPath)).get("attributes");
        assertFalse(saved.has(RESEND_BOX), "the box clears itself: " + saved);
        assertEquals("pending", saved.get("ec_invite_status").get(0).asText());
        assertEquals("okta", saved.get("ec_invite_connector").get(0).asText(), "still under the connector's policy");
        JsonNode resent = lifecycleEvents(realm, id).get(1);
        assertEquals("invitation-sent", resent.get("lifecycle").asText());
        assertEquals("resent by an administrator", resent.get("reason").asText());

        // Saving the user again without ticking the box sends nothing.
        admin.expect(204, admin.put(userPath, admin.expect(200, admin.get(userPath)).toString()));
        Thread.sleep(300);
        assertEquals(2, mailbox.emailsTo(email).size());
    }

    @Test
    void anAdminCreatesAUserByHandWithTheBoxTickedAndTheUserIsInvitedToSetAPassword() throws Exception {
        String realm = keycloak.createRealm("invite-by-hand", mailbox.realmSmtpJson());
        okta(realm, "");
        String email = "by-hand@acme.test";

        HttpResponse<String> created = admin.post("/admin/realms/" + realm + "/users", "{\"username\":\"" + email
                + "\",\"email\":\"" + email + "\",\"enabled\":true,\"attributes\":{\"" + RESEND_BOX + "\":[\"now\"]}}");

        assertEquals(201, created.statusCode(), created.body());
        Mailbox.Email invitation = mailbox.awaitEmails(email, 1).get(0);
        assertTrue(invitation.text().contains("Set your password and sign in here:"), invitation.text());
        HttpResponse<String> opened = new HttpBrowser().get(invitation.invitationLink());
        assertEquals(302, opened.statusCode(), opened.body());
        String id = createdId(created);
        JsonNode attributes = admin.expect(200, admin.get("/admin/realms/" + realm + "/users/" + id)).get("attributes");
        assertEquals("pending", attributes.get("ec_invite_status").get(0).asText());
        assertFalse(attributes.has("ec_invite_connector"), "a hand-made user gets the default policy");
        assertFalse(attributes.has(RESEND_BOX));
    }

    @Test
    void theBoxOnAUserWithoutEmailOrInARealmWithoutSmtpIsRefusedWithTheReasonAndSavesNothing() throws Exception {
        String realm = keycloak.createRealm("invite-box-bad", mailbox.realmSmtpJson());
        okta(realm, "");
        String id = createdId(admin.post("/admin/realms/" + realm + "/users",
                "{\"username\":\"no-mail\",\"enabled\":true,\"firstName\":\"Old\"}"));
        String userPath = "/admin/realms/" + realm + "/users/" + id;
        ObjectNode shown = (ObjectNode) admin.expect(200, admin.get(userPath));
        shown.put("firstName", "New");
        shown.putObject("attributes").putArray(RESEND_BOX).add("now");

        HttpResponse<String> refused = admin.put(userPath, shown.toString());

        assertEquals(400, refused.statusCode(), refused.body());
        JsonNode error = AdminApi.parse(refused.body());
        assertEquals(RESEND_BOX, error.get("field").asText(), error.toString());
        assertEquals("The user has no email address", error.get("errorMessage").asText());
        JsonNode unchanged = admin.expect(200, admin.get(userPath));
        assertEquals("Old", unchanged.get("firstName").asText(), "nothing of the refused save was kept");
        assertFalse(unchanged.path("attributes").has(RESEND_BOX));

        String noSmtp = keycloak.createRealm("invite-box-nosmtp");
        okta(noSmtp, "");
        HttpResponse<String> noServer = admin.post("/admin/realms/" + noSmtp + "/users", "{\"username\":\"x@acme.test\","
                + "\"email\":\"x@acme.test\",\"enabled\":true,\"attributes\":{\"" + RESEND_BOX + "\":[\"now\"]}}");
        assertEquals(400, noServer.statusCode(), noServer.body());
        assertEquals("The realm has no SMTP server (Realm settings > Email)",
                AdminApi.parse(noServer.body()).get("errorMessage").asText());
        assertEquals(0, admin.expect(200, admin.get("/admin/realms/" + noSmtp + "/users?username=x@acme.test")).size(),
                "no user was created");
    }

    @Test
    void anExpiredLinkIsRefusedAndOktasNextPushSendsAFreshOneWhileTheOldOneStaysDead() throws Exception {
        String realm = keycloak.createRealm("invite-expiry", mailbox.realmSmtpJson());
        RunningKeycloak.Connector okta = keycloak.createConnector(realm, "okta", ",\"invitationLifespan\":\"PT2S\"");
        ScimClient scim = keycloak.scim(okta);
        String email = "late@acme.test";
        String id = scim.post("/Users", user(email, true)).json().get("id").asText();
        String firstLink = mailbox.awaitEmails(email, 1).get(0).invitationLink();

        Thread.sleep(2_500);
        HttpResponse<String> expired = new HttpBrowser().get(firstLink);
        assertEquals(410, expired.statusCode());
        assertTrue(expired.body().contains("This invitation expired on"), expired.body());
        assertEquals("expired", scim.get("/Users/" + id).json().at("/" + escape(INVITATION) + "/status").asText());

        // Okta's next profile push (PUT) heals it: a fresh email, and the old link is dead for good. The
        // fresh invitation gets the connector's lifespan as it is then; an hour keeps it valid while checked.
        keycloak.setConnectorSetting(realm, okta.id(), "invitationLifespan", "PT1H");
        assertEquals(200, scim.put("/Users/" + id, user(email, true)).status());
        List<Mailbox.Email> emails = mailbox.awaitEmails(email, 2);
        String secondLink = emails.get(1).invitationLink();
        assertNotEquals(firstLink, secondLink);
        HttpResponse<String> fresh = new HttpBrowser().get(secondLink);
        assertEquals(302, fresh.statusCode(), fresh.body());
        assertTrue(fresh.headers().firstValue("Location").orElseThrow().contains("/login-actions/action-token"));
        HttpResponse<String> superseded = new HttpBrowser().get(firstLink);
        assertEquals(410, superseded.statusCode());
        assertTrue(superseded.body().contains("This invitation link was replaced by a newer one"), superseded.body());
        JsonNode healed = scim.get("/Users/" + id).json().at("/" + escape(INVITATION));
        assertEquals("pending", healed.get("status").asText());
        assertEquals(Duration.ofHours(1), Duration.between(Instant.parse(healed.get("sentAt").asText()),
                Instant.parse(healed.get("expiresAt").asText())), "the lifespan at the time of healing");
    }

    @Test
    void aPostOfAnExistingUserNameIsStill409ButHealsAnExpiredInvitation() throws Exception {
        String realm = keycloak.createRealm("invite-repost", mailbox.realmSmtpJson());
        RunningKeycloak.Connector okta = keycloak.createConnector(realm, "okta");
        ScimClient scim = keycloak.scim(okta);
        String waiting = "waiting@acme.test";
        scim.post("/Users", user(waiting, true));
        mailbox.awaitEmails(waiting, 1);

        ScimClient.Result early = scim.post("/Users", user(waiting, true));
        assertEquals(409, early.status());
        Thread.sleep(300);
        assertEquals(1, mailbox.emailsTo(waiting).size(), "a pending invitation is not resent");

        // Lifespans in force when each invitation is sent: 2 s for the one that expires, an hour for the fresh one.
        keycloak.setConnectorSetting(realm, okta.id(), "invitationLifespan", "2");
        String email = "again@acme.test";
        scim.post("/Users", user(email, true));
        String firstLink = mailbox.awaitEmails(email, 1).get(0).invitationLink();
        Thread.sleep(2_500);
        keycloak.setConnectorSetting(realm, okta.id(), "invitationLifespan", "PT1H");
        ScimClient.Result repost = scim.post("/Users", user(email, true));
        assertEquals(409, repost.status());
        assertEquals("uniqueness", repost.json().get("scimType").asText());
        String secondLink = mailbox.awaitEmails(email, 2).get(1).invitationLink();
        assertEquals(410, new HttpBrowser().get(firstLink).statusCode());
        assertEquals(302, new HttpBrowser().get(secondLink).statusCode());
    }

    @Test
    void reactivatingAUserWhoNeverAcceptedInvitesAgainButNotOneWhoDid() throws Exception {
        String realm = keycloak.createRealm("invite-reactivate", mailbox.realmSmtpJson());
        ScimClient scim = okta(realm, "");
        String never = "never@acme.test";
        String neverId = scim.post("/Users", user(never, true)).json().get("id").asText();
        String firstLink = mailbox.awaitEmails(never, 1).get(0).invitationLink();
        String joined = "joined@acme.test";
        String joinedId = scim.post("/Users", user(joined, true)).json().get("id").asText();
        mailbox.awaitEmails(joined, 1);
        admin.expect(204, admin.put("/admin/realms/" + realm + "/users/" + joinedId + "/reset-password",
                "{\"type\":\"password\",\"value\":\"Joined-pw-1\",\"temporary\":false}"));
        assertEquals(200, passwordLogin(realm, joined, "Joined-pw-1").statusCode());

        for (String id : List.of(neverId, joinedId)) {
            assertEquals(200, scim.patch("/Users/" + id, String.format(PATCH_ACTIVE, "false")).status());
            assertEquals(200, scim.patch("/Users/" + id, String.format(PATCH_ACTIVE, "true")).status());
        }

        String secondLink = mailbox.awaitEmails(never, 2).get(1).invitationLink();
        assertEquals(410, new HttpBrowser().get(firstLink).statusCode());
        assertEquals(302, new HttpBrowser().get(secondLink).statusCode());
        Thread.sleep(300);
        assertEquals(1, mailbox.emailsTo(joined).size(), "an accepted invitation is not sent again");
        assertEquals("accepted", scim.get("/Users/" + joinedId).json().at("/" + escape(INVITATION) + "/status").asText());
    }

    @Test
    void aConnectorWithTheCompanysIdpSendsTheUserToThatIdpWithHerEmailFilledIn() throws Exception {
        String company = keycloak.createRealm("acme-okta");
        admin.expect(201, admin.post("/admin/realms/" + company + "/clients", "{\"clientId\":\"saas\",\"secret\":\"saas-secret\","
                + "\"publicClient\":false,\"redirectUris\":[\"*\"],\"standardFlowEnabled\":true}"));
        String realm = keycloak.createRealm("invite-idp", mailbox.realmSmtpJson());
        String issuer = keycloak.baseUrl() + "/realms/" + company + "/protocol/openid-connect";
        admin.expect(201, admin.post("/admin/realms/" + realm + "/identity-provider/instances",
                "{\"alias\":\"acme-okta\",\"displayName\":\"Acme Okta\",\"providerId\":\"oidc\",\"enabled\":true,"
                        + "\"config\":{\"authorizationUrl\":\"" + issuer + "/auth\",\"tokenUrl\":\"" + issuer + "/token\","
                        + "\"clientId\":\"saas\",\"clientSecret\":\"saas-secret\",\"clientAuthMethod\":\"client_secret_post\","
                        + "\"loginHint\":\"true\",\"syncMode\":\"IMPORT\"}}"));
        ScimClient scim = okta(realm, ",\"invitationIdentityProvider\":\"acme-okta\"");
        String email = "sso@acme.test";
        scim.post("/Users", user(email, true));

        Mailbox.Email invitation = mailbox.awaitEmails(email, 1).get(0);
        assertTrue(invitation.text().contains("You sign in with your Acme Okta account."), invitation.text());
        HttpBrowser.Page companyLogin = new HttpBrowser().open(invitation.invitationLink());

        assertEquals(200, companyLogin.status(), companyLogin.body());
        assertTrue(companyLogin.url().toString().startsWith(issuer + "/auth"), companyLogin.url().toString());
        assertTrue(companyLogin.body().contains("value=\"" + email + "\""), "login_hint carried to the IdP");
    }

    @Test
    void anAdminResendsAnInvitationAndOnlyTheNewLinkWorks() throws Exception {
        String realm = keycloak.createRealm("invite-resend", mailbox.realmSmtpJson());
        ScimClient scim = okta(realm, "");
        String email = "resend@acme.test";
        String id = scim.post("/Users", user(email, true)).json().get("id").asText();
        String firstLink = mailbox.awaitEmails(email, 1).get(0).invitationLink();

        JsonNode resent = admin.expect(200, admin.post("/admin/realms/" + realm + "/enterprise-invitations/users/" + id
                + "/resend", null));

        assertEquals("pending", resent.get("status").asText());
        assertEquals("okta", resent.get("connector").asText());
        String secondLink = mailbox.awaitEmails(email, 2).get(1).invitationLink();
        assertEquals(410, new HttpBrowser().get(firstLink).statusCode());
        assertEquals(302, new HttpBrowser().get(secondLink).statusCode());

        HttpResponse<String> unknown = admin.post("/admin/realms/" + realm + "/enterprise-invitations/users/nobody/resend", null);
        assertEquals(404, unknown.statusCode());
        assertEquals("User not found", AdminApi.parse(unknown.body()).get("error").asText());
    }

    @Test
    void theScheduledSweepResendsUpToTheLimitThenMarksExpiredThenDisablesAfterTheGracePeriod() throws Exception {
        // The suite's server sweeps every KeycloakServer.SWEEP_INTERVAL_SECONDS on its own timer, with no
        // HTTP request: the resend's link comes from the URL the first invitation was sent from.
        String realm = keycloak.createRealm("invite-sweep", mailbox.realmSmtpJson() + EVENTS);
        // 6 s: the resent link must still be valid when the test opens it after the sweep's resend.
        ScimClient scim = okta(realm, ",\"invitationLifespan\":\"PT6S\","
                + "\"invitationMaxResends\":1,\"invitationDisableAfter\":\"PT4S\"");
        String email = "ghost@acme.test";
        String id = scim.post("/Users", user(email, true)).json().get("id").asText();
        mailbox.awaitEmails(email, 1);
        String sweep = "/admin/realms/" + realm + "/enterprise-invitations/sweep";
        assertEquals(0, admin.expect(200, admin.post(sweep, null)).get("resent").asInt(), "nothing due yet");

        List<Mailbox.Email> emails = awaitSweep(() -> mailbox.emailsTo(email).size() >= 2, "the resend")
                ? mailbox.emailsTo(email) : List.of();
        assertEquals(2, emails.size());
        String resentLink = emails.get(1).invitationLink();
        assertTrue(resentLink.startsWith(keycloak.baseUrl() + "/realms/" + realm + "/enterprise-invitation?token="),
                resentLink);
        assertEquals(200, new HttpBrowser().open(resentLink).status(), "the resent link works");

        assertTrue(awaitSweep(() -> "expired".equals(scim.get("/Users/" + id).json().at("/" + escape(INVITATION)
                + "/status").asText()), "expiry of the resent invitation"));
        assertTrue(scim.get("/Users/" + id).json().get("active").asBoolean(), "grace period not over");
        assertTrue(awaitSweep(() -> !scim.get("/Users/" + id).json().get("active").asBoolean(), "disabling"),
                "never accepted: disabled");
        assertEquals(2, mailbox.emailsTo(email).size(), "one resend, as configured");
        List<String> steps = lifecycleEvents(realm, id).stream()
                .map(e -> e.get("lifecycle").asText() + " by " + e.get("actor").asText()).toList();
        assertEquals(List.of("invitation-sent by scim:okta", "invitation-sent by enterprise-connect-sweep",
                "invitation-expired by enterprise-connect-sweep", "disabled-never-accepted by enterprise-connect-sweep"),
                steps);
    }

    private interface Check {
        boolean holds() throws Exception;
    }

    /** Polls for what the background sweep does, for at most a few lifespans plus sweep intervals. */
    private static boolean awaitSweep(Check check, String what) throws Exception {
        long deadline = System.currentTimeMillis() + 30_000;
        while (System.currentTimeMillis() < deadline) {
            if (check.holds()) {
                return true;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("The scheduled sweep did not get to " + what + " within 30 s");
    }

    @Test
    void badInvitationSettingsAndWritesToTheReadOnlyExtensionAreRefusedAndChangeNothing() throws Exception {
        String realm = keycloak.createRealm("invite-bad", mailbox.realmSmtpJson());

        HttpResponse<String> refused = admin.post("/admin/realms/" + realm + "/scim-connectors",
                "{\"name\":\"okta\",\"invitationLifespan\":\"two weeks\"}");

        assertEquals(400, refused.statusCode());
        assertEquals("invitationLifespan must be an ISO-8601 duration such as P14D or PT2S, or a whole number of"
                + " seconds, from 1 second to 365 days; got 'two weeks'", AdminApi.parse(refused.body()).get("error").asText());
        assertEquals(0, admin.expect(200, admin.get("/admin/realms/" + realm + "/scim-connectors")).size());

        ScimClient scim = okta(realm, "");
        String email = "ro@acme.test";
        String id = scim.post("/Users", user(email, true)).json().get("id").asText();
        mailbox.awaitEmails(email, 1);
        ScimClient.Result patch = scim.patch("/Users/" + id, "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],"
                + "\"Operations\":[{\"op\":\"replace\",\"path\":\"" + INVITATION + ":status\",\"value\":\"accepted\"}]}");
        assertEquals(400, patch.status(), patch.response().body());
        assertEquals("mutability", patch.json().get("scimType").asText());
        assertEquals("urn:ietf:params:scim:api:messages:2.0:Error", patch.json().at("/schemas/0").asText());
        assertEquals("pending", scim.get("/Users/" + id).json().at("/" + escape(INVITATION) + "/status").asText());

        HttpResponse<String> forged = new HttpBrowser().get(keycloak.baseUrl() + "/realms/" + realm
                + "/enterprise-invitation?token=eyJhbGciOiJIUzUxMiJ9.e30.AAAA");
        assertEquals(400, forged.statusCode());
        assertTrue(forged.body().contains("This invitation link is not valid."), forged.body());
    }

    /** The user's lifecycle admin events, oldest first, as the facts they carry. */
    private static List<JsonNode> lifecycleEvents(String realm, String userId) {
        JsonNode events = admin.expect(200, admin.get("/admin/realms/" + realm
                + "/admin-events?operationTypes=ACTION&resourceTypes=USER&resourcePath=users/" + userId));
        List<JsonNode> steps = new java.util.ArrayList<>();
        for (JsonNode event : events) {
            JsonNode facts = AdminApi.parse(event.path("representation").asText("{}"));
            if (facts.has("lifecycle")) {
                steps.add(0, facts);
            }
        }
        return steps;
    }

    private static String createdId(HttpResponse<String> created) {
        assertEquals(201, created.statusCode(), created.body());
        return created.headers().firstValue("Location").orElseThrow().replaceAll(".*/", "");
    }

    private static JsonNode profileAttribute(String realm, String name) {
        for (JsonNode attribute : admin.expect(200, admin.get("/admin/realms/" + realm + "/users/profile")).get("attributes")) {
            if (name.equals(attribute.get("name").asText())) {
                return attribute;
            }
        }
        throw new AssertionError(name + " is not in the user profile of " + realm);
    }

    /** @param extraJson further connector fields, e.g. {@code ,"invitationLifespan":"PT6S"} */
    private static ScimClient okta(String realm, String extraJson) {
        return keycloak.scim(keycloak.createConnector(realm, "okta", extraJson));
    }

    private static String user(String email, boolean active) {
        return "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"userName\":\"" + email + "\","
                + "\"name\":{\"givenName\":\"New\",\"familyName\":\"Hire\"},"
                + "\"emails\":[{\"value\":\"" + email + "\",\"type\":\"work\",\"primary\":true}],\"active\":" + active + "}";
    }

    /** JSON Pointer escaping of a URN used as a field name (no '/' or '~' in ours, so identity). */
    private static String escape(String field) {
        return field.replace("~", "~0").replace("/", "~1");
    }

    private static HttpResponse<String> passwordLogin(String realm, String username, String password) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(keycloak.baseUrl() + "/realms/" + realm + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=password&client_id=admin-cli&username="
                        + username + "&password=" + password)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
