package dev.enterpriseconnect.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.enterpriseconnect.it.RunningKeycloak.Connector;
import dev.enterpriseconnect.it.ScimClient.Result;

/**
 * What a SCIM certification run (RFC 7643/7644 conformance suites, Okta's and Entra's validators)
 * asks of the server, one test per finding of issue 13: the exact request, its status, its
 * {@code scimType}, the SCIM error body and content type, and a read-back where a write failed.
 */
@ExtendWith(KeycloakServer.class)
class ScimCertificationIT {

    private static final String USER = "urn:ietf:params:scim:schemas:core:2.0:User";
    private static final String GROUP = "urn:ietf:params:scim:schemas:core:2.0:Group";
    private static final String ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
    private static final String PATCH = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
    private static final String ERROR = "urn:ietf:params:scim:api:messages:2.0:Error";
    private static final String LIST = "urn:ietf:params:scim:api:messages:2.0:ListResponse";
    private static final String SEARCH = "urn:ietf:params:scim:api:messages:2.0:SearchRequest";
    private static final String SCIM_JSON = "application/scim+json";

    private static RunningKeycloak keycloak;
    private static String realm;
    private static ScimClient scim;

    @BeforeAll
    static void connector(RunningKeycloak server) {
        keycloak = server;
        realm = server.createRealm("certification");
        Connector okta = server.createConnector(realm, "okta");
        scim = server.scim(okta);
    }

    private static JsonNode user(String userName) {
        Result created = scim.post("/Users", "{\"schemas\":[\"" + USER + "\",\"" + ENTERPRISE + "\"],\"userName\":\""
                + userName + "\",\"name\":{\"givenName\":\"Cert\",\"familyName\":\"Ified\"},\"title\":\"Tester\","
                + "\"emails\":[{\"value\":\"" + userName + "\",\"type\":\"work\",\"primary\":true}],\"active\":true,"
                + "\"" + ENTERPRISE + "\":{\"department\":\"QA\"}}");
        assertEquals(201, created.status(), created.response().body());
        return created.json();
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

    private static String patchOps(String operations) {
        return "{\"schemas\":[\"" + PATCH + "\"],\"Operations\":[" + operations + "]}";
    }

    private static String filter(String filter) {
        return "filter=" + URLEncoder.encode(filter, StandardCharsets.UTF_8);
    }

    /** The RFC 7644 §3.12 error: its status, scimType (or none), schema, and application/scim+json. */
    private static void assertScimError(Result result, int status, String scimType) {
        assertEquals(status, result.status(), result.response().body());
        assertTrue(result.header("Content-Type").startsWith(SCIM_JSON), result.header("Content-Type"));
        JsonNode body = result.json();
        assertEquals(ERROR, body.at("/schemas/0").asText(), result.response().body());
        assertEquals(String.valueOf(status), body.get("status").asText());
        assertTrue(body.get("status").isTextual(), "status is a string");
        if (scimType == null) {
            assertFalse(body.has("scimType"), result.response().body());
        } else {
            assertEquals(scimType, body.path("scimType").asText(), result.response().body());
        }
        assertFalse(body.path("detail").asText().isBlank());
    }

    private static Set<String> memberIds(JsonNode group) {
        Set<String> ids = new TreeSet<>();
        group.path("members").forEach(m -> ids.add(m.get("value").asText()));
        return ids;
    }

    // --- 1: attributes / excludedAttributes without meta still carry the ETag

    @Test
    void finding1_aProjectionWithoutMetaAnswers200WithTheEtag() {
        JsonNode created = user("projection@cert.test");
        String id = created.get("id").asText();
        String version = created.at("/meta/version").asText();

        for (String query : List.of("attributes=userName", "excludedAttributes=meta")) {
            Result read = scim.get("/Users/" + id + "?" + query);
            assertEquals(200, read.status(), query + ": " + read.response().body());
            assertEquals(version, read.header("ETag"), query);
            assertFalse(read.json().has("meta"), query);
            assertEquals(id, read.json().get("id").asText());
        }
        assertEquals("projection@cert.test", scim.get("/Users/" + id + "?attributes=userName").json()
                .get("userName").asText());

        JsonNode group = group("Projected", id);
        String groupId = group.get("id").asText();
        for (String query : List.of("attributes=displayName", "excludedAttributes=meta")) {
            Result read = scim.get("/Groups/" + groupId + "?" + query);
            assertEquals(200, read.status(), query + ": " + read.response().body());
            assertEquals(group.at("/meta/version").asText(), read.header("ETag"), query);
            assertFalse(read.json().has("meta"), query);
        }
    }

    // --- 3: PUT answers the whole group; PATCH answers 204, or 200 with the representation asked for

    @Test
    void finding3_putAnswersTheWholeGroupAndPatchAnswers204() {
        String ann = user("ann@groups.cert.test").get("id").asText();
        String bob = user("bob@groups.cert.test").get("id").asText();
        JsonNode created = group("Certified", ann);
        String id = created.get("id").asText();

        Result put = scim.put("/Groups/" + id, "{\"schemas\":[\"" + GROUP + "\"],\"displayName\":\"Certified\","
                + "\"members\":[{\"value\":\"" + ann + "\"},{\"value\":\"" + bob + "\"}]}");
        assertEquals(200, put.status(), put.response().body());
        assertEquals(Set.of(ann, bob), memberIds(put.json()), "PUT answers with members (returned: default)");
        assertEquals("Certified", put.json().get("displayName").asText());
        assertEquals(put.json().at("/meta/version").asText(), put.header("ETag"));

        Result patch = scim.patch("/Groups/" + id, patchOps("{\"op\":\"remove\",\"path\":\"members[value eq \\\""
                + bob + "\\\"]\"}"));
        assertEquals(204, patch.status(), patch.response().body());
        assertEquals("", patch.response().body());
        JsonNode after = scim.get("/Groups/" + id).json();
        assertEquals(Set.of(ann), memberIds(after));
        assertEquals(after.at("/meta/version").asText(), patch.header("ETag"), "204 still carries the new version");

        Result asked = scim.patch("/Groups/" + id + "?attributes=members", patchOps("{\"op\":\"add\",\"path\":"
                + "\"members\",\"value\":[{\"value\":\"" + bob + "\"}]}"));
        assertEquals(200, asked.status(), asked.response().body());
        assertEquals(Set.of(ann, bob), memberIds(asked.json()));
        assertFalse(asked.json().has("displayName"), "only what attributes asked for");

        Result excluded = scim.patch("/Groups/" + id + "?excludedAttributes=members", patchOps("{\"op\":\"replace\","
                + "\"path\":\"displayName\",\"value\":\"Certified Again\"}"));
        assertEquals(200, excluded.status(), excluded.response().body());
        assertEquals("Certified Again", excluded.json().get("displayName").asText());
        assertFalse(excluded.json().has("members"));
    }

    // --- 5: every error is a SCIM error

    @Test
    void finding5_anUnknownEndpointIs404AsAScimError() {
        assertScimError(scim.get("/" + UUID.randomUUID()), 404, null);
        assertScimError(scim.post("/" + UUID.randomUUID(), "{}"), 404, null);
        assertScimError(scim.get("/Widgets/123/parts"), 404, null);
        assertScimError(scim.get("/Users/" + UUID.randomUUID() + "/extra"), 404, null);
        assertScimError(scim.get(""), 404, null);
    }

    @Test
    void finding5_aWrongMethodOnAKnownEndpointIs405WithAllow() {
        for (String endpoint : List.of("/Schemas", "/ResourceTypes", "/ServiceProviderConfig")) {
            Result post = scim.post(endpoint, "{}");
            assertScimError(post, 405, null);
            assertEquals("GET", post.header("Allow"), endpoint);
        }
        Result schema = scim.send("DELETE", "/Schemas/" + USER, null, null);
        assertScimError(schema, 405, null);
        assertEquals("GET", schema.header("Allow"));

        Result deleteUsers = scim.delete("/Users");
        assertScimError(deleteUsers, 405, null);
        assertEquals("GET, POST", deleteUsers.header("Allow"));

        String id = user("method@cert.test").get("id").asText();
        Result postToUser = scim.post("/Users/" + id, "{}");
        assertScimError(postToUser, 405, null);
        assertEquals("GET, PUT, PATCH, DELETE", postToUser.header("Allow"));
        assertEquals(200, scim.get("/Users/" + id).status(), "nothing happened to the user");

        Result getBulk = scim.get("/Bulk");
        assertScimError(getBulk, 405, null);
        assertEquals("POST", getBulk.header("Allow"));

        Result getSearch = scim.get("/.search");
        assertScimError(getSearch, 405, null);
        assertEquals("POST", getSearch.header("Allow"));
    }

    @Test
    void finding5_meIs501() {
        assertScimError(scim.get("/Me"), 501, null);
        assertScimError(scim.post("/Me", "{\"schemas\":[\"" + USER + "\"],\"userName\":\"me@cert.test\"}"), 501, null);
        assertScimError(scim.send("PATCH", "/Me", SCIM_JSON, patchOps("{\"op\":\"replace\",\"path\":\"title\","
                + "\"value\":\"x\"}")), 501, null);
        assertEquals(0, scim.get("/Users?" + filter("userName eq \"me@cert.test\"")).json().get("totalResults").asInt());
    }

    @Test
    void finding5_aBodyThatIsNotJsonIs415AndChangesNothing() {
        JsonNode created = user("media@cert.test");
        String id = created.get("id").asText();

        Result create = scim.send("POST", "/Users", "text/plain", "{\"schemas\":[\"" + USER + "\"],"
                + "\"userName\":\"plain@cert.test\"}");
        assertScimError(create, 415, null);
        assertEquals(0, scim.get("/Users?" + filter("userName eq \"plain@cert.test\"")).json().get("totalResults").asInt());

        Result patch = scim.send("PATCH", "/Users/" + id, "text/plain", patchOps("{\"op\":\"replace\",\"path\":"
                + "\"title\",\"value\":\"Changed\"}"));
        assertScimError(patch, 415, null);
        Result put = scim.send("PUT", "/Groups/" + UUID.randomUUID(), "application/xml", "<group/>");
        assertScimError(put, 415, null);
        JsonNode after = scim.get("/Users/" + id).json();
        assertEquals("Tester", after.get("title").asText());
        assertEquals(created.at("/meta/version").asText(), after.at("/meta/version").asText());

        Result json = scim.send("PATCH", "/Users/" + id, "application/json; charset=utf-8", patchOps(
                "{\"op\":\"replace\",\"path\":\"title\",\"value\":\"Plain JSON\"}"));
        assertEquals(200, json.status(), "application/json is accepted: " + json.response().body());
    }

    // --- 6: PATCH remove on a path that cannot resolve

    @Test
    void finding6_removeOnAnUnknownAttributeIsInvalidPathAndChangesNothing() {
        JsonNode created = user("remove@cert.test");
        String id = created.get("id").asText();
        String version = created.at("/meta/version").asText();

        for (String path : List.of("fooBar", ENTERPRISE, "urn:example:unknown:2.0:User:x", "fooBar[type eq \\\"work\\\"]",
                USER + ":fooBar")) {
            Result remove = scim.patch("/Users/" + id, patchOps("{\"op\":\"remove\",\"path\":\"title\"},"
                    + "{\"op\":\"remove\",\"path\":\"" + path + "\"}"));
            assertScimError(remove, 400, "invalidPath");
        }
        Result add = scim.patch("/Users/" + id, patchOps("{\"op\":\"add\",\"path\":\"fooBar\",\"value\":\"x\"}"));
        assertScimError(add, 400, "invalidPath");
        Result replace = scim.patch("/Users/" + id, patchOps("{\"op\":\"replace\",\"path\":\"fooBar\",\"value\":\"x\"}"));
        assertScimError(replace, 400, "invalidPath");

        JsonNode after = scim.get("/Users/" + id).json();
        assertEquals("Tester", after.get("title").asText(), "the remove of title before it was rolled back");
        assertEquals(version, after.at("/meta/version").asText());

        String groupId = group("Remove Paths", id).get("id").asText();
        Result groupRemove = scim.patch("/Groups/" + groupId, patchOps("{\"op\":\"remove\",\"path\":\"fooBar\"}"));
        assertScimError(groupRemove, 400, "invalidPath");
        JsonNode groupAfter = scim.get("/Groups/" + groupId).json();
        assertEquals("Remove Paths", groupAfter.get("displayName").asText());
        assertEquals(Set.of(id), memberIds(groupAfter));
    }

    /**
     * RFC 7644 §3.5.2.2 (remove) answers noTarget only when there is no path; a value filter that
     * selects nothing leaves nothing to remove (§3.5.2.3's noTarget is for replace). Entra removes
     * values that may already be gone, so this stays a success, and a known attribute without a
     * value is removed without error.
     */
    @Test
    void finding6_removeOfWhatIsAlreadyGoneIsASuccessAndRemoveWithoutPathIsNoTarget() {
        String id = user("gone@cert.test").get("id").asText();

        Result noPath = scim.patch("/Users/" + id, patchOps("{\"op\":\"remove\"}"));
        assertScimError(noPath, 400, "noTarget");

        Result unmatched = scim.patch("/Users/" + id, patchOps("{\"op\":\"remove\",\"path\":\"emails[type eq \\\"home\\\"]\"}"));
        assertEquals(200, unmatched.status(), unmatched.response().body());
        Result unset = scim.patch("/Users/" + id, patchOps("{\"op\":\"remove\",\"path\":\"nickName\"}"));
        assertEquals(200, unset.status(), unset.response().body());
        assertEquals("gone@cert.test", scim.get("/Users/" + id).json().at("/emails/0/value").asText());
    }

    // --- 9: root /.search

    @Test
    void finding9_rootSearchFindsUsersAndGroupsTogether() {
        String dot = user("dot.search@cert.test").get("id").asText();
        String groupId = group("dot.search team", dot).get("id").asText();

        Result both = scim.post("/.search", "{\"schemas\":[\"" + SEARCH + "\"],\"startIndex\":1,\"count\":1000}");
        assertEquals(200, both.status(), both.response().body());
        assertTrue(both.header("Content-Type").startsWith(SCIM_JSON));
        assertEquals(LIST, both.json().at("/schemas/0").asText());
        List<String> types = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        both.json().get("Resources").forEach(r -> {
            types.add(r.at("/meta/resourceType").asText());
            ids.add(r.get("id").asText());
        });
        assertTrue(ids.contains(dot) && ids.contains(groupId), both.response().body());
        assertTrue(types.indexOf("Group") > types.lastIndexOf("User"), "Users first, then Groups");
        assertEquals(ids.size(), both.json().get("totalResults").asInt());

        // A filter on an attribute only Users have matches no Group, and the other way round.
        Result users = scim.post("/.search", "{\"schemas\":[\"" + SEARCH + "\"],\"filter\":"
                + "\"userName eq \\\"dot.search@cert.test\\\"\"}");
        assertEquals(200, users.status(), users.response().body());
        assertEquals(1, users.json().get("totalResults").asInt());
        assertEquals(dot, users.json().at("/Resources/0/id").asText());
        Result groups = scim.post("/.search", "{\"schemas\":[\"" + SEARCH + "\"],\"filter\":"
                + "\"displayName eq \\\"dot.search team\\\"\",\"attributes\":[\"displayName\"]}");
        assertEquals(200, groups.status(), groups.response().body());
        assertEquals(1, groups.json().get("totalResults").asInt(), groups.response().body());
        assertEquals(groupId, groups.json().at("/Resources/0/id").asText());

        // Paged across both types: the page after the last user starts with the groups.
        int total = both.json().get("totalResults").asInt();
        int userCount = types.lastIndexOf("User") + 1;
        Result second = scim.post("/.search", "{\"schemas\":[\"" + SEARCH + "\"],\"startIndex\":" + (userCount + 1)
                + ",\"count\":1}");
        assertEquals(total, second.json().get("totalResults").asInt());
        assertEquals("Group", second.json().at("/Resources/0/meta/resourceType").asText(), second.response().body());
        assertEquals(1, second.json().get("itemsPerPage").asInt());

        // A filter no type can evaluate is refused.
        Result bad = scim.post("/.search", "{\"schemas\":[\"" + SEARCH + "\"],\"filter\":\"nosuch eq \\\"x\\\"\"}");
        assertScimError(bad, 400, "invalidFilter");
        Result syntax = scim.post("/.search", "{\"schemas\":[\"" + SEARCH + "\"],\"filter\":\"userName eq\"}");
        assertScimError(syntax, 400, "invalidFilter");
    }

    @Test
    void finding9_rootSearchKeepsToTheConnectorsScope() {
        Connector other = keycloak.createConnector(realm, "other");
        ScimClient otherScim = keycloak.scim(other);
        String mine = user("scope.mine@cert.test").get("id").asText();
        String myGroup = group("scope mine", mine).get("id").asText();

        Result seen = otherScim.post("/.search", "{\"schemas\":[\"" + SEARCH + "\"],\"count\":1000}");
        assertEquals(200, seen.status(), seen.response().body());
        List<String> ids = new ArrayList<>();
        seen.json().get("Resources").forEach(r -> ids.add(r.get("id").asText()));
        assertFalse(ids.contains(myGroup), "another connector's pushed group is not in its root search");
    }

    // --- Entra: a filter that matches nothing answers 200 with an empty list

    @Test
    void entra_aFilterThatMatchesNothingIs200WithAnEmptyList() {
        for (String query : List.of("/Users?" + filter("userName eq \"nobody-" + UUID.randomUUID() + "@cert.test\""),
                "/Users?" + filter("externalId eq \"" + UUID.randomUUID() + "\""),
                "/Groups?" + filter("displayName eq \"nothing " + UUID.randomUUID() + "\""),
                "/Groups?" + filter("externalId eq \"" + UUID.randomUUID() + "\"") + "&excludedAttributes=members")) {
            Result page = scim.get(query);
            assertEquals(200, page.status(), query + ": " + page.response().body());
            assertTrue(page.header("Content-Type").startsWith(SCIM_JSON));
            assertEquals(LIST, page.json().at("/schemas/0").asText());
            assertEquals(0, page.json().get("totalResults").asInt(), query);
            assertNotNull(page.json().get("Resources"), query);
            assertEquals(0, page.json().get("Resources").size(), query);
        }
    }
}
