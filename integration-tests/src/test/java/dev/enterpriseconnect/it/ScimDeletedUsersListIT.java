package dev.enterpriseconnect.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.enterpriseconnect.it.RunningKeycloak.Connector;
import dev.enterpriseconnect.it.ScimClient.Result;

/**
 * Users a connector deleted under its default policy (disable) stay in Keycloak, disabled, but are
 * gone for that connector: also from the plain userName-ordered page, and its total agrees.
 */
@ExtendWith(KeycloakServer.class)
class ScimDeletedUsersListIT {

    @Test
    void deletedUsersAreLeftOutOfUnfilteredListsAndTheirTotals(RunningKeycloak keycloak) {
        String realm = keycloak.createRealm("deleted-list");
        Connector okta = keycloak.createConnector(realm, "okta");
        ScimClient scim = keycloak.scim(okta);
        List<String> deleted = new ArrayList<>();
        for (String name : new String[] {"a-gone", "b-gone", "c-kept"}) {
            Result created = scim.post("/Users", "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],"
                    + "\"userName\":\"" + name + "@acme.test\",\"active\":true}");
            assertEquals(201, created.status(), created.response().body());
            if (name.endsWith("gone")) {
                deleted.add(created.json().get("id").asText());
            }
        }
        for (String id : deleted) {
            assertEquals(204, scim.delete("/Users/" + id).status());
        }

        for (String query : new String[] {"?count=2", "", "?count=1", "?startIndex=1&count=100"}) {
            JsonNode list = scim.get("/Users" + query).json();
            JsonNode resources = list.get("Resources");
            List<String> ids = new ArrayList<>();
            resources.forEach(user -> ids.add(user.get("id").asText()));
            for (String id : deleted) {
                assertFalse(ids.contains(id), "GET /Users" + query + " lists deleted " + id + ": " + list);
            }
            assertEquals("c-kept@acme.test", resources.get(0).get("userName").asText(), query);
            assertEquals(1, list.get("totalResults").asInt(), "GET /Users" + query + ": " + list);
            assertEquals(resources.size(), list.get("totalResults").asInt(), "GET /Users" + query + ": " + list);
        }
        for (String id : deleted) {
            JsonNode user = keycloak.admin().expect(200, keycloak.admin().get("/admin/realms/" + realm + "/users/" + id));
            assertFalse(user.get("enabled").asBoolean(), user.toString());
        }
    }

    @Test
    void anImportWalkingPageByPageNeverMeetsADeletedUser(RunningKeycloak keycloak) {
        String realm = keycloak.createRealm("deleted-walk");
        Connector okta = keycloak.createConnector(realm, "okta");
        ScimClient scim = keycloak.scim(okta);
        for (String name : new String[] {"a-kept", "b-gone", "c-kept", "d-gone", "e-kept"}) {
            Result created = scim.post("/Users", "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],"
                    + "\"userName\":\"" + name + "@acme.test\",\"active\":true}");
            assertEquals(201, created.status(), created.response().body());
            if (name.endsWith("gone")) {
                assertEquals(204, scim.delete("/Users/" + created.json().get("id").asText()).status());
            }
        }
        // Each full page lets the next one continue after its last userName instead of counting an offset.
        for (int count : new int[] {1, 2}) {
            List<String> walked = new ArrayList<>();
            for (int start = 1; ; start += count) {
                JsonNode page = scim.get("/Users?startIndex=" + start + "&count=" + count).json();
                page.get("Resources").forEach(user -> walked.add(user.get("userName").asText()));
                if (page.get("Resources").size() < count) {
                    break;
                }
            }
            assertEquals(List.of("a-kept@acme.test", "c-kept@acme.test", "e-kept@acme.test"), walked, "count=" + count);
        }
    }
}
