package dev.enterpriseconnect.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.enterpriseconnect.testbed.AdminApi;
import dev.enterpriseconnect.testbed.KeycloakProcess;

/**
 * Failed credential checks are throttled per (connector, client address) and per address, a valid
 * credential is served throughout, a connector's request rate is capped, and every failure is
 * visible to an administrator without the secret. All requests come from 127.0.0.1 (the shared
 * server trusts no proxy headers), so each test uses a realm of its own: the counters are per realm.
 */
@ExtendWith(KeycloakServer.class)
class ConnectorThrottlingIT {

    private static final String ERROR = "urn:ietf:params:scim:api:messages:2.0:Error";

    private static RunningKeycloak keycloak;
    private static AdminApi admin;

    @BeforeAll
    static void server(RunningKeycloak server) {
        keycloak = server;
        admin = server.admin();
    }

    private static JsonNode create(String realm, String body) {
        return admin.expect(201, admin.post("/admin/realms/" + realm + "/scim-connectors", body));
    }

    private static ScimClient client(JsonNode connector, String token) {
        return ScimClient.bearer(URI.create(connector.get("scimBaseUrl").asText()), token);
    }

    @Test
    void the429ComesAfterTheLimitAndLiftsWhenRetryAfterSays() {
        String realm = keycloak.createRealm("throttle");
        JsonNode connector = create(realm, "{\"name\":\"okta\",\"authFailureLimit\":3,\"authFailureWindow\":\"PT4S\"}");
        assertEquals(3, connector.get("authFailureLimit").asInt());
        assertEquals("PT4S", connector.get("authFailureWindow").asText());
        ScimClient wrong = client(connector, "wrong");
        ScimClient right = client(connector, connector.get("token").asText());

        for (int i = 1; i <= 3; i++) {
            assertEquals(401, wrong.get("/Users").status(), "failure " + i);
        }
        long throttledAt = System.nanoTime();
        ScimClient.Result throttled = wrong.get("/Users");
        assertEquals(429, throttled.status());
        // A guesser that retries at once gets one answer a second per connection, not as many as the server can send.
        assertTrue(System.nanoTime() - throttledAt >= TimeUnit.MILLISECONDS.toNanos(950),
                "the 429 of a throttled caller comes after a pause");
        int retryAfter = Integer.parseInt(throttled.header("Retry-After"));
        assertTrue(retryAfter >= 1 && retryAfter <= 4, "Retry-After " + retryAfter);
        assertEquals(ERROR, throttled.json().at("/schemas/0").asText());
        assertEquals("429", throttled.json().get("status").asText());

        // The valid token is served while the pair is throttled.
        assertEquals(200, right.get("/Users?count=1").status());

        // Wait for the condition, bounded by what Retry-After promised (plus 1 s for rounding and transit).
        long deadline = throttledAt + TimeUnit.SECONDS.toNanos(retryAfter + 1);
        int status;
        do {
            pause(Duration.ofMillis(250));
            status = wrong.get("/Users").status();
        } while (status == 429 && System.nanoTime() < deadline);
        assertEquals(401, status, "throttling lifted no later than Retry-After");
    }

    @Test
    void anUnknownNameIsThrottledExactlyLikeAConnector() {
        String realm = keycloak.createRealm("throttle-names");
        JsonNode connector = create(realm, "{\"name\":\"okta\"}");
        ScimClient known = client(connector, "wrong");
        ScimClient unknown = ScimClient.bearer(URI.create(connector.get("scimBaseUrl").asText()
                .replace("/okta/v2", "/ghost/v2")), "wrong");
        // The default: 10 failures per (connector, address) and minute, then 429.
        for (int i = 1; i <= 10; i++) {
            assertEquals(401, known.get("/Users").status(), "known, failure " + i);
            assertEquals(401, unknown.get("/Users").status(), "unknown, failure " + i);
        }
        ScimClient.Result knownThrottled = known.get("/Users");
        ScimClient.Result unknownThrottled = unknown.get("/Users");
        assertEquals(429, knownThrottled.status());
        assertEquals(429, unknownThrottled.status());
        assertEquals(knownThrottled.response().body(), unknownThrottled.response().body());
        assertTrue(Math.abs(Integer.parseInt(knownThrottled.header("Retry-After"))
                - Integer.parseInt(unknownThrottled.header("Retry-After"))) <= 1);
    }

    /**
     * Another client floods the connector with wrong tokens, 10 in parallel, from the same address
     * (as tenants of the same IdP share its egress addresses): the real token keeps working.
     */
    @Test
    void aValidTokenKeepsWorkingDuringAFlood() throws Exception {
        String realm = keycloak.createRealm("throttle-flood");
        JsonNode connector = create(realm, "{\"name\":\"okta\"}");
        ScimClient right = client(connector, connector.get("token").asText());
        AtomicBoolean flooding = new AtomicBoolean(true);
        AtomicInteger tooMany = new AtomicInteger();
        AtomicInteger sent = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(10);
        List<Future<?>> flood = new ArrayList<>();
        for (int t = 0; t < 10; t++) {
            int thread = t;
            flood.add(pool.submit(() -> {
                int i = 0;
                while (flooding.get()) {
                    // Half against the connector, half against names that do not exist.
                    ScimClient target = i++ % 2 == 0 ? client(connector, "wrong-" + thread)
                            : ScimClient.bearer(URI.create(connector.get("scimBaseUrl").asText()
                                    .replace("/okta/v2", "/x" + thread + "-" + i + "/v2")), "wrong");
                    int status = target.get("/Users").status();
                    sent.incrementAndGet();
                    if (status == 429) {
                        tooMany.incrementAndGet();
                    }
                }
            }));
        }
        try {
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (tooMany.get() < 50 && System.nanoTime() < until) {
                pause(Duration.ofMillis(50));
            }
            assertTrue(tooMany.get() >= 50, "the flood is throttled: " + tooMany + " of " + sent);
            for (int i = 0; i < 20; i++) {
                assertEquals(200, right.get("/Users?count=1").status(), "valid request " + i + " during the flood");
            }
        } finally {
            flooding.set(false);
            for (Future<?> f : flood) {
                f.get(30, TimeUnit.SECONDS);
            }
            pool.shutdown();
        }
    }

    @Test
    void aConnectorsRequestRateIsCapped() {
        String realm = keycloak.createRealm("throttle-rate");
        JsonNode connector = create(realm, "{\"name\":\"okta\",\"requestRateLimit\":1,\"requestRateBurst\":3}");
        assertEquals(1, connector.get("requestRateLimit").asInt());
        ScimClient right = client(connector, connector.get("token").asText());
        ScimClient.Result limited = null;
        int admitted = 0;
        for (int i = 0; i < 10 && limited == null; i++) {
            ScimClient.Result result = right.get("/ServiceProviderConfig");
            if (result.status() == 429) {
                limited = result;
            } else {
                assertEquals(200, result.status());
                admitted++;
            }
        }
        assertTrue(limited != null, "429 after the burst");
        assertTrue(admitted >= 3 && admitted <= 4, "the burst of 3 (plus one refilled token at most): " + admitted);
        assertEquals(ERROR, limited.json().at("/schemas/0").asText());
        assertEquals("429", limited.json().get("status").asText());
        int retryAfter = Integer.parseInt(limited.header("Retry-After"));
        assertEquals(1, retryAfter, "one token a second");
        pause(Duration.ofSeconds(retryAfter));
        assertEquals(200, right.get("/ServiceProviderConfig").status(), "served again after Retry-After");
        JsonNode shown = admin.expect(200, admin.get("/admin/realms/" + realm + "/scim-connectors/"
                + connector.get("id").asText()));
        assertTrue(shown.get("rateLimitedRequests").asLong() >= 1, shown.toString());
    }

    @Test
    void failuresAreVisibleToAdministratorsAndHoldNoSecret() throws IOException {
        String realm = keycloak.createRealm("throttle-events", ",\"eventsEnabled\":true");
        JsonNode connector = create(realm, "{\"name\":\"okta\",\"authFailureLimit\":2}");
        String token = connector.get("token").asText();
        String wrongSecret = token.substring(0, token.length() - 4) + "WXYZ";
        ScimClient wrong = client(connector, wrongSecret);
        ScimClient ghost = ScimClient.bearer(URI.create(connector.get("scimBaseUrl").asText()
                .replace("/okta/v2", "/ghost/v2")), token);
        for (int i = 0; i < 4; i++) {
            wrong.get("/Users");
        }
        ghost.get("/Users");
        assertEquals(200, client(connector, token).get("/Users?count=1").status());

        // Keycloak events (the realm saves events): one per failure until throttled, one when throttling starts.
        JsonNode events = admin.expect(200, admin.get("/admin/realms/" + realm + "/events?type=CLIENT_LOGIN_ERROR&max=100"));
        List<JsonNode> okta = new ArrayList<>();
        events.forEach(e -> {
            if ("scim:okta".equals(e.path("clientId").asText())) {
                okta.add(e);
            }
        });
        assertEquals(3, okta.size(), events.toString());
        assertTrue(okta.stream().anyMatch(e -> "scim_throttled".equals(e.path("error").asText())), events.toString());
        for (JsonNode e : okta) {
            assertEquals("127.0.0.1", e.path("ipAddress").asText());
            assertEquals("okta", e.at("/details/scim_connector").asText());
        }
        assertTrue(events.toString().contains("\"ghost\""), "the unknown name is recorded too: " + events);
        assertFalse(events.toString().contains(token.substring(4)), "no secret in events");
        assertFalse(events.toString().contains(wrongSecret.substring(4)), "no presented secret in events");

        // The connector's own counts, without events enabled anywhere.
        JsonNode shown = admin.expect(200, admin.get("/admin/realms/" + realm + "/scim-connectors/"
                + connector.get("id").asText()));
        assertEquals(4, shown.get("failedAttempts").asLong(), shown.toString());
        assertEquals(2, shown.get("throttledAttempts").asLong(), shown.toString());
        assertEquals("127.0.0.1", shown.at("/lastFailedAttempt/address").asText());
        assertEquals("wrong_credential", shown.at("/lastFailedAttempt/reason").asText());
        JsonNode recent = admin.expect(200, admin.get("/admin/realms/" + realm + "/scim-connectors/failed-attempts"));
        assertEquals(5, recent.size(), recent.toString());
        assertEquals("ghost", recent.at("/0/connector").asText());
        assertEquals("unknown_connector", recent.at("/0/reason").asText());
        assertFalse(recent.at("/0/knownConnector").asBoolean());
        assertFalse(recent.toString().contains(token.substring(4)));

        // The server log: a line per window and one when throttling starts; never the secret.
        Path log = KeycloakProcess.homeFromSystemProperty().getParent().resolve("keycloak-it.log");
        String text = Files.readString(log);
        assertTrue(text.contains("SCIM credential check failed: realm=" + realm + ", connector=okta, address=127.0.0.1"),
                "log line");
        assertTrue(text.contains("SCIM credential checks throttled: realm=" + realm + ", connector=okta"), "log line");
        assertFalse(text.contains(token.substring(4)), "no secret in the log");
        assertFalse(text.contains(wrongSecret.substring(4)), "no presented secret in the log");
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
