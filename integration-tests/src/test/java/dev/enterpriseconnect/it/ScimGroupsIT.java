package dev.enterpriseconnect.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.enterpriseconnect.it.ScimClient.Result;

/** /Groups as Okta group push and Entra group sync drive it. */
@ExtendWith(KeycloakServer.class)
class ScimGroupsIT {

    private static final String GROUP = "urn:ietf:params:scim:schemas:core:2.0:Group";
    private static final String PATCH = "urn:ietf:params:scim:api:messages:2.0:PatchOp";

    private static RunningKeycloak keycloak;
    private static String realm;
    private static ScimClient scim;

    @BeforeAll
    static void connector(RunningKeycloak server) {
        keycloak = server;
        realm = server.createRealm("groups");
        scim = server.scim(server.createConnector(realm, "okta"));
    }

    private static String user(String userName) {
        Result created = scim.post("/Users", "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],"
                + "\"userName\":\"" + userName + "\"}");
        assertEquals(201, created.status(), created.response().body());
        return created.json().get("id").asText();
    }

    private static JsonNode group(String displayName, String... memberIds) {
        StringBuilder members = new StringBuilder();
        for (String id : memberIds) {
            members.append(members.length() == 0 ? "" : ",").append("{\"value\":\"").append(id).append("\"}");
        }
        Result created = scim.post("/Groups", "{\"schemas\":[\"" + GROUP + "\"],\"displayName\":\"" + displayName
                + "\",\"members\":[" + members + "]}");
        assertEquals(201, created.status(), created.response().body());
        return created.json();
    }

    private static Set<String> memberIds(String groupId) {
        Set<String> ids = new TreeSet<>();
        scim.get("/Groups/" + groupId).json().path("members").forEach(m -> ids.add(m.get("value").asText()));
        return ids;
    }

    private static String filter(String filter) {
        return "filter=" + URLEncoder.encode(filter, StandardCharsets.UTF_8);
    }

    @Test
    void oktaPushesAGroupWithMembersAndManagesThem() {
        String ann = user("ann@push.test");
        String bob = user("bob@push.test");
        String cat = user("cat@push.test");
        JsonNode created = group("Engineering", ann, bob);
        String id = created.get("id").asText();
        assertEquals(2, created.get("members").size());
        assertEquals(Set.of(ann, bob), memberIds(id));

        Result added = scim.patch("/Groups/" + id, "{\"schemas\":[\"" + PATCH + "\"],\"Operations\":[{\"op\":\"add\","
                + "\"path\":\"members\",\"value\":[{\"value\":\"" + cat + "\",\"display\":\"cat@push.test\"}]}]}");
        assertEquals(204, added.status(), added.response().body());
        assertEquals(Set.of(ann, bob, cat), memberIds(id));

        Result removed = scim.patch("/Groups/" + id, "{\"schemas\":[\"" + PATCH + "\"],\"Operations\":[{\"op\":\"remove\","
                + "\"path\":\"members[value eq \\\"" + ann + "\\\"]\"}]}");
        assertEquals(204, removed.status(), removed.response().body());
        assertEquals(Set.of(bob, cat), memberIds(id));

        Result renamed = scim.patch("/Groups/" + id, "{\"schemas\":[\"" + PATCH + "\"],\"Operations\":[{\"op\":\"replace\","
                + "\"value\":{\"id\":\"" + id + "\",\"displayName\":\"Platform Engineering\"}}]}");
        assertEquals(204, renamed.status(), renamed.response().body());
        assertEquals("Platform Engineering", scim.get("/Groups/" + id).json().get("displayName").asText());

        JsonNode bobUser = scim.get("/Users/" + bob).json();
        assertEquals("Platform Engineering", bobUser.at("/groups/0/display").asText());
        assertEquals(id, bobUser.at("/groups/0/value").asText());
    }

    @Test
    void entraSyncsInItsOwnDialect() {
        String dan = user("dan@entra.test");
        String eve = user("eve@entra.test");
        String id = group("Sales").get("id").asText();

        Result added = scim.patch("/Groups/" + id, "{\"schemas\":[\"" + PATCH + "\"],\"Operations\":[{\"op\":\"Add\","
                + "\"path\":\"members\",\"value\":[{\"value\":\"" + dan + "\"},{\"value\":\"" + eve + "\"}]},"
                + "{\"op\":\"Replace\",\"path\":\"externalId\",\"value\":\"entra-sales\"}]}");
        assertEquals(204, added.status(), added.response().body());
        assertEquals(Set.of(dan, eve), memberIds(id));

        Result removed = scim.patch("/Groups/" + id, "{\"schemas\":[\"" + PATCH + "\"],\"Operations\":[{\"op\":\"Remove\","
                + "\"path\":\"members\",\"value\":[{\"value\":\"" + dan + "\"}]}]}");
        assertEquals(204, removed.status(), removed.response().body());
        assertEquals(Set.of(eve), memberIds(id));

        Result byExternalId = scim.get("/Groups?" + filter("externalId eq \"entra-sales\"") + "&excludedAttributes=members");
        assertEquals(1, byExternalId.json().get("totalResults").asInt());
        assertEquals("Sales", byExternalId.json().at("/Resources/0/displayName").asText());
        assertFalse(byExternalId.json().at("/Resources/0").has("members"));
    }

    @Test
    void groupsAreFoundByNameAndByMemberInTheDatabase() {
        String fay = user("fay@find.test");
        String id = group("Finance", fay).get("id").asText();
        group("Facilities");

        Result byName = scim.get("/Groups?" + filter("displayName eq \"finance\""));
        assertEquals(1, byName.json().get("totalResults").asInt());
        assertEquals(id, byName.json().at("/Resources/0/id").asText());

        Result byMember = scim.get("/Groups?" + filter("members[value eq \"" + fay + "\"]") + "&excludedAttributes=members");
        assertEquals(1, byMember.json().get("totalResults").asInt());
        assertEquals(id, byMember.json().at("/Resources/0/id").asText());

        JsonNode only = scim.get("/Groups/" + id + "?excludedAttributes=members").json();
        assertFalse(only.has("members"));
        assertEquals("Finance", only.get("displayName").asText());
    }

    @Test
    void pushedGroupsLiveUnderTheConnectorsParentGroup() {
        String id = group("Support").get("id").asText();

        JsonNode inKeycloak = keycloak.admin().expect(200, keycloak.admin().get("/admin/realms/" + realm + "/groups/" + id));
        assertEquals("/scim-okta/Support", inKeycloak.get("path").asText());
    }

    @Test
    void anUnknownMemberIsRejectedAndChangesNothing() {
        String gus = user("gus@bad.test");
        String id = group("Legal", gus).get("id").asText();

        Result bad = scim.patch("/Groups/" + id, "{\"schemas\":[\"" + PATCH + "\"],\"Operations\":["
                + "{\"op\":\"replace\",\"path\":\"displayName\",\"value\":\"Legal Renamed\"},"
                + "{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\"no-such-user\"}]}]}");

        assertEquals(400, bad.status());
        assertEquals("invalidValue", bad.json().get("scimType").asText());
        assertEquals("No such user: no-such-user", bad.json().get("detail").asText());
        JsonNode after = scim.get("/Groups/" + id).json();
        assertEquals("Legal", after.get("displayName").asText());
        assertEquals(Set.of(gus), memberIds(id));
    }

    @Test
    void displayNamesAreUniqueAmongPushedGroups() {
        group("Marketing");

        Result again = scim.post("/Groups", "{\"schemas\":[\"" + GROUP + "\"],\"displayName\":\"Marketing\"}");
        assertEquals(409, again.status());
        assertEquals("uniqueness", again.json().get("scimType").asText());
    }

    @Test
    void putReplacesTheMemberList() {
        String hal = user("hal@put.test");
        String ida = user("ida@put.test");
        String id = group("Ops", hal).get("id").asText();

        Result replaced = scim.put("/Groups/" + id, "{\"schemas\":[\"" + GROUP + "\"],\"displayName\":\"Operations\","
                + "\"members\":[{\"value\":\"" + ida + "\"}]}");

        assertEquals(200, replaced.status(), replaced.response().body());
        assertEquals(Set.of(ida), memberIds(id));
        assertEquals("Operations", scim.get("/Groups/" + id).json().get("displayName").asText());
    }

    @Test
    void parallelPatchesLoseNoMember() throws Exception {
        String id = group("Parallel").get("id").asText();
        List<String> users = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            users.add(user("p" + i + "@parallel.test"));
        }
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<Result>> results = new ArrayList<>();
            for (String userId : users) {
                results.add(pool.submit(() -> scim.patch("/Groups/" + id, "{\"schemas\":[\"" + PATCH + "\"],"
                        + "\"Operations\":[{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\"" + userId
                        + "\"}]}]}")));
            }
            for (Future<Result> result : results) {
                assertEquals(204, result.get().status(), result.get().response().body());
            }
        } finally {
            pool.shutdown();
        }
        assertEquals(new TreeSet<>(users), memberIds(id));
    }

    @Test
    void deleteRemovesTheGroupButNotItsMembers() {
        String jo = user("jo@delete.test");
        String id = group("Temporary", jo).get("id").asText();

        assertEquals(204, scim.delete("/Groups/" + id).status());
        assertEquals(404, scim.get("/Groups/" + id).status());
        Result member = scim.get("/Users/" + jo);
        assertEquals(200, member.status());
        assertTrue(member.json().path("groups").isMissingNode());
    }
}
