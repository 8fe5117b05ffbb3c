package dev.enterpriseconnect.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import com.sun.net.httpserver.HttpServer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.enterpriseconnect.it.ScimClient.Result;
import dev.enterpriseconnect.testbed.AdminApi;

/**
 * The metrics an operator graphs, scraped from the management port's {@code /metrics} of a
 * Keycloak started with {@code --metrics-enabled=true}: each family moves by what the test did,
 * and no label carries a user id or a name from a request path.
 */
@ExtendWith(KeycloakServer.class)
class ScimMetricsIT {

    private static final String USER = "urn:ietf:params:scim:schemas:core:2.0:User";
    private static final String ERROR = "urn:ietf:params:scim:api:messages:2.0:Error";
    private static final String PATCH = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
    private static final Duration WAIT = Duration.ofSeconds(60);

    @RegisterExtension
    static final Mailbox mailbox = new Mailbox();

    @Test
    void everyFamilyMovesByWhatHappenedWithBoundedLabels(RunningKeycloak keycloak) throws Exception {
        AdminApi admin = keycloak.admin();
        String realm = keycloak.createRealm("metrics", mailbox.realmSmtpJson());
        // Connector names unique to this class: other classes' traffic on the shared server has other labels.
        RunningKeycloak.Connector okta = keycloak.createConnector(realm, "metrics-okta",
                ",\"authFailureLimit\":2,\"authFailureWindow\":\"PT1M\",\"invitationLifespan\":\"PT2S\"");
        RunningKeycloak.Connector paced = keycloak.createConnector(realm, "metrics-paced",
                ",\"requestRateLimit\":1,\"requestRateBurst\":1");
        AtomicInteger delivered = new AtomicInteger();
        AtomicInteger refusedByReceiver = new AtomicInteger();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/ok", exchange -> {
            exchange.getRequestBody().readAllBytes();
            delivered.incrementAndGet();
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.createContext("/down", exchange -> {
            exchange.getRequestBody().readAllBytes();
            refusedByReceiver.incrementAndGet();
            exchange.sendResponseHeaders(503, -1);
            exchange.close();
        });
        receiver.start();
        try {
            String hooks = "/admin/realms/" + realm + "/enterprise-webhooks";
            String base = "http://127.0.0.1:" + receiver.getAddress().getPort();
            admin.expect(201, admin.post(hooks, "{\"url\":\"" + base + "/ok\"}"));
            admin.expect(201, admin.post(hooks, "{\"url\":\"" + base + "/down\"}"));
            String before = keycloak.metrics();

            ScimClient scim = keycloak.scim(okta);
            Result created = scim.post("/Users", "{\"schemas\":[\"" + USER + "\"],\"userName\":\"ann@metrics.test\","
                    + "\"emails\":[{\"value\":\"ann@metrics.test\",\"primary\":true}]}");
            assertEquals(201, created.status(), created.response().body());
            String id = created.json().get("id").asText();
            // Bob is deactivated below; Ann's invitation stays pending until the sweep expires it.
            Result bob = scim.post("/Users", "{\"schemas\":[\"" + USER + "\"],\"userName\":\"bob@metrics.test\"}");
            assertEquals(201, bob.status(), bob.response().body());
            String bobId = bob.json().get("id").asText();
            assertEquals(200, scim.get("/Users/" + id).status());

            // Bad input: a SCIM error with its scimType, and nothing was stored.
            Result bad = scim.post("/Users", "{\"schemas\":[\"" + USER + "\"],\"userName\":\"\"}");
            assertEquals(400, bad.status(), bad.response().body());
            assertEquals(ERROR, bad.json().at("/schemas/0").asText());
            assertEquals("invalidValue", bad.json().get("scimType").asText(), bad.response().body());
            Result list = scim.get("/Users");
            assertEquals(200, list.status());
            assertEquals(2, list.json().get("totalResults").asInt(), "the refused create stored nothing");
            assertEquals("'userName' is required and must be a non-empty string", bad.json().get("detail").asText());

            assertEquals(200, scim.patch("/Users/" + bobId, "{\"schemas\":[\"" + PATCH + "\"],\"Operations\":[{\"op\":"
                    + "\"replace\",\"value\":{\"active\":false}}]}").status());

            // Refused credentials: two 401s, then the pair is throttled (429).
            ScimClient wrong = ScimClient.bearer(okta.baseUrl(), okta.token() + "x");
            assertEquals(401, wrong.get("/Users").status());
            assertEquals(401, wrong.get("/Users").status());
            Result throttled = wrong.get("/Users");
            assertEquals(429, throttled.status(), throttled.response().body());
            // A name no connector has: counted as "unknown", the name itself never becomes a label.
            ScimClient ghost = ScimClient.bearer(URI.create(okta.baseUrl().toString()
                    .replace("/metrics-okta/v2", "/ghost-7f3a/v2")), okta.token());
            assertEquals(401, ghost.get("/Users").status());

            // The paced connector's bucket holds one request: the next ones within the second are 429.
            ScimClient pacedScim = keycloak.scim(paced);
            int pacedRefused = 0;
            for (int i = 0; i < 20 && pacedRefused == 0; i++) {
                int status = pacedScim.get("/ServiceProviderConfig").status();
                assertTrue(status == 200 || status == 429, "status " + status);
                pacedRefused += status == 429 ? 1 : 0;
            }
            assertEquals(1, pacedRefused);

            await(() -> delivered.get() >= 1 && refusedByReceiver.get() >= 1, "a delivery to each receiver");
            await(() -> delta(before, keycloak.metrics(), "enterprise_connect_invitations_total", "step=\"expired\"") >= 1,
                    "the sweep expired the 2-second invitation");
            // A delivery is counted once the worker has its answer, a moment after the receiver answered.
            await(() -> {
                String now = keycloak.metrics();
                return delta(before, now, "enterprise_connect_webhook_lag_seconds_count") >= 1
                        && delta(before, now, "enterprise_connect_webhook_deliveries_seconds_count",
                                "outcome=\"failure\"") >= 1;
            }, "the worker recorded a delivery and a refused attempt");
            String after = keycloak.metrics();

            // SCIM requests by connector, resource, operation and status, with a latency histogram.
            assertEquals(2, delta(before, after, "enterprise_connect_scim_requests_seconds_count",
                    "connector=\"metrics-okta\"", "resource=\"Users\"", "operation=\"post\"", "status=\"201\""));
            assertEquals(1, delta(before, after, "enterprise_connect_scim_requests_seconds_count",
                    "connector=\"metrics-okta\"", "operation=\"post\"", "status=\"400\""));
            assertEquals(2, delta(before, after, "enterprise_connect_scim_requests_seconds_count",
                    "connector=\"metrics-okta\"", "operation=\"get\"", "status=\"200\""));
            assertEquals(1, delta(before, after, "enterprise_connect_scim_requests_seconds_count",
                    "connector=\"metrics-okta\"", "operation=\"patch\"", "status=\"200\""));
            assertTrue(delta(before, after, "enterprise_connect_scim_requests_seconds_bucket",
                    "connector=\"metrics-okta\"", "operation=\"patch\"") >= 1, "the PATCH fell in the histogram's buckets");
            assertTrue(after.contains("enterprise_connect_scim_requests_seconds_bucket{"), "a histogram");
            assertTrue(delta(before, after, "enterprise_connect_scim_requests_seconds_count", "connector=\"none\"",
                    "status=\"401\"") >= 3, "refused requests are timed too, without the path's name");
            assertEquals(pacedRefused, delta(before, after, "enterprise_connect_scim_requests_seconds_count",
                    "connector=\"metrics-paced\"", "status=\"429\""));

            // Authentication failures and throttling.
            assertEquals(3, delta(before, after, "enterprise_connect_scim_auth_failures_total",
                    "connector=\"metrics-okta\"", "reason=\"wrong_credential\""));
            assertTrue(delta(before, after, "enterprise_connect_scim_auth_failures_total", "connector=\"unknown\"",
                    "reason=\"unknown_connector\"") >= 1);
            assertEquals(1, delta(before, after, "enterprise_connect_scim_throttled_total",
                    "connector=\"metrics-okta\"", "limit=\"auth_failures\""));
            assertEquals(pacedRefused, delta(before, after, "enterprise_connect_scim_throttled_total",
                    "connector=\"metrics-paced\"", "limit=\"request_rate\""));

            // Invitations and deprovisionings (counted once committed).
            assertTrue(delta(before, after, "enterprise_connect_invitations_total", "step=\"sent\"") >= 1);
            assertTrue(delta(before, after, "enterprise_connect_invitations_total", "step=\"expired\"") >= 1);
            assertTrue(delta(before, after, "enterprise_connect_deprovisionings_total", "step=\"access_revoked\"",
                    "actor=\"scim\"") >= 1);

            // Webhook deliveries, failures and lag.
            assertTrue(delta(before, after, "enterprise_connect_webhook_deliveries_seconds_count",
                    "outcome=\"success\"") >= 1);
            assertTrue(delta(before, after, "enterprise_connect_webhook_deliveries_seconds_count",
                    "outcome=\"failure\"") >= 1);
            assertTrue(delta(before, after, "enterprise_connect_webhook_lag_seconds_count") >= 1);
            assertTrue(after.contains("enterprise_connect_webhook_lag_seconds_bucket{"), "a lag histogram");

            // Bounded labels: no user id, no name from a path (in our families; Keycloak's own are its business).
            String ours = String.join("\n", after.lines().filter(line -> line.startsWith("enterprise_connect_")).toList());
            assertTrue(ours.contains("connector=\"metrics-okta\""), ours);
            assertFalse(ours.contains(id) || ours.contains(bobId), "a user id in a label");
            assertFalse(ours.contains("ghost-7f3a"), "a path's connector name in a label");
            assertFalse(ours.contains("ann@metrics.test"), "a userName in a label");
        } finally {
            receiver.stop(0);
        }
    }

    /** How far the samples of {@code name} whose labels contain every one of {@code labels} moved. */
    static double delta(String before, String after, String name, String... labels) {
        return sum(after, name, labels) - sum(before, name, labels);
    }

    private static double sum(String metrics, String name, String... labels) {
        double total = 0;
        for (String line : metrics.split("\n")) {
            if (!(line.startsWith(name + "{") || line.startsWith(name + " "))) {
                continue;
            }
            int end = line.lastIndexOf('}');
            String labelText = end < 0 ? "" : line.substring(0, end + 1);
            boolean all = true;
            for (String label : labels) {
                all &= labelText.contains(label);
            }
            if (all) {
                total += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return total;
    }

    private static void await(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return;
            }
            EventsApi.pause();
        }
        fail("never happened: " + what);
    }
}
