package dev.enterpriseconnect.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.enterpriseconnect.it.RunningKeycloak.Connector;
import dev.enterpriseconnect.it.ScimClient.Result;
import dev.enterpriseconnect.testbed.AdminApi;

/** The suite's server runs with --features=scim-api: both SCIM APIs serve one realm side by side. */
@ExtendWith(KeycloakServer.class)
class PreviewScimCoexistenceIT {

    private static final String USER = "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"userName\":\"%s\","
            + "\"emails\":[{\"value\":\"%s\",\"primary\":true}],\"name\":{\"givenName\":\"A\",\"familyName\":\"B\"}}";

    @Test
    void keycloaksPreviewScimKeepsWorkingAfterOursDeclaredItsAttributes(RunningKeycloak keycloak) throws Exception {
        AdminApi admin = keycloak.admin();
        String realm = keycloak.createRealm("both", ",\"scimApiEnabled\":true");
        Connector okta = keycloak.createConnector(realm, "okta");
        URI previewBase = URI.create(keycloak.baseUrl() + "/realms/" + realm + "/scim/v2");

        Result ours = keycloak.scim(okta).post("/Users", String.format(USER, "ours@acme.test", "ours@acme.test")
                .replace("}}", "},\"title\":\"Declares our attributes\"}"));
        assertEquals(201, ours.status(), ours.response().body());

        // Our token is not the preview's kind of credential, and ours is served on its own path.
        Result refused = ScimClient.bearer(previewBase, okta.token()).get("/ServiceProviderConfig");
        assertNotEquals(404, refused.status());
        assertNotEquals(200, refused.status());

        String token = previewToken(keycloak, admin, realm, previewBase);
        Result preview = ScimClient.bearer(previewBase, token).post("/Users",
                String.format(USER, "preview@acme.test", "preview@acme.test"));
        assertEquals(201, preview.status(), preview.response().body());
        assertEquals(200, ScimClient.bearer(previewBase, token).get("/Users/" + ours.json().get("id").asText()).status());
        assertEquals(200, keycloak.scim(okta).get("/Users/" + preview.json().get("id").asText()).status());
    }

    /** The preview accepts tokens of a client whose audience is its base URL and which may manage users. */
    private static String previewToken(RunningKeycloak keycloak, AdminApi admin, String realm, URI previewBase)
            throws Exception {
        admin.expect(201, admin.post("/admin/realms/" + realm + "/clients", "{\"clientId\":\"preview-scim\","
                + "\"publicClient\":false,\"serviceAccountsEnabled\":true,\"standardFlowEnabled\":false,"
                + "\"secret\":\"preview-secret\",\"protocolMappers\":[{\"name\":\"scim-audience\","
                + "\"protocol\":\"openid-connect\",\"protocolMapper\":\"oidc-audience-mapper\",\"config\":{"
                + "\"included.custom.audience\":\"" + previewBase + "\",\"access.token.claim\":\"true\"}}]}"));
        JsonNode client = admin.expect(200, admin.get("/admin/realms/" + realm + "/clients?clientId=preview-scim")).get(0);
        JsonNode serviceAccount = admin.expect(200, admin.get("/admin/realms/" + realm + "/clients/"
                + client.get("id").asText() + "/service-account-user"));
        JsonNode management = admin.expect(200,
                admin.get("/admin/realms/" + realm + "/clients?clientId=realm-management")).get(0);
        String managementId = management.get("id").asText();
        JsonNode manage = admin.expect(200, admin.get("/admin/realms/" + realm + "/clients/" + managementId
                + "/roles/manage-users"));
        JsonNode view = admin.expect(200, admin.get("/admin/realms/" + realm + "/clients/" + managementId
                + "/roles/view-users"));
        admin.expect(204, admin.post("/admin/realms/" + realm + "/users/" + serviceAccount.get("id").asText()
                + "/role-mappings/clients/" + managementId, "[" + manage + "," + view + "]"));
        HttpResponse<String> token = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(keycloak.baseUrl() + "/realms/" + realm + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "grant_type=client_credentials&client_id=preview-scim&client_secret=preview-secret"))
                .build(), HttpResponse.BodyHandlers.ofString());
        return admin.expect(200, token).get("access_token").asText();
    }
}
