package dev.enterpriseconnect.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.enterpriseconnect.it.ScimClient.Result;
import dev.enterpriseconnect.testbed.AdminApi;

/** A connector scoped to one Keycloak Organization provisions into it and sees nobody else. */
@ExtendWith(KeycloakServer.class)
class OrganizationScopedConnectorIT {

    private static String body(String userName) {
        return "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"userName\":\"" + userName + "\","
                + "\"emails\":[{\"value\":\"" + userName + "\",\"primary\":true}]}";
    }

    @Test
    void aCustomersOktaSeesOnlyItsOwnOrganization(RunningKeycloak keycloak) {
        AdminApi admin = keycloak.admin();
        String realm = keycloak.createRealm("orgs", ",\"organizationsEnabled\":true");
        HttpResponse<String> created = admin.post("/admin/realms/" + realm + "/organizations",
                "{\"name\":\"Globex\",\"alias\":\"globex\",\"domains\":[{\"name\":\"globex.test\"}]}");
        admin.expect(201, created);
        String location = created.headers().firstValue("Location").orElseThrow();
        String orgId = location.substring(location.lastIndexOf('/') + 1);

        JsonNode globexConnector = admin.expect(201, admin.post("/admin/realms/" + realm + "/scim-connectors",
                "{\"name\":\"globex-okta\",\"organizationId\":\"" + orgId + "\"}"));
        ScimClient globex = ScimClient.bearer(URI.create(globexConnector.get("scimBaseUrl").asText()),
                globexConnector.get("token").asText());
        ScimClient realmWide = keycloak.scim(keycloak.createConnector(realm, "realm-wide"));

        String member = globex.post("/Users", body("hank@globex.test")).json().get("id").asText();
        String outsider = realmWide.post("/Users", body("carol@initech.test")).json().get("id").asText();

        JsonNode members = admin.expect(200, admin.get("/admin/realms/" + realm + "/organizations/" + orgId + "/members"));
        List<String> memberIds = new ArrayList<>();
        members.forEach(m -> memberIds.add(m.get("id").asText()));
        assertEquals(List.of(member), memberIds);

        Result all = globex.get("/Users");
        assertEquals(1, all.json().get("totalResults").asInt());
        assertEquals("hank@globex.test", all.json().at("/Resources/0/userName").asText());
        assertEquals(0, globex.get("/Users?filter=" + URLEncoder.encode("userName eq \"carol@initech.test\"",
                StandardCharsets.UTF_8)).json().get("totalResults").asInt());
        assertEquals(404, globex.get("/Users/" + outsider).status());
        assertEquals(404, globex.delete("/Users/" + outsider).status());
        assertEquals(200, realmWide.get("/Users/" + outsider).status());
        assertEquals(2, realmWide.get("/Users").json().get("totalResults").asInt());

        HttpResponse<String> badOrg = admin.post("/admin/realms/" + realm + "/scim-connectors",
                "{\"name\":\"nowhere\",\"organizationId\":\"no-such-org\"}");
        assertEquals(400, badOrg.statusCode());
        assertEquals("No organization with id no-such-org", AdminApi.parse(badOrg.body()).get("error").asText());
    }
}
