package dev.enterpriseconnect.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.enterpriseconnect.it.RunningKeycloak.Connector;
import dev.enterpriseconnect.it.ScimClient.Result;

/** The /Users protocol as Okta and Entra drive it: lists, filters, pages, PUT, PATCH, ETags, DELETE. */
@ExtendWith(KeycloakServer.class)
class ScimUsersProtocolIT {

    private static final String USER = "urn:ietf:params:scim:schemas:core:2.0:User";
    private static final String ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

    private static RunningKeycloak keycloak;
    private static String realm;
    private static ScimClient scim;

    @BeforeAll
    static void connector(RunningKeycloak server) {
        keycloak = server;
        realm = server.createRealm("protocol");
        keycloak.admin().expect(204, keycloak.admin().put("/admin/realms/" + realm,
                "{\"adminEventsEnabled\":true,\"adminEventsDetailsEnabled\":true,\"editUsernameAllowed\":true}"));
        Connector okta = server.createConnector(realm, "okta");
        scim = server.scim(okta);
    }

    private static String user(String userName, String extra) {
        return "{\"schemas\":[\"" + USER + "\",\"" + ENTERPRISE + "\"],\"userName\":\"" + userName + "\","
                + "\"name\":{\"givenName\":\"Given\",\"familyName\":\"Family\"},"
                + "\"emails\":[{\"value\":\"" + userName + "\",\"type\":\"work\",\"primary\":true}],\"active\":true"
                + extra + "}";
    }

    private static JsonNode create(String userName, String extra) {
        Result created = scim.post("/Users", user(userName, extra));
        assertEquals(201, created.status(), created.response().body());
        return created.json();
    }

    private static Result list(String query) {
        return scim.get("/Users?" + query);
    }

    private static String filter(String filter) {
        return "filter=" + URLEncoder.encode(filter, StandardCharsets.UTF_8);
    }

    private static List<String> userNames(Result page) {
        List<String> names = new ArrayList<>();
        page.json().get("Resources").forEach(r -> names.add(r.get("userName").asText()));
        return names;
    }

    @Test
    void oktaLooksUpAUserByUserNameIgnoringCase() {
        create("lookup.one@acme.test", "");

        Result page = list(filter("userName eq \"Lookup.One@ACME.test\"") + "&startIndex=1&count=100");

        assertEquals(200, page.status(), page.response().body());
        assertEquals("urn:ietf:params:scim:api:messages:2.0:ListResponse", page.json().at("/schemas/0").asText());
        assertEquals(1, page.json().get("totalResults").asInt());
        assertEquals(List.of("lookup.one@acme.test"), userNames(page));
        assertEquals(0, list(filter("userName eq \"lookup.nobody@acme.test\"")).json().get("totalResults").asInt());

        // A user with SCIM attributes (the userName's case as sent, an externalId) reads back whole from a lookup.
        create("Lookup.Two@acme.test", ",\"externalId\":\"okta-00u2\"");
        JsonNode two = list(filter("userName eq \"lookup.two@acme.test\"")).json().at("/Resources/0");
        assertEquals("Lookup.Two@acme.test", two.path("userName").asText(), two.toString());
        assertEquals("okta-00u2", two.path("externalId").asText(), two.toString());
        assertEquals("okta-00u2", list(filter("id eq \"" + two.path("id").asText() + "\"")).json()
                .at("/Resources/0/externalId").asText());
    }

    @Test
    void entraLooksUpByExternalIdAndWorkEmail() {
        create("entra.lookup@acme.test", ",\"externalId\":\"0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef\"");

        assertEquals(List.of("entra.lookup@acme.test"),
                userNames(list(filter("externalId eq \"0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef\""))));
        assertEquals(List.of(), userNames(list(filter("externalId eq \"0A21F0F2-8D2A-4F8E-BF98-7363C4AED4EF\""))),
                "externalId is case-exact");
        assertEquals(List.of("entra.lookup@acme.test"),
                userNames(list(filter("emails[type eq \"work\"].value eq \"entra.lookup@acme.test\""))));
    }

    @Test
    void filtersCombineAndPagesAreCountedAndSortedInTheDatabase() {
        for (String n : List.of("b", "d", "a", "e", "c")) {
            create("page." + n + "@paging.test", ",\"title\":\"" + (n.equals("c") ? "Boss" : "Staff") + "\"");
        }
        String onlyPaging = filter("userName sw \"page.\" and emails.value ew \"@paging.test\"");

        Result second = list(onlyPaging + "&startIndex=3&count=2&sortBy=userName");
        assertEquals(5, second.json().get("totalResults").asInt());
        assertEquals(3, second.json().get("startIndex").asInt());
        assertEquals(2, second.json().get("itemsPerPage").asInt());
        assertEquals(List.of("page.c@paging.test", "page.d@paging.test"), userNames(second));

        Result descending = list(onlyPaging + "&sortBy=userName&sortOrder=descending&count=2");
        assertEquals(List.of("page.e@paging.test", "page.d@paging.test"), userNames(descending));
        assertEquals(5, descending.json().get("totalResults").asInt());

        assertEquals(List.of("page.c@paging.test"),
                userNames(list(filter("title eq \"boss\" and userName co \"@paging\""))));
        assertEquals(4, list(filter("userName co \"@paging.test\" and not (title eq \"Boss\")"))
                .json().get("totalResults").asInt());
        assertEquals(2, list(filter("userName eq \"page.a@paging.test\" or userName eq \"page.b@paging.test\""))
                .json().get("totalResults").asInt());
        assertEquals(5, list(filter("userName co \"@paging.test\" and title pr") + "&count=0")
                .json().get("totalResults").asInt());
        assertEquals(5, list(filter("userName co \"@paging.test\" and meta.created gt \"2000-01-01T00:00:00Z\""))
                .json().get("totalResults").asInt());
    }

    @Test
    void aBadFilterIsAnInvalidFilterError() {
        Result bad = list(filter("userName equals \"x\""));

        assertEquals(400, bad.status());
        assertEquals("invalidFilter", bad.json().get("scimType").asText());
        assertEquals("urn:ietf:params:scim:api:messages:2.0:Error", bad.json().at("/schemas/0").asText());

        Result unknown = list(filter("favouriteColour eq \"blue\""));
        assertEquals(400, unknown.status());
        assertEquals("invalidFilter", unknown.json().get("scimType").asText());
        assertEquals("'favouriteColour' is not an attribute of the User schema or its extensions (see /Schemas)",
                unknown.json().get("detail").asText());

        // In the schema, but not a column or a single-valued attribute the database can compare.
        Result unsupported = list(filter("phoneNumbers.value eq \"+1 555\""));
        assertEquals(400, unsupported.status());
        assertEquals("invalidFilter", unsupported.json().get("scimType").asText());
        assertEquals("Filtering on 'phoneNumbers.value' is not supported", unsupported.json().get("detail").asText());
    }

    @Test
    void attributesSelectWhatIsReturned() {
        create("projection@acme.test", "");

        JsonNode only = list(filter("userName eq \"projection@acme.test\"") + "&attributes=userName")
                .json().at("/Resources/0");
        assertTrue(only.has("id") && only.has("userName") && only.has("schemas"));
        assertFalse(only.has("emails") || only.has("name") || only.has("active"), only.toString());

        JsonNode without = list(filter("userName eq \"projection@acme.test\"") + "&excludedAttributes=emails,name")
                .json().at("/Resources/0");
        assertTrue(without.has("userName") && without.has("active"));
        assertFalse(without.has("emails") || without.has("name"), without.toString());
    }

    @Test
    void searchByPostTakesTheSameParameters() {
        create("search.post@acme.test", "");

        Result found = scim.post("/Users/.search", "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:SearchRequest\"],"
                + "\"filter\":\"userName eq \\\"search.post@acme.test\\\"\",\"attributes\":[\"userName\"],\"count\":10}");

        assertEquals(200, found.status(), found.response().body());
        assertEquals(List.of("search.post@acme.test"), userNames(found));
    }

    @Test
    void enterpriseAttributesRoundTrip() {
        JsonNode created = create("enterprise@acme.test", ",\"title\":\"Engineer\",\"userType\":\"Employee\","
                + "\"externalId\":\"ext-1\",\"phoneNumbers\":[{\"value\":\"+1 555 0100\",\"type\":\"work\"}],"
                + "\"" + ENTERPRISE + "\":{\"employeeNumber\":\"701984\",\"costCenter\":\"4130\","
                + "\"organization\":\"Universal Studios\",\"division\":\"Theme Park\",\"department\":\"Tour Operations\","
                + "\"manager\":{\"value\":\"26118915-6090-4610-87e4-49d8ca9f808d\"}}");

        JsonNode read = scim.get("/Users/" + created.get("id").asText()).json();
        assertEquals("Engineer", read.get("title").asText());
        assertEquals("ext-1", read.get("externalId").asText());
        assertEquals("+1 555 0100", read.at("/phoneNumbers/0/value").asText());
        assertEquals("Theme Park", read.at("/" + ENTERPRISE.replace("/", "~1") + "/division").asText());
        assertEquals("26118915-6090-4610-87e4-49d8ca9f808d",
                read.get(ENTERPRISE).at("/manager/value").asText());
        assertTrue(read.get("schemas").toString().contains(ENTERPRISE));
        assertEquals(List.of("enterprise@acme.test"),
                userNames(list(filter(ENTERPRISE + ":division eq \"theme park\""))));
    }

    @Test
    void anUndeclaredAttributeIsRejectedAndStoresNothing() {
        Result bad = scim.post("/Users", user("undeclared@acme.test", ",\"favouriteColour\":\"blue\""));

        assertEquals(400, bad.status());
        assertEquals("invalidSyntax", bad.json().get("scimType").asText());
        assertEquals(0, list(filter("userName eq \"undeclared@acme.test\"")).json().get("totalResults").asInt());
    }

    @Test
    void putReplacesTheWholeUser() {
        JsonNode created = create("put.me@acme.test", ",\"title\":\"Intern\"");
        String id = created.get("id").asText();

        Result replaced = scim.put("/Users/" + id, "{\"schemas\":[\"" + USER + "\"],\"userName\":\"put.me@acme.test\","
                + "\"name\":{\"givenName\":\"New\",\"familyName\":\"Name\"},\"active\":true}");

        assertEquals(200, replaced.status(), replaced.response().body());
        assertEquals("New", replaced.json().at("/name/givenName").asText());
        assertFalse(replaced.json().has("title"), "title cleared by PUT");
        assertFalse(replaced.json().has("emails"), "email cleared by PUT");
        assertEquals(replaced.json(), scim.get("/Users/" + id).json());
    }

    @Test
    void oktaDeactivatesAndRenamesWithPatch() {
        String id = create("okta.patch@acme.test", "").get("id").asText();

        Result deactivated = scim.patch("/Users/" + id, "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],"
                + "\"Operations\":[{\"op\":\"replace\",\"value\":{\"active\":false}}]}");
        assertEquals(200, deactivated.status(), deactivated.response().body());
        assertFalse(deactivated.json().get("active").asBoolean());
        JsonNode inKeycloak = keycloak.admin().expect(200, keycloak.admin().get("/admin/realms/" + realm + "/users/" + id));
        assertFalse(inKeycloak.get("enabled").asBoolean());

        Result renamed = scim.patch("/Users/" + id, "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],"
                + "\"Operations\":[{\"op\":\"replace\",\"value\":{\"userName\":\"okta.renamed@acme.test\","
                + "\"name\":{\"givenName\":\"Re\",\"familyName\":\"Named\"},"
                + "\"emails\":[{\"value\":\"okta.renamed@acme.test\",\"type\":\"work\",\"primary\":true}]}}]}");
        assertEquals(200, renamed.status(), renamed.response().body());
        assertEquals("okta.renamed@acme.test", renamed.json().get("userName").asText());
        assertEquals(id, renamed.json().get("id").asText());
        assertEquals("okta.renamed@acme.test", renamed.json().at("/emails/0/value").asText());
        assertEquals("Re", renamed.json().at("/name/givenName").asText());
    }

    @Test
    void entraPatchesInItsOwnDialect() {
        String id = create("entra.patch@acme.test", "").get("id").asText();

        Result patched = scim.patch("/Users/" + id, "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],"
                + "\"Operations\":["
                + "{\"op\":\"Replace\",\"path\":\"active\",\"value\":\"False\"},"
                + "{\"op\":\"Add\",\"path\":\"emails[type eq \\\"work\\\"].value\",\"value\":\"entra.new@acme.test\"},"
                + "{\"op\":\"Add\",\"path\":\"" + ENTERPRISE + ":manager\",\"value\":\"mgr-42\"},"
                + "{\"op\":\"Replace\",\"path\":\"" + ENTERPRISE + ":department\",\"value\":\"Sales\"},"
                + "{\"op\":\"Add\",\"value\":{\"title\":\"Account Executive\",\"name.familyName\":\"Patched\"}},"
                + "{\"op\":\"Remove\",\"path\":\"" + ENTERPRISE + ":costCenter\"}"
                + "]}");

        assertEquals(200, patched.status(), patched.response().body());
        JsonNode user = patched.json();
        assertFalse(user.get("active").asBoolean());
        assertEquals("entra.new@acme.test", user.at("/emails/0/value").asText());
        assertEquals("mgr-42", user.get(ENTERPRISE).at("/manager/value").asText());
        assertEquals("Sales", user.get(ENTERPRISE).get("department").asText());
        assertEquals("Account Executive", user.get("title").asText());
        assertEquals("Patched", user.at("/name/familyName").asText());
    }

    @Test
    void aPatchWithOneBadOperationChangesNothing() {
        JsonNode created = create("atomic@acme.test", ",\"title\":\"Before\"");
        String id = created.get("id").asText();

        Result bad = scim.patch("/Users/" + id, "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],"
                + "\"Operations\":[{\"op\":\"replace\",\"path\":\"title\",\"value\":\"After\"},"
                + "{\"op\":\"explode\",\"path\":\"title\"}]}");

        assertEquals(400, bad.status());
        assertEquals("invalidSyntax", bad.json().get("scimType").asText());
        assertEquals("Before", scim.get("/Users/" + id).json().get("title").asText());

        Result invalidEmail = scim.patch("/Users/" + id, "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],"
                + "\"Operations\":[{\"op\":\"replace\",\"path\":\"title\",\"value\":\"After\"},"
                + "{\"op\":\"replace\",\"path\":\"emails[type eq \\\"work\\\"].value\",\"value\":\"not an email\"}]}");
        assertEquals(400, invalidEmail.status());
        assertEquals("invalidValue", invalidEmail.json().get("scimType").asText());
        assertEquals("Before", scim.get("/Users/" + id).json().get("title").asText());
    }

    @Test
    void etagsGuardAgainstLostUpdates() {
        String id = create("etag@acme.test", "").get("id").asText();
        Result read = scim.get("/Users/" + id);
        String etag = read.header("ETag");
        assertEquals(read.json().at("/meta/version").asText(), etag);

        assertEquals(304, scim.get("/Users/" + id, "If-None-Match", etag).status());

        Result changed = scim.patch("/Users/" + id, "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],"
                + "\"Operations\":[{\"op\":\"replace\",\"path\":\"title\",\"value\":\"Changed\"}]}", "If-Match", etag);
        assertEquals(200, changed.status(), changed.response().body());
        assertNotEquals(etag, changed.header("ETag"));

        Result stale = scim.put("/Users/" + id, user("etag@acme.test", ""), "If-Match", etag);
        assertEquals(412, stale.status());
        assertEquals("urn:ietf:params:scim:api:messages:2.0:Error", stale.json().at("/schemas/0").asText());
        assertEquals("Changed", scim.get("/Users/" + id).json().get("title").asText());
    }

    @Test
    void parallelCreatesOfOneUserNameMakeExactlyOneUser() throws Exception {
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            List<java.util.concurrent.Future<Result>> results = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                results.add(pool.submit(() -> scim.post("/Users", user("race@acme.test", ""))));
            }
            List<Integer> statuses = new ArrayList<>();
            for (java.util.concurrent.Future<Result> result : results) {
                statuses.add(result.get().status());
            }
            assertEquals(1, statuses.stream().filter(s -> s == 201).count(), statuses.toString());
            assertEquals(7, statuses.stream().filter(s -> s == 409).count(), statuses.toString());
        } finally {
            pool.shutdown();
        }
        assertEquals(1, list(filter("userName eq \"race@acme.test\"")).json().get("totalResults").asInt());
    }

    @Test
    void lastModifiedMovesOnEveryChangeAndCanBeFiltered() throws Exception {
        JsonNode created = create("modified@acme.test", "");
        String id = created.get("id").asText();
        Thread.sleep(20);
        String between = java.time.Instant.now().toString();
        Thread.sleep(20);

        JsonNode patched = scim.patch("/Users/" + id, "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],"
                + "\"Operations\":[{\"op\":\"replace\",\"path\":\"title\",\"value\":\"Moved\"}]}").json();

        assertTrue(patched.at("/meta/lastModified").asText().compareTo(between) > 0,
                patched.at("/meta/lastModified").asText() + " should be after " + between);
        assertEquals(List.of("modified@acme.test"), userNames(list(filter(
                "meta.lastModified gt \"" + between + "\" and userName eq \"modified@acme.test\""))));
    }

    @Test
    void deleteRemovesTheUser() {
        String id = create("delete.me@acme.test", "").get("id").asText();

        assertEquals(204, scim.delete("/Users/" + id).status());
        assertEquals(404, scim.get("/Users/" + id).status());
        assertEquals(404, scim.delete("/Users/" + id).status());
    }

    @Test
    void everyChangeIsAnAdminEvent() {
        String id = create("audited@acme.test", "").get("id").asText();
        scim.patch("/Users/" + id, "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],"
                + "\"Operations\":[{\"op\":\"replace\",\"path\":\"active\",\"value\":false}]}");

        JsonNode events = keycloak.admin().expect(200, keycloak.admin().get(
                "/admin/realms/" + realm + "/admin-events?resourceTypes=USER&resourcePath=users/" + id));
        List<String> operations = new ArrayList<>();
        events.forEach(e -> operations.add(e.get("operationType").asText()));
        assertTrue(operations.contains("CREATE") && operations.contains("UPDATE"), operations.toString());
        assertTrue(events.get(0).get("representation").asText().contains("audited@acme.test"));
    }
}
