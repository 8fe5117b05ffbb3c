package dev.enterpriseconnect.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import dev.enterpriseconnect.testbed.AdminApi;
import dev.enterpriseconnect.testbed.Directories;
import dev.enterpriseconnect.testbed.KeycloakProcess;

/**
 * Two Keycloak nodes (production mode, embedded Infinispan cluster discovered through the
 * database, metrics on) sharing one test-started PostgreSQL, started once for every test class
 * that asks for a {@link TwoNodeCluster} parameter and stopped after the last test class
 * ({@link ClusterClassesLast} runs those classes at the end, so the cluster's three processes never
 * load the machine under the other tests).
 */
public final class TwoNodeCluster implements AutoCloseable {

    /** The lifecycle sweep's interval on both nodes. */
    static final int SWEEP_INTERVAL_SECONDS = 5;

    /** Three JVMs on a small CI machine: bounded heaps, and only the quick JIT, which is what start-up needs. */
    private static final Map<String, String> FRUGAL_JVM = Map.of("JAVA_OPTS_KC_HEAP", "-Xms64m -Xmx512m",
            "JAVA_OPTS_APPEND", "-XX:TieredStopAtLevel=1");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** One node: its process, log and management port ({@code /metrics}). */
    public record Node(KeycloakProcess process, Path log, int managementPort) {
        public URI baseUrl() {
            return process.baseUrl();
        }

        public AdminApi admin() {
            return new AdminApi(process.baseUrl());
        }

        /** The Prometheus text of the management port's {@code /metrics}. */
        public String metrics() {
            try {
                HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + managementPort + "/metrics")).timeout(Duration.ofSeconds(10))
                        .build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() != 200) {
                    throw new IllegalStateException("/metrics answered " + response.statusCode());
                }
                return response.body();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        public List<String> logLines() {
            try {
                return Files.exists(log) ? Files.readAllLines(log) : List.of();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        public int count(String text) {
            return (int) logLines().stream().filter(line -> line.contains(text)).count();
        }
    }

    private final LocalPostgres postgres;
    private final List<Node> nodes;

    private TwoNodeCluster(LocalPostgres postgres, List<Node> nodes) {
        this.postgres = postgres;
        this.nodes = nodes;
    }

    public Node node(int index) {
        return nodes.get(index);
    }

    public List<Node> nodes() {
        return nodes;
    }

    @Override
    public void close() {
        nodes.forEach(node -> node.process().close());
        postgres.close();
    }

    /** The JUnit extension: {@code @ExtendWith(TwoNodeCluster.Extension.class)}, then a parameter of this type. */
    public static final class Extension implements BeforeAllCallback, ParameterResolver {

        private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(TwoNodeCluster.class);

        @Override
        public void beforeAll(ExtensionContext context) {
            cluster(context);
        }

        @Override
        public boolean supportsParameter(ParameterContext parameter, ExtensionContext extension) {
            return parameter.getParameter().getType() == TwoNodeCluster.class;
        }

        @Override
        public Object resolveParameter(ParameterContext parameter, ExtensionContext extension) {
            return cluster(extension);
        }

        private static TwoNodeCluster cluster(ExtensionContext context) {
            return context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent("cluster", key -> start(),
                    TwoNodeCluster.class);
        }
    }

    private static TwoNodeCluster start() {
        long started = System.nanoTime();
        Path target = KeycloakProcess.homeFromSystemProperty().getParent();
        Path cluster = target.resolve("cluster");
        Directories.delete(cluster);
        LocalPostgres postgres = null;
        List<Node> nodes = new ArrayList<>();
        try {
            Files.createDirectories(cluster);
            postgres = LocalPostgres.start(target.resolve("pg"));
            Path home1 = cluster.resolve("node1");
            Path home2 = cluster.resolve("node2");
            copy(KeycloakProcess.homeFromSystemProperty(), home1);
            build(home1, cluster.resolve("build.log"));
            copy(home1, home2);
            // One after the other: two nodes creating the schema of an empty database race for Liquibase's tables.
            nodes.add(startNode(home1, postgres, cluster.resolve("node1.log")));
            nodes.add(startNode(home2, postgres, cluster.resolve("node2.log")));
            await(Duration.ofMinutes(2), () -> nodes.stream().allMatch(TwoNodeCluster::formedClusterOfTwo),
                    "both nodes see a cluster of two");
            System.out.printf("Two-node cluster up in %.1f s, logs in %s%n", (System.nanoTime() - started) / 1e9, cluster);
            return new TwoNodeCluster(postgres, List.copyOf(nodes));
        } catch (Exception | AssertionError e) {
            nodes.forEach(node -> node.process().close());
            if (postgres != null) {
                postgres.close();
            }
            throw e instanceof RuntimeException r ? r : new IllegalStateException("Cluster did not start", e);
        }
    }

    private static Node startNode(Path home, LocalPostgres postgres, Path log) {
        int httpPort = KeycloakProcess.freePort();
        int managementPort = KeycloakProcess.freePort();
        KeycloakProcess process = KeycloakProcess.run(home, KeycloakProcess.bundleFromSystemProperty(), httpPort,
                List.of("start", "--optimized", "--db-url=" + postgres.jdbcUrl(), "--db-username=" + LocalPostgres.USER,
                        "--db-password=unused", "--http-enabled=true", "--hostname-strict=false",
                        "--http-port=" + httpPort, "--http-management-port=" + managementPort,
                        "--cache-embedded-network-bind-address=127.0.0.1",
                        "--cache-embedded-network-bind-port=" + KeycloakProcess.freePort(),
                        "--spi-enterprise-connect-sweep--default--interval=" + SWEEP_INTERVAL_SECONDS,
                        "--log-level=INFO,dev.enterpriseconnect.lifecycle.sweep:debug"),
                FRUGAL_JVM, log);
        Node node = new Node(process, log, managementPort);
        process.awaitReady(Duration.ofMinutes(5));
        return node;
    }

    /** The production build (PostgreSQL, clustered caches, metrics) that both nodes start from. */
    private static void build(Path home, Path log) throws Exception {
        KeycloakProcess build = KeycloakProcess.run(home, KeycloakProcess.bundleFromSystemProperty(), 0,
                List.of("build", "--db=postgres", "--cache=ispn", "--metrics-enabled=true"), FRUGAL_JVM, log);
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
        Directories.delete(to.resolve("data"));
    }

    private static boolean formedClusterOfTwo(Node node) {
        return node.logLines().stream().anyMatch(line -> line.contains("ISPN000094") && line.contains("(2)"));
    }

    static void await(Duration timeout, BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + ": not within " + timeout);
            }
            Thread.sleep(500);
        }
    }
}
