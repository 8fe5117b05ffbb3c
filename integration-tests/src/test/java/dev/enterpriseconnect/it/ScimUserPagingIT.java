package dev.enterpriseconnect.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.enterpriseconnect.testbed.AdminApi;

/**
 * Okta and Entra import a directory by paging through everyone in userName order. Service
 * accounts (one per client with a service account, our own OAuth connector included) sort in
 * among the people but are never SCIM users: no page may show one, skip a person or repeat one.
 */
@ExtendWith(KeycloakServer.class)
class ScimUserPagingIT {

    private static final List<String> PEOPLE = List.of("amy@paging.test", "rex@paging.test", "sam@paging.test",
            "seb@paging.test", "server-admin@paging.test", "service@paging.test", "sz@paging.test", "tia@paging.test",
            "zed@paging.test");

    @Test
    void pagingThroughEveryoneSkipsServiceAccountsAndLosesNobody(RunningKeycloak keycloak) {
        AdminApi admin = keycloak.admin();
        String realm = keycloak.createRealm("paging");
        // Three service accounts whose usernames sort between the people: service-account-<clientId>.
        admin.expect(201, admin.post("/admin/realms/" + realm + "/scim-connectors",
                "{\"name\":\"entra\",\"credentialType\":\"oauth\"}"));
        for (String clientId : List.of("backend", "zz-worker")) {
            serviceAccountClient(admin, realm, clientId);
        }
        ScimClient scim = keycloak.scim(keycloak.createConnector(realm, "okta"));
        for (String person : PEOPLE) {
            assertEquals(201, scim.post("/Users", "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],"
                    + "\"userName\":\"" + person + "\"}").status());
        }
        List<String> descending = new ArrayList<>(PEOPLE);
        descending.sort(Comparator.reverseOrder());

        for (int count : List.of(1, 2, 4)) {
            assertEquals(PEOPLE, walk(scim, count, ""), "count=" + count);
            assertEquals(descending, walk(scim, count, "&sortBy=userName&sortOrder=descending"), "count=" + count);
        }
        JsonNode first = scim.get("/Users?startIndex=1&count=3").json();
        assertEquals(PEOPLE.size(), first.get("totalResults").asInt());
        assertEquals(0, scim.get("/Users?startIndex=10&count=3").json().get("Resources").size());

        var badIndex = scim.get("/Users?startIndex=abc");
        assertEquals(400, badIndex.status());
        assertEquals("invalidValue", badIndex.json().get("scimType").asText());
        assertEquals("'startIndex' must be an integer", badIndex.json().get("detail").asText());
    }

    @Test
    void anImportThatMeetsChangesBetweenItsPagesSeesEveryRemainingPersonOnceAndTotalsFollowScimWrites(
            RunningKeycloak keycloak) {
        String realm = keycloak.createRealm("paging-live");
        ScimClient scim = keycloak.scim(keycloak.createConnector(realm, "okta"));
        List<String> ids = new ArrayList<>();
        for (String person : List.of("p1@live.test", "p2@live.test", "p3@live.test", "p4@live.test", "p5@live.test",
                "p6@live.test")) {
            ids.add(created(scim, person));
        }
        JsonNode first = scim.get("/Users?startIndex=1&count=2").json();
        assertEquals(List.of("p1@live.test", "p2@live.test"), names(first));
        assertEquals(6, first.get("totalResults").asInt());

        // Someone sorting before the page already read: by offset, page 2 would repeat p2.
        created(scim, "p0@live.test");
        JsonNode second = scim.get("/Users?startIndex=3&count=2").json();
        assertEquals(List.of("p3@live.test", "p4@live.test"), names(second));
        assertEquals(7, second.get("totalResults").asInt(), "the total counts the user created between the pages");

        assertEquals(204, scim.delete("/Users/" + ids.get(4)).status());
        JsonNode third = scim.get("/Users?startIndex=5&count=2").json();
        assertEquals(List.of("p6@live.test"), names(third));
        assertEquals(6, third.get("totalResults").asInt(), "the total leaves out the user deleted between the pages");

        // A fresh walk by offsets sees the same six people.
        List<String> again = new ArrayList<>();
        for (int startIndex = 1; startIndex <= 7; startIndex += 3) {
            again.addAll(names(scim.get("/Users?startIndex=" + startIndex + "&count=3").json()));
        }
        assertEquals(List.of("p0@live.test", "p1@live.test", "p2@live.test", "p3@live.test", "p4@live.test",
                "p6@live.test"), again);
        assertEquals(6, scim.get("/Users?count=0").json().get("totalResults").asInt());
    }

    @Test
    void aJumpToAFarPageOfALargeDirectoryShowsThePeopleAtThatPosition(RunningKeycloak keycloak) {
        AdminApi admin = keycloak.admin();
        String realm = keycloak.createRealm("paging-far");
        // A service account sorting before everyone: the pages step over it wherever they start.
        serviceAccountClient(admin, realm, "m-worker");
        List<String> people = new ArrayList<>();
        for (int i = 0; i < 3_000; i++) {
            people.add(String.format("u%04d@far.test", i));
        }
        for (int from = 0; from < people.size(); from += 500) {
            StringBuilder users = new StringBuilder();
            for (String person : people.subList(from, from + 500)) {
                users.append(users.isEmpty() ? "" : ",").append("{\"username\":\"").append(person)
                        .append("\",\"enabled\":true}");
            }
            admin.expect(200, admin.post("/admin/realms/" + realm + "/partialImport",
                    "{\"ifResourceExists\":\"SKIP\",\"users\":[" + users + "]}"));
        }
        ScimClient scim = keycloak.scim(keycloak.createConnector(realm, "okta"));
        // Past 2,000 a page starts from the nearest of every 1,000th userName instead of stepping over all before it.
        for (int startIndex : List.of(2_001, 2_999, 2_500, 1_999, 2_996, 3_000)) {
            JsonNode page = scim.get("/Users?startIndex=" + startIndex + "&count=5").json();
            assertEquals(people.subList(startIndex - 1, Math.min(startIndex + 4, people.size())), names(page),
                    "startIndex=" + startIndex);
            assertEquals(people.size(), page.get("totalResults").asInt());
        }
        assertEquals(0, scim.get("/Users?startIndex=3001&count=5").json().get("Resources").size());
    }

    /** A confidential client with a service account: its user is service-account-{@code clientId}. */
    private static void serviceAccountClient(AdminApi admin, String realm, String clientId) {
        admin.expect(201, admin.post("/admin/realms/" + realm + "/clients", "{\"clientId\":\"" + clientId
                + "\",\"publicClient\":false,\"serviceAccountsEnabled\":true}"));
    }

    private static String created(ScimClient scim, String userName) {
        var response = scim.post("/Users", "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],"
                + "\"userName\":\"" + userName + "\"}");
        assertEquals(201, response.status(), response.response().body());
        return response.json().get("id").asText();
    }

    private static List<String> names(JsonNode page) {
        List<String> names = new ArrayList<>();
        page.get("Resources").forEach(user -> names.add(user.get("userName").asText()));
        return names;
    }

    private static List<String> walk(ScimClient scim, int count, String sort) {
        List<String> seen = new ArrayList<>();
        for (int startIndex = 1; startIndex <= PEOPLE.size() + 1; startIndex += count) {
            JsonNode page = scim.get("/Users?startIndex=" + startIndex + "&count=" + count + sort).json();
            assertEquals(PEOPLE.size(), page.get("totalResults").asInt(), "totalResults at " + startIndex);
            page.get("Resources").forEach(user -> seen.add(user.get("userName").asText()));
        }
        return seen;
    }
}
