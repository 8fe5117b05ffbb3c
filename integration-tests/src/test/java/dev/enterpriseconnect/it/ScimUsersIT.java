package dev.enterpriseconnect.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.enterpriseconnect.it.RunningKeycloak.Connector;
import dev.enterpriseconnect.it.ScimClient.Result;

@ExtendWith(KeycloakServer.class)
class ScimUsersIT {

    private static final String ERROR = "urn:ietf:params:scim:api:messages:2.0:Error";

    private static RunningKeycloak keycloak;
    private static String realm;
    private static Connector okta;
    private static ScimClient scim;

    @BeforeAll
    static void connector(RunningKeycloak server) {
        keycloak = server;
        realm = server.createRealm("users");
        okta = server.createConnector(realm, "okta");
        scim = server.scim(okta);
    }

    private static String user(String userName) {
        return "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"userName\":\"" + userName + "\","
                + "\"name\":{\"givenName\":\"Ada\",\"familyName\":\"Lovelace\"},"
                + "\"emails\":[{\"value\":\"" + userName + "\",\"type\":\"work\",\"primary\":true}],\"active\":true}";
    }

    @Test
    void oktaCreatesAUserAndReadsItBack() {
        Result created = scim.post("/Users", user("ada@acme.test"));

        assertEquals(201, created.status(), created.response().body());
        assertTrue(created.header("Content-Type").startsWith("application/scim+json"));
        JsonNode body = created.json();
        String id = body.get("id").asText();
        assertEquals(okta.baseUrl() + "/Users/" + id, created.header("Location"));
        assertEquals("ada@acme.test", body.get("userName").asText());
        assertEquals("Ada", body.at("/name/givenName").asText());
        assertEquals("ada@acme.test", body.at("/emails/0/value").asText());
        assertTrue(body.get("active").asBoolean());
        assertEquals("User", body.at("/meta/resourceType").asText());

        Result read = scim.get("/Users/" + id);
        assertEquals(200, read.status());
        assertEquals(body, read.json());

        JsonNode inKeycloak = keycloak.admin().expect(200,
                keycloak.admin().get("/admin/realms/" + realm + "/users/" + id));
        assertEquals("ada@acme.test", inKeycloak.get("email").asText());
        assertEquals("Lovelace", inKeycloak.get("lastName").asText());
    }

    @Test
    void anExistingUserNameIsAConflictWhateverItsCase() {
        assertEquals(201, scim.post("/Users", user("grace@acme.test")).status());

        Result again = scim.post("/Users", user("Grace@ACME.test"));

        assertEquals(409, again.status());
        assertEquals(ERROR, again.json().at("/schemas/0").asText());
        assertEquals("409", again.json().get("status").asText());
        assertEquals("uniqueness", again.json().get("scimType").asText());
    }

    @Test
    void malformedJsonIsRejectedAndStoresNothing() {
        Result bad = scim.post("/Users", "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],"
                + "\"userName\":\"broken@acme.test\",");

        assertEquals(400, bad.status());
        assertEquals("invalidSyntax", bad.json().get("scimType").asText());
        assertEquals(ERROR, bad.json().at("/schemas/0").asText());
        JsonNode found = keycloak.admin().expect(200,
                keycloak.admin().get("/admin/realms/" + realm + "/users?exact=true&username=broken@acme.test"));
        assertEquals(0, found.size());
    }

    @Test
    void aUserWithoutUserNameIsInvalid() {
        Result bad = scim.post("/Users", "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"]}");

        assertEquals(400, bad.status());
        assertEquals("invalidValue", bad.json().get("scimType").asText());
        assertEquals("'userName' is required and must be a non-empty string", bad.json().get("detail").asText());
    }

    @Test
    void anInvalidEmailIsRejectedAndStoresNothing() {
        Result bad = scim.post("/Users", user("not-an-email"));

        assertEquals(400, bad.status());
        assertEquals("invalidValue", bad.json().get("scimType").asText());
        JsonNode found = keycloak.admin().expect(200,
                keycloak.admin().get("/admin/realms/" + realm + "/users?exact=true&username=not-an-email"));
        assertEquals(0, found.size());
    }

    @Test
    void aRenameWorksWhereTheRealmForbidsUsersEditingTheirUsername() {
        // "Edit username" governs what a user may do in the login and account pages, not the IdP's writes.
        String id = scim.post("/Users", user("fixed.name@acme.test")).json().get("id").asText();

        Result renamed = scim.patch("/Users/" + id, "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],"
                + "\"Operations\":[{\"op\":\"replace\",\"path\":\"userName\",\"value\":\"other.name@acme.test\"}]}");

        assertEquals(200, renamed.status(), renamed.response().body());
        assertEquals("other.name@acme.test", scim.get("/Users/" + id).json().get("userName").asText());
    }

    @Test
    void anUnknownIdIsNotFound() {
        Result missing = scim.get("/Users/00000000-0000-0000-0000-000000000000");

        assertEquals(404, missing.status());
        assertEquals(ERROR, missing.json().at("/schemas/0").asText());
    }

    @Test
    void serviceProviderConfigTellsTheTruth() {
        JsonNode config = scim.get("/ServiceProviderConfig").json();

        assertEquals("urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig", config.at("/schemas/0").asText());
        assertTrue(config.at("/patch/supported").asBoolean());
        assertEquals("oauthbearertoken", config.at("/authenticationSchemes/0/type").asText());
    }

    @Test
    void callsWithoutAValidTokenAreUnauthorized() {
        for (String header : new String[] {null, "Bearer wrong", "Basic b2t0YTpzZWNyZXQ=", "Bearer " + okta.token() + "x"}) {
            Result denied = scim.withAuthorization(header).post("/Users", user("intruder@acme.test"));

            assertEquals(401, denied.status(), String.valueOf(header));
            assertEquals("Bearer realm=\"" + realm + "\"", denied.header("WWW-Authenticate"));
            assertEquals(ERROR, denied.json().at("/schemas/0").asText());
            assertEquals("401", denied.json().get("status").asText());
        }
        JsonNode found = keycloak.admin().expect(200,
                keycloak.admin().get("/admin/realms/" + realm + "/users?exact=true&username=intruder@acme.test"));
        assertEquals(0, found.size());
    }

    @Test
    void aConnectorTokenWorksNowhereElse() {
        Connector other = keycloak.createConnector(realm, "other");
        String otherRealm = keycloak.createRealm("elsewhere");
        Connector sameNameElsewhere = keycloak.createConnector(otherRealm, "okta");

        assertEquals(401, ScimClient.bearer(other.baseUrl(), okta.token()).get("/ServiceProviderConfig").status());
        assertEquals(401, ScimClient.bearer(sameNameElsewhere.baseUrl(), okta.token()).get("/ServiceProviderConfig").status());
        assertEquals(200, keycloak.scim(sameNameElsewhere).get("/ServiceProviderConfig").status());
    }
}
