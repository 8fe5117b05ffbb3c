package dev.enterpriseconnect.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.enterpriseconnect.it.ScimClient.Result;
import dev.enterpriseconnect.testbed.AdminApi;

/** A connector declares a custom User extension (Okta's custom attributes); its attributes are kept. */
@ExtendWith(KeycloakServer.class)
class CustomExtensionSchemaIT {

    private static final String ACME = "urn:ietf:params:scim:schemas:extension:acme:2.0:User";

    @Test
    void customExtensionAttributesAreKeptListedAndPatchable(RunningKeycloak keycloak) {
        AdminApi admin = keycloak.admin();
        String realm = keycloak.createRealm("extension");
        JsonNode connector = admin.expect(201, admin.post("/admin/realms/" + realm + "/scim-connectors",
                "{\"name\":\"okta\",\"extensionSchemas\":[\"" + ACME + "\"]}"));
        ScimClient scim = ScimClient.bearer(URI.create(connector.get("scimBaseUrl").asText()),
                connector.get("token").asText());

        Result created = scim.post("/Users", "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\",\"" + ACME
                + "\"],\"userName\":\"ext@acme.test\",\"" + ACME + "\":{\"role\":\"ANALYST\",\"seats\":3}}");
        assertEquals(201, created.status(), created.response().body());
        String id = created.json().get("id").asText();

        JsonNode read = scim.get("/Users/" + id).json();
        assertEquals("ANALYST", read.get(ACME).get("role").asText());
        assertEquals(3, read.get(ACME).get("seats").asInt());
        assertTrue(read.get("schemas").toString().contains(ACME));

        Result patched = scim.patch("/Users/" + id, "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],"
                + "\"Operations\":[{\"op\":\"replace\",\"path\":\"" + ACME + ":role\",\"value\":\"ADMINISTRATOR\"}]}");
        assertEquals(200, patched.status(), patched.response().body());
        assertEquals("ADMINISTRATOR", scim.get("/Users/" + id).json().get(ACME).get("role").asText());

        List<String> schemas = new ArrayList<>();
        scim.get("/Schemas").json().get("Resources").forEach(s -> schemas.add(s.get("id").asText()));
        assertTrue(schemas.contains(ACME), schemas.toString());
        assertTrue(scim.get("/ResourceTypes/User").json().get("schemaExtensions").toString().contains(ACME));

        // Another extension, not declared on this connector, is still refused.
        Result undeclared = scim.post("/Users", "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],"
                + "\"userName\":\"other@acme.test\",\"urn:example:other:User\":{\"x\":1}}");
        assertEquals(400, undeclared.status());
        assertEquals("invalidSyntax", undeclared.json().get("scimType").asText());

        HttpResponse<String> bad = admin.post("/admin/realms/" + realm + "/scim-connectors",
                "{\"name\":\"bad\",\"extensionSchemas\":[\"not-a-urn\"]}");
        assertEquals(400, bad.statusCode());
        assertEquals("extensionSchemas must be custom schema URNs, got not-a-urn",
                AdminApi.parse(bad.body()).get("error").asText());
    }
}
