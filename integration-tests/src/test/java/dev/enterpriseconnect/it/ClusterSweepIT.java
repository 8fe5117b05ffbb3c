package dev.enterpriseconnect.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.enterpriseconnect.testbed.AdminApi;

/**
 * Two Keycloak nodes (production mode, embedded Infinispan cluster discovered through the
 * database) sharing one PostgreSQL: each node's timer fires every interval, and the lifecycle
 * sweep runs on one of them only.
 */
@ExtendWith(TwoNodeCluster.Extension.class)
class ClusterSweepIT {

    private static final int INTERVAL_SECONDS = TwoNodeCluster.SWEEP_INTERVAL_SECONDS;
    private static final Duration WINDOW = Duration.ofSeconds(30);
    private static final String RAN = "Lifecycle sweep ran on this node";
    private static final String SKIPPED = "Lifecycle sweep skipped on this node";

    @Test
    void twoNodesSharingOnePostgresRunTheSweepOncePerInterval(TwoNodeCluster cluster) throws Exception {
        long started = System.nanoTime();
        TwoNodeCluster.Node node1 = cluster.node(0);
        TwoNodeCluster.Node node2 = cluster.node(1);
        AdminApi admin1 = node1.admin();
        AdminApi admin2 = node2.admin();
        String realm = "cluster-" + System.currentTimeMillis();
        admin1.expect(201, admin1.post("/admin/realms", "{\"realm\":\"" + realm + "\",\"enabled\":true}"));
        JsonNode connector = admin1.expect(201, admin1.post("/admin/realms/" + realm + "/scim-connectors",
                "{\"name\":\"entra\",\"deprovisioning\":{\"onDelete\":\"disable-then-delete\",\"retention\":\"1\"}}"));
        ScimClient scim = ScimClient.bearer(java.net.URI.create(connector.get("scimBaseUrl").asText()),
                connector.get("token").asText());

        int ranBefore = node1.count(RAN) + node2.count(RAN);
        int firedBefore = ranBefore + node1.count(SKIPPED) + node2.count(SKIPPED);
        String id = scim.post("/Users", "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],"
                + "\"userName\":\"leaver@acme.test\",\"active\":true}").json().get("id").asText();
        assertEquals(204, scim.delete("/Users/" + id).status());
        Thread.sleep(WINDOW.toMillis());
        int ran = node1.count(RAN) + node2.count(RAN) - ranBefore;
        int fired = node1.count(RAN) + node2.count(RAN) + node1.count(SKIPPED) + node2.count(SKIPPED) - firedBefore;

        long intervals = WINDOW.toSeconds() / INTERVAL_SECONDS;
        System.out.printf("In %d s: timers fired %d times on two nodes, the sweep ran %d times%n",
                WINDOW.toSeconds(), fired, ran);
        // Each node's timer fires twice per interval; the sweep runs once per interval, on one node.
        assertTrue(fired >= 4 * intervals - 2, "both nodes' timers fired twice per interval: " + fired);
        assertTrue(ran >= intervals - 1 && ran <= intervals + 2, ran + " runs in " + intervals + " intervals");
        List<String> runs = new ArrayList<>(intervalsRun(node1));
        runs.addAll(intervalsRun(node2));
        assertEquals(runs.size(), new java.util.HashSet<>(runs).size(),
                "never two runs in one interval, on either node: " + runs);
        assertEquals(404, admin2.get("/admin/realms/" + realm + "/users/" + id).statusCode(),
                "the retention purge ran");
        assertEquals(1, node1.count("Retention purge in realm " + realm) + node2.count("Retention purge in realm " + realm),
                "the user was purged once");
        System.out.printf("Cluster sweep test took %.1f s (cluster already up)%n", (System.nanoTime() - started) / 1e9);
    }

    /** The interval numbers of the runs a node's log shows. */
    private static List<String> intervalsRun(TwoNodeCluster.Node node) {
        return node.logLines().stream().filter(line -> line.contains(RAN))
                .map(line -> line.replaceAll(".*for interval #(\\d+):.*", "$1")).toList();
    }
}
