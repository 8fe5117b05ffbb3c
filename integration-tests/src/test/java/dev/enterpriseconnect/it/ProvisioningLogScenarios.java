package dev.enterpriseconnect.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;

import dev.enterpriseconnect.testbed.AdminApi;

/**
 * A connector's provisioning log as an administrator reads it over the admin REST API: what each
 * SCIM request left there, what never does (secrets, passwords, redacted attributes), the filters,
 * the summary, retention and the row cap (purged by the lifecycle sweep), and who may read it.
 */
abstract class ProvisioningLogScenarios {

    static final String USER = ConcurrentProvisioningScenarios.USER;
    static final String PATCH_OP = ConcurrentProvisioningScenarios.PATCH_OP;
    static final String ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
    static final String ERROR = "urn:ietf:params:scim:api:messages:2.0:Error";

    abstract RunningKeycloak server();

    @Test
    void anIdPsLookupIsListedAsSoonAsItIsAnsweredBetweenTheWritesAroundIt() {
        RunningKeycloak keycloak = server();
        AdminApi admin = keycloak.admin();
        String realm = keycloak.createRealm("plog-reads");
        RunningKeycloak.Connector connector = keycloak.createConnector(realm, "okta");
        ScimClient scim = keycloak.scim(connector);

        ScimClient.Result created = scim.post("/Users", "{\"schemas\":[\"" + USER + "\"],\"userName\":\"rae@acme.test\","
                + "\"emails\":[{\"value\":\"rae@acme.test\",\"primary\":true}]}");
        assertEquals(201, created.status(), created.response().body());
        String id = created.json().get("id").asText();
        assertEquals(200, scim.get("/Users?filter=userName%20eq%20%22rae%40acme.test%22", "X-Okta-Request-Id", "okta-lookup-1")
                .status());
        assertEquals(200, scim.patch("/Users/" + id, "{\"schemas\":[\"" + PATCH_OP + "\"],\"Operations\":["
                + "{\"op\":\"replace\",\"path\":\"active\",\"value\":false}]}").status());

        // Read at once: the lookup's row, written apart from its read, is already there, in its place.
        JsonNode rows = log(admin, connector, "");
        assertEquals(3, rows.size(), rows.toString());
        assertEquals(List.of("PATCH", "GET", "POST"), List.of(rows.get(0).get("method").asText(),
                rows.get(1).get("method").asText(), rows.get(2).get("method").asText()), rows.toString());
        JsonNode lookup = rows.get(1);
        assertEquals("/Users?filter=userName%20eq%20%22rae%40acme.test%22", lookup.get("path").asText());
        assertEquals(200, lookup.get("status").asInt());
        assertEquals("okta-lookup-1", lookup.get("requestId").asText());
        assertEquals(3, admin.expect(200, admin.get(logPath(connector) + "/summary")).get("requestsLast24h").asInt());
    }

    @Test
    void everyRequestIsLoggedWithoutSecretsPasswordsOrRedactedAttributes() {
        RunningKeycloak keycloak = server();
        AdminApi admin = keycloak.admin();
        String realm = keycloak.createRealm("plog-redact");
        RunningKeycloak.Connector connector = keycloak.createConnector(realm, "okta",
                ",\"logRedactedAttributes\":\"employeeNumber,phoneNumbers\"");
        ScimClient scim = keycloak.scim(connector);

        ScimClient.Result created = scim.post("/Users", "{\"schemas\":[\"" + USER + "\",\"" + ENTERPRISE + "\"],"
                + "\"userName\":\"ann@acme.test\",\"password\":\"Horse-Battery-Staple-42\","
                + "\"name\":{\"givenName\":\"Ann\",\"familyName\":\"Lee\"},"
                + "\"emails\":[{\"value\":\"ann@acme.test\",\"primary\":true}],"
                + "\"phoneNumbers\":[{\"value\":\"+1 555 0100\",\"type\":\"work\"}],"
                + "\"" + ENTERPRISE + "\":{\"employeeNumber\":\"EMP-778899\",\"department\":\"Sales\"}}");
        assertEquals(201, created.status(), created.response().body());
        String id = created.json().get("id").asText();
        ScimClient.Result patched = scim.patch("/Users/" + id, "{\"schemas\":[\"" + PATCH_OP + "\"],\"Operations\":["
                + "{\"op\":\"replace\",\"path\":\"" + ENTERPRISE + ":employeeNumber\",\"value\":\"EMP-990011\"},"
                + "{\"op\":\"replace\",\"path\":\"name.givenName\",\"value\":\"Annie\"}]}",
                "client-request-id", "entra-req-4711");
        assertEquals(200, patched.status(), patched.response().body());
        ScimClient.Result missing = scim.get("/Users/00000000-0000-0000-0000-000000000000",
                "X-Okta-Request-Id", "okta-req-0815");
        assertEquals(404, missing.status());
        ScimClient.Result badFilter = scim.get("/Users?filter=userName%20zz%20%22x%22");
        assertEquals(400, badFilter.status());

        JsonNode rows = log(admin, connector, "");
        assertEquals(4, rows.size(), rows.toString());
        String all = rows.toString();
        for (String secret : List.of("Horse-Battery-Staple-42", "EMP-778899", "EMP-990011", "555 0100", connector.token())) {
            assertFalse(all.contains(secret), "'" + secret + "' is in the log: " + all);
        }
        assertTrue(all.contains("Sales"), "attributes not redacted stay visible: " + all);

        JsonNode badFilterRow = rows.get(0);
        assertEquals("GET", badFilterRow.get("method").asText());
        assertEquals("/Users?filter=userName%20zz%20%22x%22", badFilterRow.get("path").asText());
        assertEquals(400, badFilterRow.get("status").asInt());
        assertEquals("invalidFilter", badFilterRow.get("scimType").asText());
        assertEquals(badFilter.json().get("detail").asText(), badFilterRow.get("reason").asText());

        JsonNode missingRow = rows.get(1);
        assertEquals(404, missingRow.get("status").asInt());
        assertEquals("okta-req-0815", missingRow.get("requestId").asText());
        assertEquals("User", missingRow.get("resourceType").asText());

        JsonNode patchRow = rows.get(2);
        assertEquals("PATCH", patchRow.get("method").asText());
        assertEquals(200, patchRow.get("status").asInt());
        assertEquals("entra-req-4711", patchRow.get("requestId").asText());
        assertEquals(id, patchRow.get("resourceId").asText());
        assertEquals("ann@acme.test", patchRow.get("userName").asText());
        assertTrue(patchRow.get("body").asText().contains("Annie"), patchRow.toString());

        JsonNode createRow = rows.get(3);
        assertEquals("scim", createRow.get("kind").asText());
        assertEquals("POST", createRow.get("method").asText());
        assertEquals("/Users", createRow.get("path").asText());
        assertEquals(201, createRow.get("status").asInt());
        assertTrue(createRow.get("scimType").isNull());
        assertEquals("User", createRow.get("resourceType").asText());
        assertEquals(id, createRow.get("resourceId").asText());
        assertEquals("ann@acme.test", createRow.get("userName").asText());
        assertTrue(createRow.get("durationMs").asInt() >= 0);
        assertTrue(createRow.get("body").asText().contains("\"password\":\"[redacted]\""), createRow.toString());
        assertTrue(createRow.get("body").asText().contains("\"employeeNumber\":\"[redacted]\""), createRow.toString());
        Instant time = Instant.parse(createRow.get("time").asText());
        assertTrue(Duration.between(time, Instant.now()).abs().toMinutes() < 10, "time is now, in UTC: " + time);
        for (String field : List.of("id", "time", "kind", "method", "path", "status", "scimType", "durationMs",
                "resourceType", "resourceId", "userName", "requestId", "body", "reason")) {
            assertTrue(createRow.has(field), field + " is in every row");
        }
    }

    @Test
    void aRolledBackRequestLogsItsFailureButNoneOfItsEffects() {
        RunningKeycloak keycloak = server();
        AdminApi admin = keycloak.admin();
        String realm = keycloak.createRealm("plog-rollback", ",\"passwordPolicy\":\"length(12)\"");
        RunningKeycloak.Connector connector = keycloak.createConnector(realm, "okta", ",\"passwordPolicy\":\"set\"");
        ScimClient scim = keycloak.scim(connector);

        // The user is created, then its password fails the realm's policy: the whole request rolls back.
        ScimClient.Result weak = scim.post("/Users", "{\"schemas\":[\"" + USER + "\"],\"userName\":\"rob@acme.test\","
                + "\"password\":\"weak-pw1\",\"name\":{\"givenName\":\"Rob\",\"familyName\":\"Roe\"},"
                + "\"emails\":[{\"value\":\"rob@acme.test\"}]}");
        assertEquals(400, weak.status(), weak.response().body());
        assertEquals(ERROR, weak.json().at("/schemas/0").asText());

        assertEquals(0, admin.expect(200, admin.get("/admin/realms/" + realm + "/users?briefRepresentation=true")).size(),
                "no user was kept");
        JsonNode rows = log(admin, connector, "");
        assertEquals(1, rows.size(), rows.toString());
        JsonNode row = rows.get(0);
        assertEquals(400, row.get("status").asInt());
        assertEquals("POST", row.get("method").asText());
        assertEquals("rob@acme.test", row.get("userName").asText());
        assertTrue(row.get("resourceId").isNull(), "no resource was created: " + row);
        assertEquals(weak.json().get("detail").asText(), row.get("reason").asText());
        assertFalse(rows.toString().contains("weak-pw1"));
        assertEquals(0, admin.expect(200, admin.get("/admin/realms/" + realm + "/users?briefRepresentation=true")).size(),
                "reading the log changed nothing");
    }

    @Test
    void theLogIsFilteredByTimeStatusAndUserAndSummarised() {
        RunningKeycloak keycloak = server();
        AdminApi admin = keycloak.admin();
        String realm = keycloak.createRealm("plog-filter");
        RunningKeycloak.Connector connector = keycloak.createConnector(realm, "okta");
        ScimClient scim = keycloak.scim(connector);
        JsonNode empty = admin.expect(200, admin.get(logPath(connector) + "/summary"));
        assertTrue(empty.get("lastRequestAt").isNull(), empty.toString());
        assertEquals(0, empty.get("requestsLast24h").asInt());
        assertEquals(0, empty.get("errorsLast24h").asInt());

        Instant before = Instant.now().minusSeconds(1);
        String bo = scim.post("/Users", ConcurrentProvisioningScenarios.user("bo@acme.test", "Bo")).json().get("id").asText();
        String cy = scim.post("/Users", ConcurrentProvisioningScenarios.user("cy@acme.test", "Cy")).json().get("id").asText();
        assertEquals(409, scim.post("/Users", ConcurrentProvisioningScenarios.user("cy@acme.test", "Cy")).status());
        assertEquals(200, scim.get("/Users/" + bo).status());
        assertEquals(404, scim.get("/Groups/nope").status());

        assertEquals(5, log(admin, connector, "").size());
        JsonNode errors = log(admin, connector, "?status=4xx");
        assertEquals(2, errors.size(), errors.toString());
        assertEquals(404, errors.get(0).get("status").asInt());
        assertEquals(409, errors.get(1).get("status").asInt());
        assertEquals("uniqueness", errors.get(1).get("scimType").asText());
        assertEquals(2, log(admin, connector, "?status=201").size());
        assertEquals(0, log(admin, connector, "?status=5xx").size());
        JsonNode boRows = log(admin, connector, "?user=" + bo);
        assertEquals(2, boRows.size(), "by id: the create and the read " + boRows);
        JsonNode cyRows = log(admin, connector, "?user=cy%40acme.test");
        assertEquals(2, cyRows.size(), "by userName: the create and the refused twin " + cyRows);
        assertEquals(cy, cyRows.get(1).get("resourceId").asText());
        assertEquals(5, log(admin, connector, "?since=" + before).size());
        assertEquals(0, log(admin, connector, "?until=" + before).size());
        assertEquals(0, log(admin, connector, "?since=" + Instant.now().plusSeconds(3600)).size());
        JsonNode page = log(admin, connector, "?first=1&max=2");
        assertEquals(2, page.size());
        assertEquals(log(admin, connector, "").get(1).get("id").asText(), page.get(0).get("id").asText());

        JsonNode summary = admin.expect(200, admin.get(logPath(connector) + "/summary"));
        assertEquals(5, summary.get("requestsLast24h").asInt(), summary.toString());
        assertEquals(2, summary.get("errorsLast24h").asInt(), summary.toString());
        assertEquals(log(admin, connector, "").get(0).get("time").asText(), summary.get("lastRequestAt").asText());

        assertBadParameter(admin, connector, "?status=abc", "status must be an HTTP status (409) or a class (4xx, 5xx), got 'abc'");
        assertBadParameter(admin, connector, "?since=yesterday",
                "since must be an ISO-8601 instant such as 2026-12-01T10:00:00Z, got 'yesterday'");
        assertBadParameter(admin, connector, "?max=0", "max must be a whole number from 1 to 500, got '0'");
        assertBadParameter(admin, connector, "?first=-1", "first must be a whole number from 0 to 2147483647, got '-1'");
        assertEquals(404, admin.get("/admin/realms/" + realm + "/scim-connectors/no-such-connector/log").statusCode());
        assertEquals(5, log(admin, connector, "").size(), "bad reads changed nothing");
    }

    @Test
    void theSweepPurgesRowsPastTheRetentionAndBeyondTheRowCap() {
        RunningKeycloak keycloak = server();
        AdminApi admin = keycloak.admin();
        String realm = keycloak.createRealm("plog-purge");
        RunningKeycloak.Connector kept = keycloak.createConnector(realm, "kept");
        RunningKeycloak.Connector expiring = keycloak.createConnector(realm, "expiring");
        RunningKeycloak.Connector capped = keycloak.createConnector(realm, "capped", ",\"logMaxRows\":3");
        for (int i = 1; i <= 6; i++) {
            assertEquals(200, keycloak.scim(capped).get("/Users?count=" + i).status());
        }
        assertEquals(200, keycloak.scim(kept).get("/Users").status());
        assertEquals(200, keycloak.scim(expiring).get("/Users").status());
        assertEquals(200, keycloak.scim(expiring).get("/Groups").status());
        assertEquals(2, log(admin, expiring, "").size());

        JsonNode refused = admin.expect(400, admin.put(logPath(expiring) + "/settings", "{\"logRetention\":\"a week\"}"));
        assertEquals(ERROR, refused.at("/schemas/0").asText());
        assertEquals("invalidValue", refused.get("scimType").asText());
        assertEquals("logRetention must be an ISO-8601 duration (P30D, PT12H) or whole seconds, from 1 second to 3650"
                + " days; got 'a week'", refused.get("detail").asText());
        JsonNode unknown = admin.expect(400, admin.put(logPath(expiring) + "/settings", "{\"logDays\":3}"));
        assertEquals("logDays is not a log setting; use log, logRetention, logMaxRows, logRedactedAttributes",
                unknown.get("detail").asText());
        assertEquals("P30D", admin.expect(200, admin.get(logPath(expiring) + "/settings")).get("logRetention").asText(),
                "a refused change changed nothing");

        JsonNode settings = admin.expect(200, admin.put(logPath(expiring) + "/settings", "{\"logRetention\":\"PT1S\"}"));
        assertEquals("PT1S", settings.get("logRetention").asText());

        JsonNode cappedRows = await(() -> log(admin, capped, ""), rows -> rows.size() == 3,
                "the capped connector keeps its newest 3 rows");
        assertEquals(List.of("/Users?count=6", "/Users?count=5", "/Users?count=4"), paths(cappedRows));
        await(() -> log(admin, expiring, ""), rows -> rows.size() == 0, "rows older than 1 second are purged");
        assertEquals(1, log(admin, kept, "").size(), "a connector with the default 30 days keeps its row");
        assertEquals(3, log(admin, capped, "").size());
    }

    @Test
    void aSweepPurgesAtMostItsBatchOfRowsTheOldestFirstAndLeavesTheRestToTheNextSweeps() {
        RunningKeycloak keycloak = server();
        AdminApi admin = keycloak.admin();
        String realm = keycloak.createRealm("plog-batch");
        RunningKeycloak.Connector connector = keycloak.createConnector(realm, "busy");
        for (int i = 1; i <= 9; i++) {
            assertEquals(200, keycloak.scim(connector).get("/Users?count=" + i).status());
        }
        assertEquals(9, log(admin, connector, "").size());

        admin.expect(200, admin.put(logPath(connector) + "/settings", "{\"logMaxRows\":1}"));
        // The server deletes KeycloakServer.LOG_PURGE_BATCH (2) rows a sweep: 9, 7, 5, 3, 1, never 9 to 1 at once.
        java.util.Set<Integer> seen = new java.util.TreeSet<>();
        JsonNode last = await(() -> log(admin, connector, ""), rows -> {
            seen.add(rows.size());
            List<String> expected = new ArrayList<>();
            for (int i = 9; i > 9 - rows.size(); i--) {
                expected.add("/Users?count=" + i);
            }
            assertEquals(expected, paths(rows), "the oldest rows go first");
            return rows.size() == 1;
        }, "the cap of 1 row is reached");
        assertEquals(List.of("/Users?count=9"), paths(last));
        assertTrue(seen.stream().allMatch(size -> (9 - size) % KeycloakServer.LOG_PURGE_BATCH == 0),
                "each sweep deleted " + KeycloakServer.LOG_PURGE_BATCH + " rows: " + seen);
        assertTrue(seen.stream().anyMatch(size -> size > 1 && size < 9),
                "the purge took several sweeps, not one: " + seen);
    }

    @Test
    void viewRealmReadsTheLogButCannotChangeItsSettingsAndOthersAreRefused() throws Exception {
        RunningKeycloak keycloak = server();
        AdminApi admin = keycloak.admin();
        String realm = keycloak.createRealm("plog-auth");
        RunningKeycloak.Connector connector = keycloak.createConnector(realm, "okta");
        assertEquals(200, keycloak.scim(connector).get("/Users").status());
        String viewer = userWithPassword(admin, realm, "viewer");
        JsonNode realmManagement = admin.expect(200, admin.get("/admin/realms/" + realm + "/clients?clientId=realm-management")).get(0);
        String clientUuid = realmManagement.get("id").asText();
        JsonNode viewRealm = admin.expect(200, admin.get("/admin/realms/" + realm + "/clients/" + clientUuid + "/roles/view-realm"));
        admin.expect(204, admin.post("/admin/realms/" + realm + "/users/" + viewer + "/role-mappings/clients/" + clientUuid,
                "[" + viewRealm + "]"));
        userWithPassword(admin, realm, "nobody");

        String viewerToken = token(keycloak, realm, "viewer");
        String nobodyToken = token(keycloak, realm, "nobody");
        String path = "/admin/realms/" + realm + "/scim-connectors/" + connector.id() + "/log";
        assertEquals(200, call(keycloak, viewerToken, "GET", path, null).statusCode());
        assertEquals(1, AdminApi.parse(call(keycloak, viewerToken, "GET", path, null).body()).size());
        assertEquals(200, call(keycloak, viewerToken, "GET", path + "/summary", null).statusCode());
        assertEquals(403, call(keycloak, viewerToken, "PUT", path + "/settings", "{\"logMaxRows\":5}").statusCode());
        assertEquals(403, call(keycloak, nobodyToken, "GET", path, null).statusCode());
        assertEquals(403, call(keycloak, nobodyToken, "GET", path + "/summary", null).statusCode());
        assertEquals(10_000, admin.expect(200, admin.get(path + "/settings")).get("logMaxRows").asInt(),
                "the refused change changed nothing");
    }

    static String logPath(RunningKeycloak.Connector connector) {
        return "/admin/realms/" + connector.realm() + "/scim-connectors/" + connector.id() + "/log";
    }

    static JsonNode log(AdminApi admin, RunningKeycloak.Connector connector, String query) {
        return admin.expect(200, admin.get(logPath(connector) + query));
    }

    private static void assertBadParameter(AdminApi admin, RunningKeycloak.Connector connector, String query, String detail) {
        JsonNode error = admin.expect(400, admin.get(logPath(connector) + query));
        assertEquals(ERROR, error.at("/schemas/0").asText());
        assertEquals("invalidValue", error.get("scimType").asText());
        assertEquals("400", error.get("status").asText());
        assertEquals(detail, error.get("detail").asText());
    }

    private static List<String> paths(JsonNode rows) {
        List<String> paths = new ArrayList<>();
        rows.forEach(row -> paths.add(row.get("path").asText()));
        return paths;
    }

    /** Polls until the condition holds (the sweep runs every few seconds), at most a minute. */
    static JsonNode await(java.util.function.Supplier<JsonNode> read, Predicate<JsonNode> condition, String what) {
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        JsonNode last = read.get();
        while (!condition.test(last)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Not within a minute: " + what + "; last seen " + last);
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            last = read.get();
        }
        return last;
    }

    private static String userWithPassword(AdminApi admin, String realm, String username) {
        HttpResponse<String> created = admin.post("/admin/realms/" + realm + "/users", "{\"username\":\"" + username
                + "\",\"enabled\":true,\"email\":\"" + username + "@acme.test\",\"emailVerified\":true,\"firstName\":\"F\","
                + "\"lastName\":\"L\",\"credentials\":[{\"type\":\"password\",\"value\":\"Pass-word-123\",\"temporary\":false}]}");
        admin.expect(201, created);
        String location = created.headers().firstValue("Location").orElseThrow();
        return location.substring(location.lastIndexOf('/') + 1);
    }

    private static String token(RunningKeycloak keycloak, String realm, String username) throws Exception {
        String form = "grant_type=password&client_id=admin-cli&username=" + URLEncoder.encode(username, StandardCharsets.UTF_8)
                + "&password=Pass-word-123";
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(keycloak.baseUrl() + "/realms/" + realm + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        JsonNode token = AdminApi.parse(response.body());
        assertNotNull(token.get("access_token"));
        return token.get("access_token").asText();
    }

    private static HttpResponse<String> call(RunningKeycloak keycloak, String token, String method, String path, String body)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(keycloak.baseUrl() + path))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
