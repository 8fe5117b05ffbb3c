package dev.enterpriseconnect.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;

import dev.enterpriseconnect.testbed.AdminApi;
import dev.enterpriseconnect.testbed.KeycloakProcess;

/**
 * Two Keycloak nodes (production mode, embedded Infinispan cluster discovered through the
 * database) sharing one PostgreSQL: each node's timer fires every interval, and the lifecycle
 * sweep runs on one of them only.
 */
class ClusterSweepIT {

    private static final int INTERVAL_SECONDS = 5;
    private static final Duration WINDOW = Duration.ofSeconds(30);
    private static final String RAN = "Lifecycle sweep ran on this node";
    private static final String SKIPPED = "Lifecycle sweep skipped on this node";
    /** Three JVMs on a small CI machine: bounded heaps, and only the quick JIT, which is what start-up needs. */
    private static final Map<String, String> FRUGAL_JVM = Map.of("JAVA_OPTS_KC_HEAP", "-Xms64m -Xmx512m",
            "JAVA_OPTS_APPEND", "-XX:TieredStopAtLevel=1");

    @Test
    void twoNodesSharingOnePostgresRunTheSweepOncePerInterval() throws Exception {
        Path target = KeycloakProcess.homeFromSystemProperty().getParent();
        Path cluster = target.resolve("cluster");
        LocalPostgres.deleteRecursively(cluster);
        Files.createDirectories(cluster);
        long started = System.nanoTime();
        try (LocalPostgres postgres = LocalPostgres.start(target.resolve("pg"))) {
            Path node1 = cluster.resolve("node1");
            Path node2 = cluster.resolve("node2");
            copy(KeycloakProcess.homeFromSystemProperty(), node1);
            build(node1, cluster.resolve("build.log"));
            copy(node1, node2);
            Path log1 = cluster.resolve("node1.log");
            Path log2 = cluster.resolve("node2.log");
            List<KeycloakProcess> nodes = new ArrayList<>();
            try {
                // One after the other: two nodes creating the schema of an empty database race for Liquibase's tables.
                nodes.add(startNode(node1, postgres, log1).awaitReady(Duration.ofMinutes(5)));
                nodes.add(startNode(node2, postgres, log2).awaitReady(Duration.ofMinutes(5)));
                await(Duration.ofMinutes(2), () -> formedClusterOfTwo(log1) && formedClusterOfTwo(log2),
                        "both nodes see a cluster of two");
                System.out.printf("Two-node cluster up in %.1f s%n", (System.nanoTime() - started) / 1e9);

                AdminApi admin1 = new AdminApi(nodes.get(0).baseUrl());
                AdminApi admin2 = new AdminApi(nodes.get(1).baseUrl());
                String realm = "cluster-" + System.currentTimeMillis();
                admin1.expect(201, admin1.post("/admin/realms", "{\"realm\":\"" + realm + "\",\"enabled\":true}"));
                JsonNode connector = admin1.expect(201, admin1.post("/admin/realms/" + realm + "/scim-connectors",
                        "{\"name\":\"entra\",\"deprovisioning\":{\"onDelete\":\"disable-then-delete\",\"retention\":\"1\"}}"));
                ScimClient scim = ScimClient.bearer(java.net.URI.create(connector.get("scimBaseUrl").asText()),
                        connector.get("token").asText());

                int ranBefore = count(log1, RAN) + count(log2, RAN);
                int firedBefore = ranBefore + count(log1, SKIPPED) + count(log2, SKIPPED);
                String id = scim.post("/Users", "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],"
                        + "\"userName\":\"leaver@acme.test\",\"active\":true}").json().get("id").asText();
                assertEquals(204, scim.delete("/Users/" + id).status());
                Thread.sleep(WINDOW.toMillis());
                int ran = count(log1, RAN) + count(log2, RAN) - ranBefore;
                int fired = count(log1, RAN) + count(log2, RAN) + count(log1, SKIPPED) + count(log2, SKIPPED) - firedBefore;

                long intervals = WINDOW.toSeconds() / INTERVAL_SECONDS;
                System.out.printf("In %d s: timers fired %d times on two nodes, the sweep ran %d times%n",
                        WINDOW.toSeconds(), fired, ran);
                // Each node's timer fires twice per interval; the sweep runs once per interval, on one node.
                assertTrue(fired >= 4 * intervals - 2, "both nodes' timers fired twice per interval: " + fired);
                assertTrue(ran >= intervals - 1 && ran <= intervals + 2, ran + " runs in " + intervals + " intervals");
                List<String> runs = new ArrayList<>(intervalsRun(log1));
                runs.addAll(intervalsRun(log2));
                assertEquals(runs.size(), new java.util.HashSet<>(runs).size(),
                        "never two runs in one interval, on either node: " + runs);
                assertEquals(404, admin2.get("/admin/realms/" + realm + "/users/" + id).statusCode(),
                        "the retention purge ran");
                assertEquals(1, count(log1, "Retention purge in realm " + realm) + count(log2,
                        "Retention purge in realm " + realm), "the user was purged once");
            } finally {
                nodes.forEach(KeycloakProcess::close);
            }
        }
        System.out.printf("Cluster test took %.1f s%n", (System.nanoTime() - started) / 1e9);
    }

    private static KeycloakProcess startNode(Path home, LocalPostgres postgres, Path log) {
        int httpPort = KeycloakProcess.freePort();
        return KeycloakProcess.run(home, KeycloakProcess.bundleFromSystemProperty(), httpPort, List.of("start",
                "--optimized", "--db-url=" + postgres.jdbcUrl(), "--db-username=" + LocalPostgres.USER,
                "--db-password=unused", "--http-enabled=true", "--hostname-strict=false",
                "--http-port=" + httpPort, "--http-management-port=" + KeycloakProcess.freePort(),
                "--cache-embedded-network-bind-address=127.0.0.1",
                "--cache-embedded-network-bind-port=" + KeycloakProcess.freePort(),
                "--spi-enterprise-connect-sweep--default--interval=" + INTERVAL_SECONDS,
                "--log-level=INFO,dev.enterpriseconnect.lifecycle.sweep:debug"),
                FRUGAL_JVM, log);
    }

    /** The production build (PostgreSQL, clustered caches) that both nodes start from. */
    private static void build(Path home, Path log) throws Exception {
        KeycloakProcess build = KeycloakProcess.run(home, KeycloakProcess.bundleFromSystemProperty(), 0,
                List.of("build", "--db=postgres", "--cache=ispn"), FRUGAL_JVM, log);
        build.processHandle().onExit().get(5, TimeUnit.MINUTES);
        if (build.waitFor() != 0) {
            throw new IllegalStateException("kc.sh build failed:\n" + build.logTail());
        }
    }

    private static void copy(Path from, Path to) throws Exception {
        Process copy = new ProcessBuilder("cp", "-a", from.toString(), to.toString()).inheritIO().start();
        if (!copy.waitFor(5, TimeUnit.MINUTES) || copy.exitValue() != 0) {
            throw new IllegalStateException("Cannot copy " + from + " to " + to);
        }
        LocalPostgres.deleteRecursively(to.resolve("data"));
    }

    /** The interval numbers of the runs a node's log shows. */
    private static List<String> intervalsRun(Path log) {
        return lines(log).stream().filter(line -> line.contains(RAN))
                .map(line -> line.replaceAll(".*for interval #(\\d+):.*", "$1")).toList();
    }

    private static boolean formedClusterOfTwo(Path log) {
        return lines(log).stream().anyMatch(line -> line.contains("ISPN000094") && line.contains("(2)"));
    }

    private static int count(Path log, String text) {
        return (int) lines(log).stream().filter(line -> line.contains(text)).count();
    }

    private static List<String> lines(Path log) {
        try {
            return Files.exists(log) ? Files.readAllLines(log) : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void await(Duration timeout, BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + ": not within " + timeout);
            }
            Thread.sleep(500);
        }
    }
}
