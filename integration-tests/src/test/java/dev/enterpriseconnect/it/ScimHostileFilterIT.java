package dev.enterpriseconnect.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.enterpriseconnect.it.RunningKeycloak.Connector;
import dev.enterpriseconnect.it.ScimClient.Result;

/**
 * Issue 11, "a connector can never hurt the server": filters built to exhaust the server are
 * refused as SCIM errors before any query is built, and the worst filters the limits still allow
 * answer in well under a second.
 */
@ExtendWith(KeycloakServer.class)
class ScimHostileFilterIT {

    private static final String ERROR = "urn:ietf:params:scim:api:messages:2.0:Error";
    private static final String SEARCH = "urn:ietf:params:scim:api:messages:2.0:SearchRequest";

    private static ScimClient scim;
    private static String adaId;

    @BeforeAll
    static void connector(RunningKeycloak server) {
        String realm = server.createRealm("hostile");
        Connector okta = server.createConnector(realm, "okta");
        scim = server.scim(okta);
        for (String name : new String[] {"ada", "grace", "linus"}) {
            Result created = scim.post("/Users", "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],"
                    + "\"userName\":\"" + name + "@acme.test\",\"externalId\":\"ext-" + name + "\","
                    + "\"name\":{\"givenName\":\"" + name + "\",\"familyName\":\"Test\"},"
                    + "\"emails\":[{\"value\":\"" + name + "@acme.test\",\"type\":\"work\",\"primary\":true}],"
                    + "\"active\":true}");
            assertEquals(201, created.status(), created.response().body());
            if (name.equals("ada")) {
                adaId = created.json().get("id").asText();
            }
        }
        Result group = scim.post("/Groups", "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:Group\"],"
                + "\"displayName\":\"Engineering\",\"externalId\":\"ext-eng\",\"members\":[{\"value\":\"" + adaId + "\"}]}");
        assertEquals(201, group.status(), group.response().body());
    }

    /** The attribute a resource type is looked up by. */
    private static String key(String resource) {
        return resource.equals("/Users") ? "userName" : "displayName";
    }

    private static Result get(String resource, String filter) {
        return scim.get(resource + "?filter=" + URLEncoder.encode(filter, StandardCharsets.UTF_8));
    }

    /** POST .search: filters longer than the server's request-line limit only fit in a body. */
    private static Result search(String resource, String filter) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.putArray("schemas").add(SEARCH);
        body.put("filter", filter);
        return scim.post(resource + "/.search", body.toString());
    }

    private static void assertInvalidFilter(String what, Result result, long millis, String detailStart) {
        System.out.printf("hostile %s: %d ms -> %d%n", what, millis, result.status());
        assertEquals(400, result.status(), result.response().body());
        JsonNode body = result.json();
        assertEquals(ERROR, body.at("/schemas/0").asText());
        assertEquals("invalidFilter", body.get("scimType").asText());
        assertTrue(body.get("detail").asText().startsWith(detailStart), body.get("detail").asText());
    }

    private static long since(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }

    @ParameterizedTest
    @ValueSource(strings = {"/Users", "/Groups"})
    void aHundredNestedNotsAreRefused(String resource) {
        String filter = "not(".repeat(100) + key(resource) + " eq \"x\"" + ")".repeat(100);
        long start = System.nanoTime();
        Result result = get(resource, filter);
        assertInvalidFilter(resource + " not( x100 (" + filter.length() + " chars)", result, since(start),
                "Nested too deeply");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/Users", "/Groups"})
    void twoHundredTermsAreRefused(String resource) {
        StringBuilder filter = new StringBuilder(key(resource) + " eq \"0\"");
        for (int i = 1; i < 200; i++) {
            filter.append(" or ").append(key(resource)).append(" eq \"").append(i).append('"');
        }
        long start = System.nanoTime();
        Result result = search(resource, filter.toString());
        assertInvalidFilter(resource + " 200-term or (" + filter.length() + " chars)", result, since(start),
                filter.length() > 4096 ? "Filter is too long" : "Too many terms");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/Users", "/Groups"})
    void andGroupsOfAlternativesThatMultiplyAreRefused(String resource) {
        // Nine and-ed pairs of alternatives: 512 combinations, each of which the query would spell out.
        String pair = "(" + key(resource) + " eq \"a\" or " + key(resource) + " eq \"b\")";
        String filter = String.join(" and ", java.util.Collections.nCopies(9, pair));
        long start = System.nanoTime();
        assertInvalidFilter(resource + " 9 and-ed pairs", search(resource, filter), since(start), "The filter is too complex");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/Users", "/Groups"})
    void fiveThousandParenthesesAreRefused(String resource) {
        String filter = "(".repeat(5000) + key(resource) + " eq \"x\"" + ")".repeat(5000);
        long start = System.nanoTime();
        Result result = search(resource, filter);
        assertInvalidFilter(resource + " 5,000 parentheses", result, since(start), "Filter is too long");
        // Within the length limit, the depth check stops the descent.
        String shorter = "(".repeat(2000) + key(resource) + " eq \"x\"" + ")".repeat(2000);
        start = System.nanoTime();
        assertInvalidFilter(resource + " 2,000 parentheses", search(resource, shorter), since(start),
                "Nested too deeply");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/Users", "/Groups"})
    void aVeryLongFilterIsRefused(String resource) {
        // 100 KB: within the request size limit (a larger .search body is refused with 413 unread).
        String filter = key(resource) + " eq \"" + "x".repeat(100_000) + "\"";
        long start = System.nanoTime();
        Result result = search(resource, filter);
        assertInvalidFilter(resource + " 100 KB filter", result, since(start), "Filter is too long");
    }

    /** Depth 5 (the limit): alternating and/or groups (which cannot be flattened) around a value path, with negations. */
    private static String deepest(String resource) {
        boolean users = resource.equals("/Users");
        String filter = users ? "emails[type eq \"work\" and value ew \"@acme.test\"]"
                : "members[value eq \"" + adaId + "\"]";
        String[] leaves = users
                ? new String[] {"userName eq \"ada@acme.test\"", "name.familyName co \"tes\"", "not(externalId eq \"nope\")",
                        "title pr", "active eq true", "name.givenName sw \"a\"", "externalId ne \"ext-x\""}
                : new String[] {"displayName eq \"Engineering\"", "not(externalId eq \"nope\")", "displayName sw \"eng\"",
                        "externalId pr", "id pr", "meta.created gt \"2000-01-01T00:00:00Z\""};
        for (int level = 1; level < 5; level++) {
            filter = "(" + leaves[level % leaves.length] + (level % 2 == 0 ? " and " : " or ") + filter + ")";
        }
        return (users ? "userName eq \"ada@acme.test\"" : "displayName eq \"Engineering\"") + " and " + filter;
    }

    /** At the length limit, with the most terms: one or-chain of 100 exists conditions on attributes. */
    private static String longest(String resource) {
        String first = resource.equals("/Users") ? "ada" : "eng";
        StringBuilder filter = new StringBuilder("externalId eq \"ext-" + first + "\"");
        for (int i = 1; i < 99; i++) {
            filter.append(" or externalId eq \"ext-n").append(i).append('"');
        }
        int pad = 4096 - filter.length() - " or externalId eq \"ext-\"".length();
        filter.append(" or externalId eq \"ext-").append("p".repeat(pad)).append('"');
        return filter.toString();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/Users", "/Groups"})
    void theWorstFiltersWithinTheLimitsAnswerInWellUnderASecond(String resource) {
        String deepest = deepest(resource);
        String longest = longest(resource);
        assertEquals(4096, longest.length());
        // An ordinary lookup first, as every connector sends: the server's first filtered search pays
        // Hibernate's own warm-up, which is not what this test measures.
        long warm = System.nanoTime();
        Result ordinary = get(resource, key(resource) + " eq \"" + (resource.equals("/Users") ? "ada@acme.test" : "Engineering")
                + "\" and externalId pr");
        System.out.printf("ordinary %s lookup (warm-up): %d ms -> %d%n", resource, since(warm), ordinary.status());
        for (String[] c : new String[][] {{"deepest (depth 5)", deepest}, {"longest (4,096 chars, 100 terms)", longest}}) {
            long start = System.nanoTime();
            Result result = search(resource, c[1]);
            long millis = since(start);
            System.out.printf("allowed %s %s: %d ms -> %d%n", resource, c[0], millis, result.status());
            assertEquals(200, result.status(), result.response().body());
            assertEquals(1, result.json().get("totalResults").asInt(), c[1]);
            assertTrue(millis < 1000, resource + " " + c[0] + " took " + millis + " ms");
        }
        // The deepest also through GET, as Okta and Entra send filters.
        long start = System.nanoTime();
        Result result = get(resource, deepest);
        System.out.printf("allowed %s deepest by GET: %d ms -> %d%n", resource, since(start), result.status());
        assertEquals(200, result.status(), result.response().body());
    }

    @Test
    void afterAllThatAnOrdinaryLookupStillAnswers() {
        aHundredNestedNotsAreRefused("/Users");
        fiveThousandParenthesesAreRefused("/Users");
        Result found = get("/Users", "userName eq \"ada@acme.test\"");
        assertEquals(200, found.status(), found.response().body());
        assertEquals(1, found.json().get("totalResults").asInt());
        assertEquals(adaId, found.json().at("/Resources/0/id").asText());
    }
}
