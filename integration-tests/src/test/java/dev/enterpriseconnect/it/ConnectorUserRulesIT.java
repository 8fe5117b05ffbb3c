package dev.enterpriseconnect.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.enterpriseconnect.testbed.AdminApi;

/**
 * The rules seed vendors document by hand, as connector settings: Oktopost's and nomorePAPER's
 * required attributes, userName equal to the primary email, and what a password sync does.
 * Every refusal leaves the realm as it was.
 */
@ExtendWith(KeycloakServer.class)
class ConnectorUserRulesIT {

    private static final String USER = ConcurrentProvisioningScenarios.USER;
    private static final String PATCH_OP = ConcurrentProvisioningScenarios.PATCH_OP;
    private static final String EVENTS = ",\"adminEventsEnabled\":true,\"adminEventsDetailsEnabled\":true";

    @Test
    void oktopostRequiresNamesAndAnEmailEqualToTheUserName(RunningKeycloak keycloak) {
        String realm = keycloak.createRealm("oktopost");
        ScimClient scim = keycloak.scim(keycloak.createConnector(realm, "okta", ",\"requiredAttributes\":"
                + "[\"userName\",\"name.givenName\",\"name.familyName\",\"emails\"],\"userNameMatchesEmail\":true"));

        ScimClient.Result noFamilyName = scim.post("/Users", "{\"schemas\":[\"" + USER + "\"],\"userName\":\"ann@acme.test\","
                + "\"name\":{\"givenName\":\"Ann\"},\"emails\":[{\"value\":\"ann@acme.test\",\"primary\":true}]}");
        assertEquals(400, noFamilyName.status());
        assertEquals("invalidValue", noFamilyName.json().get("scimType").asText());
        assertEquals("'name.familyName' is required by this connector (setting requiredAttributes: userName,"
                + " name.givenName, name.familyName, emails)", noFamilyName.json().get("detail").asText());

        ScimClient.Result mismatch = scim.post("/Users", ConcurrentProvisioningScenarios.user("jdoe", "Jo")
                .replace("\"value\":\"jdoe\"", "\"value\":\"jo@acme.test\""));
        assertEquals(400, mismatch.status());
        assertEquals("userName 'jdoe' must equal the primary email 'jo@acme.test' (connector setting"
                + " userNameMatchesEmail)", mismatch.json().get("detail").asText());
        assertEquals(0, users(keycloak.admin(), realm).size(), "nothing was stored");

        String id = scim.post("/Users", ConcurrentProvisioningScenarios.user("ann@acme.test", "Ann")).json().get("id").asText();
        ScimClient.Result removal = scim.patch("/Users/" + id, "{\"schemas\":[\"" + PATCH_OP + "\"],\"Operations\":"
                + "[{\"op\":\"remove\",\"path\":\"name.familyName\"}]}");
        assertEquals(400, removal.status());
        assertEquals("Test", keycloak.admin().expect(200, keycloak.admin().get("/admin/realms/" + realm + "/users/" + id))
                .get("lastName").asText(), "the family name stayed");
        JsonNode shown = keycloak.admin().expect(200, keycloak.admin().get("/admin/realms/" + realm + "/scim-connectors"))
                .get(0);
        assertEquals(4, shown.get("requiredAttributes").size());
        assertTrue(shown.get("userNameMatchesEmail").asBoolean());
    }

    @Test
    void nomorePaperRequiresNamesAndAUniqueEmail(RunningKeycloak keycloak) {
        String realm = keycloak.createRealm("nomorepaper");
        ScimClient scim = keycloak.scim(keycloak.createConnector(realm, "okta",
                ",\"requiredAttributes\":[\"name.givenName\",\"name.familyName\",\"emails.value\"]"));

        ScimClient.Result noEmail = scim.post("/Users", "{\"schemas\":[\"" + USER + "\"],\"userName\":\"bo\","
                + "\"name\":{\"givenName\":\"Bo\",\"familyName\":\"Berg\"}}");
        assertEquals(400, noEmail.status());
        assertTrue(noEmail.json().get("detail").asText().startsWith("'emails.value' is required"), noEmail.response().body());
        assertEquals(201, scim.post("/Users", ConcurrentProvisioningScenarios.user("bo@acme.test", "Bo")).status());
        ScimClient.Result duplicate = scim.post("/Users", ConcurrentProvisioningScenarios.user("bo2", "Bo")
                .replace("\"value\":\"bo2\"", "\"value\":\"bo@acme.test\""));
        assertEquals(409, duplicate.status());
        assertEquals(1, users(keycloak.admin(), realm).size());
    }

    @Test
    void aPasswordSyncIsRefusedIgnoredOrSetAsTheConnectorSays(RunningKeycloak keycloak) throws Exception {
        String realm = keycloak.createRealm("passwords", EVENTS + ",\"passwordPolicy\":\"length(12)\"");
        AdminApi admin = keycloak.admin();
        ScimClient refuse = keycloak.scim(keycloak.createConnector(realm, "refuse", ",\"passwordPolicy\":\"refuse\""));
        ScimClient ignore = keycloak.scim(keycloak.createConnector(realm, "ignore"));
        ScimClient set = keycloak.scim(keycloak.createConnector(realm, "set", ",\"passwordPolicy\":\"set\""));

        ScimClient.Result refused = refuse.post("/Users", withPassword("rita@acme.test", "correct-horse-battery"));
        assertEquals(400, refused.status());
        assertEquals("This connector does not accept passwords (setting passwordPolicy is refuse): turn off password"
                + " sync in the identity provider", refused.json().get("detail").asText());
        assertEquals(0, users(admin, realm).size());

        ScimClient.Result ignored = ignore.post("/Users", withPassword("ivan@acme.test", "correct-horse-battery"));
        assertEquals(201, ignored.status());
        assertFalse(ignored.response().body().contains("correct-horse"), "a password is never echoed");
        assertEquals(400, passwordGrant(keycloak, realm, "ivan@acme.test", "correct-horse-battery"), "not stored");
        String ivan = ignored.json().get("id").asText();
        String events = admin.expect(200, admin.get("/admin/realms/" + realm + "/admin-events?resourcePath=users/" + ivan))
                .toString();
        assertTrue(events.contains("password-ignored"), events);
        assertFalse(events.contains("correct-horse"), "nor logged in an event");

        ScimClient.Result weak = set.post("/Users", withPassword("sam@acme.test", "short"));
        assertEquals(400, weak.status());
        assertTrue(weak.json().get("detail").asText().startsWith("The password does not meet this realm's password policy"),
                weak.response().body());
        assertEquals(1, users(admin, realm).size(), "the weak one was not stored");
        ScimClient.Result stored = set.post("/Users", withPassword("sam@acme.test", "correct-horse-battery"));
        assertEquals(201, stored.status());
        assertFalse(stored.response().body().contains("correct-horse"));
        assertEquals(200, passwordGrant(keycloak, realm, "sam@acme.test", "correct-horse-battery"), "Sam signs in with it");
        assertTrue(set.get("/ServiceProviderConfig").json().at("/changePassword/supported").asBoolean());
        assertFalse(ignore.get("/ServiceProviderConfig").json().at("/changePassword/supported").asBoolean());
    }

    private static String withPassword(String userName, String password) {
        return "{\"schemas\":[\"" + USER + "\"],\"userName\":\"" + userName + "\",\"password\":\"" + password + "\","
                + "\"name\":{\"givenName\":\"G\",\"familyName\":\"F\"},\"emails\":[{\"value\":\"" + userName + "\"}]}";
    }

    private static JsonNode users(AdminApi admin, String realm) {
        return admin.expect(200, admin.get("/admin/realms/" + realm + "/users?briefRepresentation=true"));
    }

    /** A Resource Owner Password grant with the realm's admin-cli client: 200 when the password is Sam's. */
    private static int passwordGrant(RunningKeycloak keycloak, String realm, String username, String password)
            throws Exception {
        String form = "grant_type=password&client_id=admin-cli&username=" + URLEncoder.encode(username, StandardCharsets.UTF_8)
                + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8);
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(keycloak.baseUrl() + "/realms/" + realm + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        return response.statusCode();
    }
}
