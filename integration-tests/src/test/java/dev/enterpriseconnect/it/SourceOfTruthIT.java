package dev.enterpriseconnect.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.enterpriseconnect.testbed.AdminApi;

/**
 * The IdP is the source of truth of the users its connector provisions: the connector's name is
 * on the user, the fields it manages are read-only for administrators (admin REST API, which the
 * console uses) and for the user (account REST API, which the account console uses), the
 * connector itself still writes them, and an administrator's detach hands the user over.
 */
@ExtendWith(KeycloakServer.class)
class SourceOfTruthIT {

    private static final String USER = ConcurrentProvisioningScenarios.USER;
    /** Oktopost's guide: "requires userName, name.givenName, name.familyName and emails" and userName = email. */
    private static final String OKTOPOST = ",\"requiredAttributes\":[\"userName\",\"name.givenName\",\"name.familyName\","
            + "\"emails\"],\"userNameMatchesEmail\":true";
    private static final String PASSWORD = "correct-horse-battery";

    @Test
    void managedFieldsAreReadOnlyForAdministratorsAndTheUserUntilDetached(RunningKeycloak keycloak) throws Exception {
        String realm = keycloak.createRealm("truth");
        AdminApi admin = keycloak.admin();
        RunningKeycloak.Connector okta = keycloak.createConnector(realm, "okta", OKTOPOST);
        ScimClient scim = keycloak.scim(okta);
        ScimClient.Result created = scim.post("/Users", "{\"schemas\":[\"" + USER + "\"],\"userName\":\"ann@acme.test\","
                + "\"name\":{\"givenName\":\"Ann\",\"familyName\":\"Lee\"},\"title\":\"Engineer\","
                + "\"emails\":[{\"value\":\"ann@acme.test\",\"type\":\"work\",\"primary\":true}],\"active\":true}");
        assertEquals(201, created.status(), created.response().body());
        String id = created.json().get("id").asText();
        String userPath = "/admin/realms/" + realm + "/users/" + id;

        // The console's view: the mark, and which fields are read-only.
        JsonNode shown = admin.expect(200, admin.get(userPath + "?userProfileMetadata=true"));
        assertEquals("okta", shown.at("/attributes/ec_managed_by/0").asText());
        for (String field : new String[] {"username", "email", "firstName", "lastName", "scim_title", "ec_managed_by"}) {
            assertTrue(metadata(shown, field).get("readOnly").asBoolean(), field + " is read-only: " + metadata(shown, field));
        }
        assertEquals("Source of truth", group(shown, "scim-source").get("displayHeader").asText());
        assertNull(metadata(shown, "scim_nickName"), "an attribute the IdP did not send is not shown");

        // The console saves the page as it got it: nothing changed, accepted.
        ObjectNode unchanged = (ObjectNode) admin.expect(200, admin.get(userPath));
        assertEquals(204, admin.put(userPath, unchanged.toString()).statusCode());

        // An administrator changes a managed field: refused, nothing stored.
        HttpResponse<String> byAdmin = admin.put(userPath, "{\"firstName\":\"Annie\"}");
        assertEquals(400, byAdmin.statusCode());
        assertEquals("{\"field\":\"firstName\",\"errorMessage\":\"error-user-attribute-read-only\",\"params\":[\"firstName\"]}",
                byAdmin.body());
        HttpResponse<String> recordByAdmin = admin.put(userPath, "{\"attributes\":{\"scim_title\":[\"Boss\"]}}");
        assertEquals(400, recordByAdmin.statusCode(), recordByAdmin.body());
        JsonNode afterAdmin = admin.expect(200, admin.get(userPath));
        assertEquals("Ann", afterAdmin.get("firstName").asText());
        assertEquals("Engineer", afterAdmin.at("/attributes/scim_title/0").asText());

        // The user changes it in the account console (its REST API): refused, nothing stored.
        admin.expect(204, admin.put(userPath + "/reset-password",
                "{\"type\":\"password\",\"value\":\"" + PASSWORD + "\",\"temporary\":false}"));
        String userToken = userToken(keycloak, realm, "ann@acme.test");
        ObjectNode account = (ObjectNode) account(keycloak, realm, userToken, "GET", null).json();
        account.put("lastName", "Leigh");
        Reply byUser = account(keycloak, realm, userToken, "POST", account.toString());
        assertEquals(400, byUser.status());
        assertEquals("{\"field\":\"lastName\",\"errorMessage\":\"error-user-attribute-read-only\",\"params\":[\"${lastName}\"],"
                + "\"errors\":[{\"field\":\"lastName\",\"errorMessage\":\"error-user-attribute-read-only\","
                + "\"params\":[\"${lastName}\"]}]}", byUser.body());
        assertEquals("Lee", admin.expect(200, admin.get(userPath)).get("lastName").asText());

        // The IdP still writes them.
        ScimClient.Result pushed = scim.put("/Users/" + id, "{\"schemas\":[\"" + USER + "\"],\"userName\":\"ann@acme.test\","
                + "\"name\":{\"givenName\":\"Anne\",\"familyName\":\"Lee\"},\"title\":\"Lead\","
                + "\"emails\":[{\"value\":\"ann@acme.test\",\"type\":\"work\",\"primary\":true}],\"active\":true}");
        assertEquals(200, pushed.status(), pushed.response().body());
        JsonNode afterPush = admin.expect(200, admin.get(userPath));
        assertEquals("Anne", afterPush.get("firstName").asText());
        assertEquals("Lead", afterPush.at("/attributes/scim_title/0").asText());

        // Detach: the connector lets go.
        JsonNode detached = admin.expect(200, admin.post("/admin/realms/" + realm + "/scim-connectors/" + okta.id()
                + "/users/" + id + "/detach", ""));
        assertEquals("{\"userId\":\"" + id + "\",\"detachedFrom\":\"okta\"}", detached.toString());
        JsonNode afterDetach = admin.expect(200, admin.get(userPath + "?userProfileMetadata=true"));
        assertTrue(afterDetach.at("/attributes/ec_managed_by").isMissingNode(), afterDetach.toString());
        assertEquals("okta", afterDetach.at("/attributes/ec_detached_from/0").asText());
        assertFalse(metadata(afterDetach, "firstName").get("readOnly").asBoolean());

        assertEquals(204, admin.put(userPath, "{\"firstName\":\"Annie\"}").statusCode());
        ObjectNode accountNow = (ObjectNode) account(keycloak, realm, userToken, "GET", null).json();
        accountNow.put("lastName", "Leigh");
        assertEquals(204, account(keycloak, realm, userToken, "POST", accountNow.toString()).status());
        JsonNode edited = admin.expect(200, admin.get(userPath));
        assertEquals("Annie", edited.get("firstName").asText());
        assertEquals("Leigh", edited.get("lastName").asText());

        // For the connector the user is gone: 404, left out of lists, its userName taken.
        ScimClient.Result gone = scim.get("/Users/" + id);
        assertEquals(404, gone.status());
        assertEquals("User " + id + " not found", gone.json().get("detail").asText());
        assertEquals(0, scim.get("/Users?filter=userName%20eq%20%22ann@acme.test%22").json().get("totalResults").asInt());
        assertEquals(0, scim.get("/Users").json().get("totalResults").asInt());
        assertEquals(409, scim.post("/Users", ConcurrentProvisioningScenarios.user("ann@acme.test", "Ann")).status());
        assertEquals("Annie", admin.expect(200, admin.get(userPath)).get("firstName").asText(), "the push changed nothing");

        HttpResponse<String> again = admin.post("/admin/realms/" + realm + "/scim-connectors/" + okta.id()
                + "/users/" + id + "/detach", "");
        assertEquals(409, again.statusCode());
        assertEquals("{\"error\":\"User ann@acme.test is not managed by any connector\"}", again.body());
    }

    @Test
    void theSettingsAreInTheConnectorApiAndBadValuesChangeNothing(RunningKeycloak keycloak) {
        String realm = keycloak.createRealm("truthsettings");
        AdminApi admin = keycloak.admin();
        // nomorePAPER: "First Name, Last Name and a unique Email are required".
        RunningKeycloak.Connector paper = keycloak.createConnector(realm, "nomorepaper",
                ",\"requiredAttributes\":[\"name.givenName\",\"name.familyName\",\"emails.value\"],"
                        + "\"managedFields\":[\"name.givenName\",\"name.familyName\",\"emails\"]");
        String connectorPath = "/admin/realms/" + realm + "/scim-connectors/" + paper.id();
        JsonNode shown = admin.expect(200, admin.get(connectorPath));
        assertEquals("[\"name.givenName\",\"name.familyName\",\"emails\"]", shown.get("managedFields").toString());
        assertFalse(shown.get("allowManagedEdits").asBoolean());
        assertEquals("[\"userName\",\"name\",\"emails\",\"roles\"]", admin.expect(200, admin.get(
                "/admin/realms/" + realm + "/scim-connectors/" + keycloak.createConnector(realm, "okta").id()))
                .get("managedFields").toString(), "the default");

        HttpResponse<String> unknown = admin.put(connectorPath + "/source-of-truth", "{\"managedFields\":[\"name\",\"shoeSize\"]}");
        assertEquals(400, unknown.statusCode());
        assertEquals("{\"error\":\"managedFields holds [shoeSize], which are no SCIM user fields; use e.g. userName, name,"
                + " name.givenName, name.familyName, emails, roles, title, phoneNumbers\"}", unknown.body());
        HttpResponse<String> notASetting = admin.put(connectorPath + "/source-of-truth", "{\"readOnly\":true}");
        assertEquals(400, notASetting.statusCode());
        assertEquals("{\"error\":\"readOnly is not a source-of-truth setting; use managedFields, allowManagedEdits\"}",
                notASetting.body());
        HttpResponse<String> notAList = admin.put(connectorPath + "/source-of-truth", "{\"managedFields\":\"name\"}");
        assertEquals(400, notAList.statusCode());
        assertEquals("{\"error\":\"managedFields must be a JSON array of SCIM field names\"}", notAList.body());
        HttpResponse<String> notABoolean = admin.put(connectorPath + "/source-of-truth", "{\"allowManagedEdits\":\"maybe\"}");
        assertEquals(400, notABoolean.statusCode());
        assertEquals("{\"error\":\"allowManagedEdits must be true or false\"}", notABoolean.body());
        assertEquals(shown.get("managedFields"), admin.expect(200, admin.get(connectorPath)).get("managedFields"),
                "nothing changed");

        ScimClient scim = keycloak.scim(paper);
        String id = scim.post("/Users", ConcurrentProvisioningScenarios.user("bo@acme.test", "Bo")).json().get("id").asText();
        String userPath = "/admin/realms/" + realm + "/users/" + id;
        assertEquals(400, admin.put(userPath, "{\"firstName\":\"Bob\"}").statusCode());

        JsonNode allowed = admin.expect(200, admin.put(connectorPath + "/source-of-truth", "{\"allowManagedEdits\":true}"));
        assertEquals("{\"managedFields\":[\"name.givenName\",\"name.familyName\",\"emails\"],\"allowManagedEdits\":true}",
                allowed.toString());
        assertEquals(204, admin.put(userPath, "{\"firstName\":\"Bob\"}").statusCode(), "edits allowed by the setting");
        assertEquals("Bob", admin.expect(200, admin.get(userPath)).get("firstName").asText());

        // The settings live in the connector's component, so they travel with a realm export.
        JsonNode export = admin.expect(200, admin.post("/admin/realms/" + realm + "/partial-export", ""));
        String components = export.path("components").toString();
        assertTrue(components.contains("\"managedFields\":[\"name.givenName,name.familyName,emails\"]"), components);
        assertTrue(components.contains("\"allowManagedEdits\":[\"true\"]"), components);

        // Where the connector sends invitations the admin's resend box stays; where the IdP invites, it is hidden.
        assertTrue(metadata(admin.expect(200, admin.get(userPath + "?userProfileMetadata=true")), "ec_invite_resend") != null);
        ScimClient quiet = keycloak.scim(keycloak.createConnector(realm, "quiet", ",\"invitationsEnabled\":false"));
        String quietId = quiet.post("/Users", ConcurrentProvisioningScenarios.user("cy@acme.test", "Cy")).json()
                .get("id").asText();
        String quietPath = "/admin/realms/" + realm + "/users/" + quietId;
        assertNull(metadata(admin.expect(200, admin.get(quietPath + "?userProfileMetadata=true")), "ec_invite_resend"));
        HttpResponse<String> ticked = admin.put(quietPath, "{\"attributes\":{\"ec_invite_resend\":[\"now\"]}}");
        assertEquals(400, ticked.statusCode());
        // Read-only first; the box's own check (this realm has no SMTP server) adds its reason.
        assertEquals("{\"errors\":[{\"field\":\"ec_invite_resend\",\"errorMessage\":\"error-user-attribute-read-only\","
                + "\"params\":[\"ec_invite_resend\"]},{\"field\":\"ec_invite_resend\",\"errorMessage\":\"The realm has no"
                + " SMTP server (Realm settings > Email)\",\"params\":[\"ec_invite_resend\"]}]}", ticked.body());
        assertTrue(admin.expect(200, admin.get(quietPath)).path("attributes").path("ec_invite_status").isMissingNode(),
                "nothing was sent or recorded");

        HttpResponse<String> noUser = admin.post(connectorPath + "/users/00000000-0000-0000-0000-000000000000/detach", "");
        assertEquals(404, noUser.statusCode());
        assertEquals("{\"error\":\"User not found\"}", noUser.body());
        RunningKeycloak.Connector other = keycloak.createConnector(realm, "entra");
        HttpResponse<String> notItsUser = admin.post("/admin/realms/" + realm + "/scim-connectors/" + other.id()
                + "/users/" + id + "/detach", "");
        assertEquals(409, notItsUser.statusCode());
        assertEquals("{\"error\":\"User bo@acme.test is managed by connector 'nomorepaper', not 'entra'\"}", notItsUser.body());
        assertEquals("nomorepaper", admin.expect(200, admin.get(userPath)).at("/attributes/ec_managed_by/0").asText());
        assertEquals(200, scim.get("/Users/" + id).status(), "still the connector's user");
    }

    private static JsonNode metadata(JsonNode user, String name) {
        for (JsonNode attribute : user.at("/userProfileMetadata/attributes")) {
            if (name.equals(attribute.get("name").asText())) {
                return attribute;
            }
        }
        return null;
    }

    private static JsonNode group(JsonNode user, String name) {
        for (JsonNode group : user.at("/userProfileMetadata/groups")) {
            if (name.equals(group.get("name").asText())) {
                return group;
            }
        }
        throw new AssertionError("no group " + name + " in " + user.at("/userProfileMetadata/groups"));
    }

    record Reply(int status, String body) {
        JsonNode json() {
            return AdminApi.parse(body);
        }
    }

    /** The account console's REST API, as the signed-in user. */
    private static Reply account(RunningKeycloak keycloak, String realm, String token, String method, String body)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(keycloak.baseUrl() + "/realms/" + realm + "/account"))
                .header("Authorization", "Bearer " + token).header("Accept", "application/json");
        if (body == null) {
            request.GET();
        } else {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
        }
        HttpResponse<String> response = HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Reply(response.statusCode(), response.body());
    }

    private static String userToken(RunningKeycloak keycloak, String realm, String username) throws Exception {
        String form = "grant_type=password&client_id=admin-cli&username=" + URLEncoder.encode(username, StandardCharsets.UTF_8)
                + "&password=" + URLEncoder.encode(PASSWORD, StandardCharsets.UTF_8);
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(keycloak.baseUrl() + "/realms/" + realm + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("token: " + response.statusCode() + " " + response.body());
        }
        return AdminApi.parse(response.body()).get("access_token").asText();
    }
}
