package dev.enterpriseconnect.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.enterpriseconnect.it.ScimClient.Result;
import dev.enterpriseconnect.testbed.AdminApi;

/**
 * Webhook delivery on two nodes sharing one PostgreSQL (which also proves the events module's
 * Liquibase changelog there): SCIM writes alternate between the nodes, both nodes' workers poll
 * the same outbox, and a real receiver gets every event exactly once (by {@code webhook-id}), in
 * order per user. The management ports' {@code /metrics} show the SCIM writes and the deliveries.
 */
@ExtendWith(TwoNodeCluster.Extension.class)
class WebhooksClusterIT {

    private static final String USER = "urn:ietf:params:scim:schemas:core:2.0:User";
    private static final String PATCH = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
    private static final int USERS = 10;
    /** Per user: a create, then two PATCHes, each write on the other node than the one before. */
    private static final int WRITES = USERS * 3;
    /** The connector's name, unique to this class: the SCIM metric is labelled with it, the realm is not. */
    private static final String CONNECTOR = "cluster-hooks";

    record Received(String webhookId, JsonNode event) {
        String resourceId() {
            return event.at("/resource/id").asText();
        }
    }

    @Test
    void everyEventOfWritesOnBothNodesArrivesExactlyOnceAndInOrderPerUser(TwoNodeCluster cluster) throws Exception {
        long started = System.nanoTime();
        AdminApi admin = cluster.node(0).admin();
        String realm = "hooks-" + System.currentTimeMillis();
        admin.expect(201, admin.post("/admin/realms", "{\"realm\":\"" + realm + "\",\"enabled\":true}"));
        JsonNode connector = admin.expect(201, admin.post("/admin/realms/" + realm + "/scim-connectors",
                "{\"name\":\"" + CONNECTOR + "\"}"));
        URI base1 = URI.create(connector.get("scimBaseUrl").asText());
        String token = connector.get("token").asText();
        List<ScimClient> scim = List.of(ScimClient.bearer(base1, token), ScimClient.bearer(URI.create(base1.toString()
                .replace(cluster.node(0).baseUrl().toString(), cluster.node(1).baseUrl().toString())), token));
        assertTrue(!base1.toString().contains(cluster.node(1).baseUrl().toString()), base1.toString());

        ConcurrentLinkedQueue<Received> received = new ConcurrentLinkedQueue<>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        ExecutorService threads = Executors.newFixedThreadPool(4);
        receiver.setExecutor(threads);
        receiver.createContext("/hook", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            received.add(new Received(exchange.getRequestHeaders().getFirst("webhook-id"), AdminApi.parse(body)));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        try {
            admin.expect(201, admin.post("/admin/realms/" + realm + "/enterprise-webhooks", "{\"url\":\"http://127.0.0.1:"
                    + receiver.getAddress().getPort() + "/hook\"}"));
            List<String> metricsBefore = cluster.nodes().stream().map(TwoNodeCluster.Node::metrics).toList();

            List<String> ids = new ArrayList<>();
            int write = 0;
            for (int i = 0; i < USERS; i++) {
                String userName = "u" + i + "@cluster.test";
                Result created = scim.get(write++ % 2).post("/Users", "{\"schemas\":[\"" + USER + "\"],\"userName\":\""
                        + userName + "\"}");
                assertEquals(201, created.status(), created.response().body());
                ids.add(created.json().get("id").asText());
            }
            for (int round = 1; round <= 2; round++) {
                for (String id : ids) {
                    Result patched = scim.get(write++ % 2).patch("/Users/" + id, "{\"schemas\":[\"" + PATCH
                            + "\"],\"Operations\":[{\"op\":\"replace\",\"path\":\"displayName\",\"value\":\"v" + round
                            + "\"}]}");
                    assertEquals(200, patched.status(), patched.response().body());
                }
            }
            assertEquals(WRITES, write);
            long written = System.nanoTime();

            // The writes' events, and the connector's activation by its first request on either node.
            TwoNodeCluster.await(Duration.ofSeconds(90), () -> received.size() >= WRITES + 1,
                    "all " + WRITES + " events and the activation delivered (so far " + received.size() + ")");
            double lag = (System.nanoTime() - written) / 1e9;
            // A duplicate would come from a second node sending a claimed delivery: give it a few worker rounds.
            Thread.sleep(3_000);

            List<Received> activations = received.stream()
                    .filter(r -> r.event().get("type").asText().equals("connector.activated")).toList();
            assertEquals(1, activations.size(), "one activation although both nodes saw a first request");
            List<Received> all = received.stream()
                    .filter(r -> !r.event().get("type").asText().equals("connector.activated")).toList();
            Set<String> webhookIds = new HashSet<>();
            all.forEach(r -> webhookIds.add(r.webhookId()));
            assertEquals(WRITES, all.size(), "one delivery per event, no duplicates: " + all.size() + " received");
            assertEquals(WRITES, webhookIds.size(), "distinct webhook-ids");
            Map<String, List<String>> perUser = new LinkedHashMap<>();
            for (Received r : all) {
                assertEquals(r.event().get("id").asText(), r.webhookId());
                assertEquals(realm, r.event().get("realm").asText());
                perUser.computeIfAbsent(r.resourceId(), k -> new ArrayList<>()).add(r.event().get("type").asText() + ":"
                        + r.event().at("/data/displayName").asText(""));
            }
            assertEquals(new HashSet<>(ids), perUser.keySet());
            for (String id : ids) {
                assertEquals(List.of("user.created:", "user.updated:v1", "user.updated:v2"), perUser.get(id),
                        "in order for " + id);
            }

            List<String> metricsAfter = cluster.nodes().stream().map(TwoNodeCluster.Node::metrics).toList();
            double scimWrites = 0;
            double deliveries = 0;
            List<String> perNode = new ArrayList<>();
            for (int n = 0; n < 2; n++) {
                double nodeWrites = delta(metricsBefore.get(n), metricsAfter.get(n),
                        "enterprise_connect_scim_requests_seconds_count", "connector=\"" + CONNECTOR + "\"");
                double nodeDeliveries = delta(metricsBefore.get(n), metricsAfter.get(n),
                        "enterprise_connect_webhook_deliveries_seconds_count", "outcome=\"success\"");
                perNode.add("node" + (n + 1) + ": " + nodeWrites + " SCIM writes, " + nodeDeliveries + " deliveries");
                scimWrites += nodeWrites;
                deliveries += nodeDeliveries;
                assertEquals(WRITES / 2.0, nodeWrites, "half the writes went to node " + (n + 1));
            }
            // Other classes' webhooks run on the shared server, not here: these are ours.
            assertEquals(WRITES + 1, deliveries, "successful attempts on both nodes: " + perNode);
            // Either node may have sent every delivery, so the timer shows on whichever did.
            assertTrue(metricsAfter.stream().anyMatch(m -> m.contains("enterprise_connect_webhook_deliveries_seconds_sum")),
                    "a timer shows its sum too");
            System.out.printf("Webhooks on two nodes: %d writes, all delivered %.1f s after the last; %s; test took %.1f s%n",
                    WRITES, lag, perNode, (System.nanoTime() - started) / 1e9);
        } finally {
            receiver.stop(0);
            threads.shutdownNow();
        }
    }

    /** How far the samples of a metric whose labels contain {@code label} moved between two scrapes. */
    private static double delta(String before, String after, String name, String label) {
        return sum(after, name, label) - sum(before, name, label);
    }

    private static double sum(String metrics, String name, String label) {
        double total = 0;
        for (String line : metrics.split("\n")) {
            if (line.startsWith(name + "{") && line.contains(label)) {
                total += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return total;
    }
}
