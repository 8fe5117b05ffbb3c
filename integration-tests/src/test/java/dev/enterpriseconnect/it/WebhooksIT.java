package dev.enterpriseconnect.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.WebhookVerificationException;
import com.sun.net.httpserver.HttpServer;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.enterpriseconnect.it.ScimClient.Result;
import dev.enterpriseconnect.testbed.AdminApi;

/**
 * Directory events end to end: SCIM writes in Keycloak, signed webhooks at a real HTTP receiver
 * started here, verified with the Standard Webhooks library; the events API; a rolled-back write
 * emits nothing; an outage of the receiver loses nothing and keeps each user's order.
 */
@ExtendWith(KeycloakServer.class)
class WebhooksIT {

    private static final String USER = "urn:ietf:params:scim:schemas:core:2.0:User";
    private static final String GROUP = "urn:ietf:params:scim:schemas:core:2.0:Group";
    private static final String PATCH = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
    private static final Duration WAIT = Duration.ofSeconds(60);

    private static AdminApi admin;
    private static String realm;
    private static ScimClient scim;
    private static HttpServer receiver;
    private static String endpointId;
    private static volatile String secret;
    private static final ConcurrentLinkedQueue<Received> received = new ConcurrentLinkedQueue<>();
    private static final AtomicBoolean down = new AtomicBoolean();
    private static final AtomicInteger refused = new AtomicInteger();

    record Received(JsonNode event, String body, Map<String, List<String>> headers) {
        String type() {
            return event.get("type").asText();
        }

        String resourceId() {
            return event.at("/resource/id").asText();
        }
    }

    @BeforeAll
    static void setUp(RunningKeycloak keycloak) throws IOException {
        admin = keycloak.admin();
        realm = keycloak.createRealm("webhooks");
        scim = keycloak.scim(keycloak.createConnector(realm, "okta"));
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            if (down.get()) {
                refused.incrementAndGet();
                exchange.sendResponseHeaders(503, -1);
            } else {
                Map<String, List<String>> headers = new TreeMap<>();
                exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), values));
                String text = new String(body, StandardCharsets.UTF_8);
                received.add(new Received(AdminApi.parse(text), text, headers));
                exchange.sendResponseHeaders(204, -1);
            }
            exchange.close();
        });
        receiver.start();
        JsonNode endpoint = admin.expect(201, admin.post(webhooks(""), "{\"url\":\"http://127.0.0.1:"
                + receiver.getAddress().getPort() + "/hook\",\"description\":\"vendor app\"}"));
        endpointId = endpoint.get("id").asText();
        secret = endpoint.get("secret").asText();
        assertTrue(secret.startsWith("whsec_"), secret);
        assertTrue(java.util.Base64.getDecoder().decode(secret.substring(6)).length >= 24);
    }

    @AfterAll
    static void stop() {
        if (receiver != null) {
            receiver.stop(0);
        }
    }

    @Test
    void theSecretIsShownOnceAndEndpointsAreListed() {
        JsonNode list = admin.expect(200, admin.get(webhooks("")));
        assertEquals(1, list.size());
        assertEquals(endpointId, list.get(0).get("id").asText());
        assertFalse(list.get(0).has("secret"), list.toString());
        assertFalse(admin.expect(200, admin.get(webhooks("/" + endpointId))).has("secret"));
        assertEquals(400, admin.post(webhooks(""), "{\"url\":\"ftp://x\"}").statusCode());
    }

    @Test
    void createPatchDeleteArriveSignedAndInOrder() throws Exception {
        String id = createUser("ann@events.test");
        assertEquals(200, scim.patch("/Users/" + id, patch("replace", "displayName", "\"Ann E.\"")).status());
        assertEquals(204, scim.delete("/Users/" + id).status());

        List<Received> events = awaitEvents(id, 3);
        assertEquals(List.of("user.created", "user.updated", "user.deleted"), types(events));
        for (Received event : events) {
            new Webhook(secret).verify(event.body(), event.headers());
            assertEquals(event.event().get("id").asText(), event.headers().get("webhook-id").get(0));
            assertEquals(realm, event.event().get("realm").asText());
            assertEquals("okta", event.event().get("connector").asText());
            assertEquals("User", event.event().at("/resource/type").asText());
            assertEquals("ann@events.test", event.event().at("/data/userName").asText());
        }
        assertEquals("Ann E.", events.get(1).event().at("/data/displayName").asText());
        assertEquals("disable", events.get(2).event().at("/details/policy").asText(), events.get(2).body());
        assertThrows(() -> new Webhook("whsec_" + java.util.Base64.getEncoder().encodeToString(new byte[32]))
                .verify(events.get(0).body(), events.get(0).headers()));

        // The worker records DELIVERED once the receiver's answer is in, a moment after the receiver has the event.
        Set<String> ids = events.stream().map(e -> e.event().get("id").asText()).collect(Collectors.toSet());
        List<JsonNode> delivered = new ArrayList<>();
        await(() -> {
            delivered.clear();
            admin.expect(200, admin.get(webhooks("/" + endpointId + "/deliveries?status=DELIVERED")))
                    .forEach(d -> {
                        if (ids.contains(d.get("eventId").asText())) {
                            delivered.add(d);
                        }
                    });
            return delivered.size() == 3;
        }, "the three deliveries logged as DELIVERED");
        delivered.forEach(d -> assertEquals(1, d.get("attempts").asInt(), d.toString()));
    }

    @Test
    void groupsAndMembershipsAreEvents() {
        String bob = createUser("bob@events.test");
        Result group = scim.post("/Groups", "{\"schemas\":[\"" + GROUP + "\"],\"displayName\":\"Sales\"}");
        assertEquals(201, group.status(), group.response().body());
        String groupId = group.json().get("id").asText();
        assertEquals(204, scim.patch("/Groups/" + groupId, patch("add", "members", "[{\"value\":\"" + bob + "\"}]")).status());
        assertEquals(204, scim.patch("/Groups/" + groupId, patch("replace", "displayName", "\"Sales EMEA\"")).status());
        assertEquals(204, scim.patch("/Groups/" + groupId,
                patch("remove", "members[value eq \\\"" + bob + "\\\"]", null)).status());
        assertEquals(204, scim.delete("/Groups/" + groupId).status());
        List<Received> events = awaitEvents(groupId, 5);
        assertEquals(List.of("group.created", "member.added", "group.updated", "member.removed", "group.deleted"),
                types(events));
        assertEquals(bob, events.get(1).event().at("/data/user/id").asText());
        assertEquals("Sales EMEA", events.get(2).event().at("/data/displayName").asText());
    }

    @Test
    void aRolledBackRequestEmitsNothing() {
        createUser("cat@events.test");
        Result duplicate = scim.post("/Users", user("cat@events.test"));
        assertEquals(409, duplicate.status(), duplicate.response().body());
        // A later committed write: once its event is listed, everything before it is too.
        String marker = createUser("cat-marker@events.test");
        List<JsonNode> all = awaitInEventsApi(marker, 1);
        long created = all.stream().filter(e -> e.get("type").asText().equals("user.created")
                && e.at("/data/userName").asText().equals("cat@events.test")).count();
        assertEquals(1, created, all.toString());
    }

    @Test
    void anOutageOfTheReceiverLosesNothingAndKeepsEachUsersOrder() {
        down.set(true);
        String dan;
        String eve;
        try {
            dan = createUser("dan@events.test");
            eve = createUser("eve@events.test");
            assertEquals(200, scim.patch("/Users/" + dan, patch("replace", "displayName", "\"Dan 1\"")).status());
            assertEquals(200, scim.patch("/Users/" + eve, patch("replace", "displayName", "\"Eve 1\"")).status());
            assertEquals(200, scim.patch("/Users/" + dan, patch("replace", "active", "false")).status());
            assertEquals(200, scim.patch("/Users/" + dan, patch("replace", "active", "true")).status());
            // The receiver refused at least two attempts; the log says so.
            await(() -> refused.get() >= 3, "the receiver was never called while down");
            await(() -> {
                JsonNode pending = admin.expect(200, admin.get(webhooks("/" + endpointId + "/deliveries?status=PENDING")));
                for (JsonNode d : pending) {
                    if (d.get("attempts").asInt() >= 2 && d.get("lastStatus").asInt() == 503
                            && "HTTP 503".equals(d.get("lastError").asText())) {
                        return true;
                    }
                }
                return false;
            }, "no retried delivery in the log");
            assertTrue(received.stream().noneMatch(r -> r.resourceId().equals(dan) || r.resourceId().equals(eve)));
        } finally {
            down.set(false);
        }
        assertEquals(List.of("user.created", "user.updated", "user.deactivated", "user.reactivated"),
                types(awaitEvents(dan, 4)));
        assertEquals(List.of("user.created", "user.updated"), types(awaitEvents(eve, 2)));
        assertEquals("Dan 1", awaitEvents(dan, 4).get(1).event().at("/data/displayName").asText());
    }

    @Test
    void theEventsApiPagesWithACursor() {
        String fay = createUser("fay@events.test");
        assertEquals(200, scim.patch("/Users/" + fay, patch("replace", "displayName", "\"Fay\"")).status());
        List<JsonNode> all = awaitInEventsApi(fay, 2);
        List<JsonNode> fays = all.stream().filter(e -> e.at("/resource/id").asText().equals(fay)).toList();
        assertEquals(List.of("user.created", "user.updated"), fays.stream().map(e -> e.get("type").asText()).toList());
        String cursor = fays.get(0).get("cursor").asText();
        JsonNode after = admin.expect(200, admin.get(webhooks("/events?limit=1&after=" + cursor)));
        assertEquals(1, after.get("events").size());
        assertNotEquals(fays.get(0).get("id").asText(), after.at("/events/0/id").asText());
        assertTrue(Long.parseLong(after.get("next").asText()) > Long.parseLong(cursor));
        JsonNode end = admin.expect(200, admin.get(webhooks("/events?after=" + all.get(all.size() - 1).get("cursor").asText())));
        assertTrue(end.get("events").isEmpty() || end.at("/events/0/cursor").asLong()
                > all.get(all.size() - 1).get("cursor").asLong());
        assertEquals(400, admin.get(webhooks("/events?after=nope")).statusCode());
    }

    @Test
    void aRotatedSecretSignsAlongsideTheOldOneDuringTheOverlap() throws Exception {
        String old = secret;
        JsonNode rotated = admin.expect(200, admin.post(webhooks("/" + endpointId + "/rotate-secret"),
                "{\"overlapSeconds\":3600}"));
        String fresh = rotated.get("secret").asText();
        assertNotEquals(old, fresh);
        assertTrue(rotated.hasNonNull("previousSecretValidUntil"), rotated.toString());
        secret = fresh;
        String gus = createUser("gus@events.test");
        Received event = awaitEvents(gus, 1).get(0);
        assertEquals(2, event.headers().get("webhook-signature").get(0).split(" ").length);
        new Webhook(fresh).verify(event.body(), event.headers());
        new Webhook(old).verify(event.body(), event.headers());
    }

    @Test
    void aDeliveryCanBeSentAgainByHand() {
        String hal = createUser("hal@events.test");
        Received first = awaitEvents(hal, 1).get(0);
        // The receiver has the event a moment before the worker records its answer (until then a
        // redeliver answers 409 "being sent right now"): wait for the log to say DELIVERED.
        String[] deliveryId = new String[1];
        await(() -> {
            for (JsonNode d : admin.expect(200, admin.get(webhooks("/" + endpointId + "/deliveries?status=DELIVERED")))) {
                if (d.get("eventId").asText().equals(first.event().get("id").asText())) {
                    deliveryId[0] = d.get("id").asText();
                }
            }
            return deliveryId[0] != null;
        }, "no DELIVERED delivery for the event in the log");
        admin.expect(202, admin.post(webhooks("/" + endpointId + "/deliveries/" + deliveryId[0] + "/redeliver"), ""));
        List<Received> again = awaitEvents(hal, 2);
        assertEquals(first.event().get("id").asText(), again.get(1).event().get("id").asText());
    }

    // --- helpers

    private static String webhooks(String path) {
        return "/admin/realms/" + realm + "/enterprise-webhooks" + path;
    }

    private static String user(String userName) {
        return "{\"schemas\":[\"" + USER + "\"],\"userName\":\"" + userName + "\",\"emails\":[{\"value\":\""
                + userName + "\",\"primary\":true}]}";
    }

    private static String createUser(String userName) {
        Result created = scim.post("/Users", user(userName));
        assertEquals(201, created.status(), created.response().body());
        return created.json().get("id").asText();
    }

    private static String patch(String op, String path, String value) {
        return "{\"schemas\":[\"" + PATCH + "\"],\"Operations\":[{\"op\":\"" + op + "\",\"path\":\"" + path + "\""
                + (value == null ? "" : ",\"value\":" + value) + "}]}";
    }

    /** Waits for at least {@code count} received events of one resource, in arrival order. */
    private static List<Received> awaitEvents(String resourceId, int count) {
        List<Received> events = new ArrayList<>();
        await(() -> {
            events.clear();
            received.stream().filter(r -> r.resourceId().equals(resourceId)).forEach(events::add);
            return events.size() >= count;
        }, "fewer than " + count + " events arrived for " + resourceId);
        return events;
    }

    /** Pages through the whole events API until {@code count} events of this resource are listed. */
    private static List<JsonNode> awaitInEventsApi(String resourceId, int count) {
        List<JsonNode> all = new ArrayList<>();
        await(() -> {
            all.clear();
            String cursor = "";
            while (true) {
                JsonNode page = admin.expect(200, admin.get(webhooks("/events?limit=3&after=" + cursor)));
                page.get("events").forEach(all::add);
                if (!page.get("hasMore").asBoolean()) {
                    break;
                }
                cursor = page.get("next").asText();
            }
            return all.stream().filter(e -> e.at("/resource/id").asText().equals(resourceId)).count() >= count;
        }, "the events API never listed " + resourceId);
        return all;
    }

    private static List<String> types(List<Received> events) {
        return events.stream().map(Received::type).toList();
    }

    private static void await(BooleanSupplier condition, String message) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted");
            }
        }
        fail(message);
    }

    private static void assertThrows(Verification verification) {
        try {
            verification.run();
            fail("a signature made with another secret was accepted");
        } catch (WebhookVerificationException expected) {
            // as it should
        }
    }

    @FunctionalInterface
    private interface Verification {
        void run() throws WebhookVerificationException;
    }
}
