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

    @Test
    void aCustomersPushedGroupsLiveInsideItsOrganization(RunningKeycloak keycloak) {
        AdminApi admin = keycloak.admin();
        String realm = keycloak.createRealm("orggroups", ",\"organizationsEnabled\":true");
        HttpResponse<String> created = admin.post("/admin/realms/" + realm + "/organizations",
                "{\"name\":\"Umbrella\",\"alias\":\"umbrella\",\"domains\":[{\"name\":\"umbrella.test\"}]}");
        admin.expect(201, created);
        String location = created.headers().firstValue("Location").orElseThrow();
        String orgId = location.substring(location.lastIndexOf('/') + 1);
        JsonNode connector = admin.expect(201, admin.post("/admin/realms/" + realm + "/scim-connectors",
                "{\"name\":\"umbrella-okta\",\"organizationId\":\"" + orgId + "\"}"));
        ScimClient umbrella = ScimClient.bearer(URI.create(connector.get("scimBaseUrl").asText()),
                connector.get("token").asText());
        ScimClient realmWide = keycloak.scim(keycloak.createConnector(realm, "realm-wide"));
        String alice = umbrella.post("/Users", body("alice@umbrella.test")).json().get("id").asText();
        String outsider = realmWide.post("/Users", body("bob@initech.test")).json().get("id").asText();

        Result outsiderGroup = umbrella.post("/Groups", "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:Group\"],"
                + "\"displayName\":\"Researchers\",\"members\":[{\"value\":\"" + outsider + "\"}]}");
        assertEquals(400, outsiderGroup.status());
        assertEquals("invalidValue", outsiderGroup.json().get("scimType").asText());
        assertEquals("No such user: " + outsider, outsiderGroup.json().get("detail").asText());

        Result group = umbrella.post("/Groups", "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:Group\"],"
                + "\"displayName\":\"Researchers\",\"members\":[{\"value\":\"" + alice + "\"}]}");
        assertEquals(201, group.status());
        String groupId = group.json().get("id").asText();

        // The organization's own group tree holds the connector's parent and, below it, the pushed group.
        JsonNode orgGroups = admin.expect(200, admin.get("/admin/realms/" + realm + "/organizations/" + orgId
                + "/groups?briefRepresentation=false"));
        assertEquals(1, orgGroups.size());
        assertEquals("scim-umbrella-okta", orgGroups.get(0).get("name").asText());
        JsonNode children = admin.expect(200, admin.get("/admin/realms/" + realm + "/organizations/" + orgId
                + "/groups/" + orgGroups.get(0).get("id").asText() + "/children"));
        assertEquals(List.of(groupId), ids(children));
        assertEquals(List.of(alice), ids(admin.expect(200, admin.get("/admin/realms/" + realm + "/organizations/"
                + orgId + "/groups/" + groupId + "/members"))));
        // ...and the realm's group list stays free of the customer's groups.
        assertEquals(0, admin.expect(200, admin.get("/admin/realms/" + realm + "/groups?search=Researchers")).size());

        assertEquals("Researchers", umbrella.get("/Users/" + alice).json().at("/groups/0/display").asText());
        assertEquals(1, umbrella.get("/Groups?filter=" + URLEncoder.encode("displayName eq \"Researchers\"",
                StandardCharsets.UTF_8)).json().get("totalResults").asInt());
        assertEquals(0, realmWide.get("/Groups").json().get("totalResults").asInt());
        assertEquals(409, umbrella.post("/Groups", "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:Group\"],"
                + "\"displayName\":\"Researchers\"}").status());
        assertEquals(204, umbrella.delete("/Groups/" + groupId).status());
        assertEquals(0, umbrella.get("/Groups").json().get("totalResults").asInt());
    }

    private static List<String> ids(JsonNode array) {
        List<String> ids = new ArrayList<>();
        array.forEach(node -> ids.add(node.get("id").asText()));
        return ids;
    }
}
