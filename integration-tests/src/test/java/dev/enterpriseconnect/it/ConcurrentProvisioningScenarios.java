package dev.enterpriseconnect.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;

/**
 * What concurrent IdP requests must never do: let two writers with the same ETag both win, lose a
 * /Bulk create that was reported 201, or fail the first burst of creates in a new realm. Run on
 * H2 and on PostgreSQL, which lock differently.
 */
abstract class ConcurrentProvisioningScenarios {

    static final String USER = "urn:ietf:params:scim:schemas:core:2.0:User";
    static final String PATCH_OP = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
    static final String ERROR = "urn:ietf:params:scim:api:messages:2.0:Error";

    /** The server under test. */
    abstract RunningKeycloak server();

    @Test
    void twentyPutsCarryingTheSameEtagOnlyOneWins() throws Exception {
        ScimClient scim = connector("put");
        JsonNode created = scim.post("/Users", user("racer@acme.test", "Ada")).json();
        String id = created.get("id").asText();
        String etag = created.at("/meta/version").asText();

        List<ScimClient.Result> results = race(20, i -> () -> scim.put("/Users/" + id,
                user("racer@acme.test", "Writer" + i), "If-Match", etag));

        Map<Integer, Integer> statuses = statuses(results);
        assertEquals(Map.of(200, 1, 412, 19), statuses, "exactly one of 20 same-ETag PUTs wins: " + statuses);
        String winner = results.stream().filter(r -> r.status() == 200).findFirst().orElseThrow()
                .json().at("/name/givenName").asText();
        assertEquals(winner, scim.get("/Users/" + id).json().at("/name/givenName").asText(),
                "the stored user is the winner's");
        results.stream().filter(r -> r.status() == 412).forEach(r -> assertEquals(ERROR, r.json().at("/schemas/0").asText()));
    }

    @Test
    void twentyPatchesCarryingTheSameEtagOnlyOneWins() throws Exception {
        ScimClient scim = connector("patch");
        JsonNode created = scim.post("/Users", user("patcher@acme.test", "Ada")).json();
        String id = created.get("id").asText();
        String etag = created.at("/meta/version").asText();

        List<ScimClient.Result> results = race(20, i -> () -> scim.patch("/Users/" + id, "{\"schemas\":[\"" + PATCH_OP
                + "\"],\"Operations\":[{\"op\":\"replace\",\"path\":\"name.givenName\",\"value\":\"Writer" + i + "\"}]}",
                "If-Match", etag));

        assertEquals(Map.of(200, 1, 412, 19), statuses(results));
    }

    @Test
    void patchesWithoutEtagNeverLoseAnUpdate() throws Exception {
        ScimClient scim = connector("nolost");
        String group = scim.post("/Groups", "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:Group\"],"
                + "\"displayName\":\"Everyone\"}").json().get("id").asText();
        List<String> users = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            users.add(scim.post("/Users", user("member" + i + "@acme.test", "M" + i)).json().get("id").asText());
        }

        List<ScimClient.Result> results = race(10, i -> () -> scim.patch("/Groups/" + group, "{\"schemas\":[\""
                + PATCH_OP + "\"],\"Operations\":[{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\""
                + users.get(i) + "\"}]}]}"));

        assertEquals(Map.of(204, 10), statuses(results));
        assertEquals(10, scim.get("/Groups/" + group).json().get("members").size(), "all ten members were kept");
    }

    @Test
    void twentyGroupPatchesCarryingTheSameEtagOnlyOneWins() throws Exception {
        ScimClient scim = connector("grouppatch");
        JsonNode created = scim.post("/Groups", "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:Group\"],"
                + "\"displayName\":\"Sales\"}").json();
        String id = created.get("id").asText();
        String etag = created.at("/meta/version").asText();

        List<ScimClient.Result> results = race(20, i -> () -> scim.patch("/Groups/" + id, "{\"schemas\":[\""
                + PATCH_OP + "\"],\"Operations\":[{\"op\":\"replace\",\"path\":\"displayName\",\"value\":\"Sales " + i
                + "\"}]}", "If-Match", etag));

        assertEquals(Map.of(204, 1, 412, 19), statuses(results));
    }

    @Test
    void twentyDeletesCarryingTheSameEtagDeleteOnce() throws Exception {
        ScimClient scim = connector("delete");
        JsonNode created = scim.post("/Users", user("leaver@acme.test", "Lee")).json();
        String id = created.get("id").asText();
        String etag = created.at("/meta/version").asText();

        List<ScimClient.Result> results = race(20, i -> () -> scim.delete("/Users/" + id, "If-Match", etag));

        Map<Integer, Integer> statuses = statuses(results);
        assertEquals(1, statuses.getOrDefault(204, 0), "one DELETE succeeds: " + statuses);
        assertEquals(19, statuses.getOrDefault(412, 0) + statuses.getOrDefault(404, 0),
                "the others find it changed or gone: " + statuses);
    }

    @Test
    void parallelBulkCreatesThatShareAUserNameStoreEveryCreateReported201() throws Exception {
        ScimClient scim = connector("bulk");
        int requests = 10;

        List<ScimClient.Result> results = race(requests, i -> () -> scim.post("/Bulk", "{\"schemas\":"
                + "[\"urn:ietf:params:scim:api:messages:2.0:BulkRequest\"],\"Operations\":["
                + "{\"method\":\"POST\",\"path\":\"/Users\",\"bulkId\":\"shared\",\"data\":" + user("shared@acme.test", "S")
                + "},{\"method\":\"POST\",\"path\":\"/Users\",\"bulkId\":\"own\",\"data\":"
                + user("own" + i + "@acme.test", "O" + i) + "}]}"));

        int sharedCreated = 0;
        for (ScimClient.Result result : results) {
            assertEquals(200, result.status(), result.response().body());
            for (JsonNode operation : result.json().get("Operations")) {
                String status = operation.get("status").asText();
                if (operation.get("bulkId").asText().equals("own")) {
                    assertEquals("201", status, "a create with a unique userName succeeds: " + operation);
                    String location = operation.get("location").asText();
                    String id = location.substring(location.lastIndexOf('/') + 1);
                    assertEquals(200, scim.get("/Users/" + id).status(), "what was reported 201 is stored");
                } else if (status.equals("201")) {
                    sharedCreated++;
                } else {
                    assertEquals("409", status, "the losers of the shared userName: " + operation);
                    assertEquals("uniqueness", operation.at("/response/scimType").asText());
                }
            }
        }
        assertEquals(1, sharedCreated, "the shared userName is created once");
        assertEquals(requests + 1, scim.get("/Users?count=0").json().get("totalResults").asInt());
    }

    @Test
    void fiftyParallelCreatesInANewRealmAllSucceed() throws Exception {
        ScimClient scim = connector("burst");

        List<ScimClient.Result> results = race(50, i -> () -> scim.post("/Users", user("burst" + i + "@acme.test", "B" + i)));

        Map<Integer, Integer> statuses = statuses(results);
        assertEquals(Map.of(201, 50), statuses, "every create of a new realm's first burst is stored: " + statuses
                + " " + results.stream().filter(r -> r.status() != 201).map(r -> r.response().body()).findFirst().orElse(""));
        assertEquals(50, scim.get("/Users?count=0").json().get("totalResults").asInt());
    }

    /** A connector of a realm of its own. */
    ScimClient connector(String prefix) {
        String realm = server().createRealm(prefix);
        return server().scim(server().createConnector(realm, "okta"));
    }

    static String user(String userName, String givenName) {
        return "{\"schemas\":[\"" + USER + "\"],\"userName\":\"" + userName + "\",\"name\":{\"givenName\":\""
                + givenName + "\",\"familyName\":\"Test\"},\"emails\":[{\"value\":\"" + userName
                + "\",\"primary\":true}],\"active\":true}";
    }

    /** Starts the requests together and waits for all of them. */
    static List<ScimClient.Result> race(int count, IntFunction<Callable<ScimClient.Result>> request) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(count);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<ScimClient.Result>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                Callable<ScimClient.Result> call = request.apply(i);
                futures.add(pool.submit(() -> {
                    start.await();
                    return call.call();
                }));
            }
            start.countDown();
            List<ScimClient.Result> results = new ArrayList<>();
            for (Future<ScimClient.Result> future : futures) {
                ScimClient.Result result = future.get(2, TimeUnit.MINUTES);
                assertNotNull(result);
                assertTrue(result.status() != 500, "never a bare 500: " + result.response().body());
                results.add(result);
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    static Map<Integer, Integer> statuses(List<ScimClient.Result> results) {
        Map<Integer, Integer> statuses = new TreeMap<>();
        results.forEach(r -> statuses.merge(r.status(), 1, Integer::sum));
        return statuses;
    }
}
