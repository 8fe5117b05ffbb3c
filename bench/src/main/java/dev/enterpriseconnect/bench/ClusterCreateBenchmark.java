package dev.enterpriseconnect.bench;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.enterpriseconnect.testbed.AdminApi;
import dev.enterpriseconnect.testbed.Directories;
import dev.enterpriseconnect.testbed.KeycloakProcess;

/**
 * Two Keycloak nodes on one PostgreSQL, as the integration tests' {@code TwoNodeCluster} starts them
 * (production build with {@code --db=postgres --cache=ispn}, embedded Infinispan discovered through the
 * database): SCIM create throughput with the clients spread over both nodes against the same clients on one
 * node, in the same run, and a check that no create is lost. See bench/README.md.
 */
public final class ClusterCreateBenchmark {

    private final int clients = Integer.getInteger("bench.clusterClients", 4);
    private final int perRound = Integer.getInteger("bench.clusterCreates", 200);
    private final int rounds = Integer.getInteger("bench.clusterRounds", 6);
    /** Warm-up creates per node, concurrent as measured: two JIT-cold JVMs need more than the usual 50. */
    private final int warmup = Integer.getInteger("bench.clusterWarmup", 300);
    private final RatioReport report = new RatioReport("bench-cluster-results");

    private ClusterCreateBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        // Two nodes need a database both reach: always the benchmarks' PostgreSQL.
        System.setProperty("bench.db", "postgres");
        Path home = KeycloakProcess.homeFromSystemProperty();
        Path results = BenchKeycloak.resultsDirectory(home);
        long started = System.nanoTime();
        BenchPostgres postgres = BenchKeycloak.postgres(home);
        Path cluster = home.getParent().resolve("cluster");
        List<KeycloakProcess> nodes = new ArrayList<>();
        try {
            Path home1 = cluster.resolve("node1");
            Path home2 = cluster.resolve("node2");
            prepareHomes(home, home1, home2, cluster.resolve("build.log"));
            // One after the other: two nodes creating the schema of an empty database race for Liquibase's tables.
            nodes.add(startNode(home1, postgres, cluster.resolve("node1.log")));
            nodes.add(startNode(home2, postgres, cluster.resolve("node2.log")));
            awaitClusterOfTwo(List.of(cluster.resolve("node1.log"), cluster.resolve("node2.log")));
            System.out.printf("Two-node cluster up in %.0f s, logs in %s%n", (System.nanoTime() - started) / 1e9,
                    cluster);
            ClusterCreateBenchmark benchmark = new ClusterCreateBenchmark();
            benchmark.run(nodes, postgres);
            benchmark.report.finish(results, started);
        } finally {
            nodes.forEach(KeycloakProcess::close);
            postgres.close();
        }
        // exec:java would otherwise wait on the HTTP client's threads.
        System.exit(0);
    }

    private void run(List<KeycloakProcess> nodes, BenchPostgres postgres) throws Exception {
        URI base1 = nodes.get(0).baseUrl();
        URI base2 = nodes.get(1).baseUrl();
        BenchRealm.Access access = new BenchRealm(new AdminApi(base1), base1).prepare();
        String path = access.oursBase().getPath();
        List<ScimUsers> node = List.of(new ScimUsers("node1", URI.create(base1 + path), access.oursToken()),
                new ScimUsers("node2", URI.create(base2 + path), access.oursToken()));
        String run = BenchKeycloak.runId();
        report.header("Enterprise Connect SCIM create on two Keycloak nodes vs one, run " + run + ", " + Instant.now());
        report.header("Keycloak " + KeycloakProcess.homeFromSystemProperty().getFileName() + " x 2, start --optimized,"
                + " --db=postgres --cache=ispn (embedded Infinispan, discovery through the database), PostgreSQL "
                + postgres.version() + ", " + Runtime.getRuntime().availableProcessors() + " cores for all three"
                + " servers and the clients");
        report.header(String.format(Locale.ROOT, "ours = %s/Users on node1 and node2 (one connector token); %d clients;"
                + " %d rounds per way of %d creates, taking turns; %d warm-up creates per node (untimed)", path, clients, rounds,
                perRound, warmup));

        Set<String> created = ConcurrentHashMap.newKeySet();
        AtomicInteger failures = new AtomicInteger();
        List<String> errors = new java.util.concurrent.CopyOnWriteArrayList<>();
        long oneNanos = 0;
        long twoNanos = 0;
        StringBuilder perRoundText = new StringBuilder();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            // Warm-up, untimed: half of it with the clients spread, half with all clients on each node in turn.
            long warm = System.nanoTime();
            round(pool, c -> node.get(c % 2), run, "w2", warmup, created, failures, errors);
            round(pool, c -> node.get(0), run, "w1a", warmup / 2, created, failures, errors);
            round(pool, c -> node.get(1), run, "w1b", warmup / 2, created, failures, errors);
            System.out.printf("  warm-up: %d creates per node in %.0f s%n", warmup, (System.nanoTime() - warm) / 1e9);
            for (int r = 0; r < rounds; r++) {
                // One node: all clients on node1 in even rounds, node2 in odd ones; two nodes: client c on node c % 2.
                int single = r % 2;
                boolean singleFirst = r % 2 == 0;
                long one = 0;
                long two = 0;
                for (int turn = 0; turn < 2; turn++) {
                    boolean singleTurn = (turn == 0) == singleFirst;
                    String phase = (singleTurn ? "one" : "two") + r;
                    long nanos = round(pool, c -> node.get(singleTurn ? single : c % 2), run, phase, perRound, created,
                            failures, errors);
                    if (singleTurn) {
                        one = nanos;
                    } else {
                        two = nanos;
                    }
                }
                oneNanos += one;
                twoNanos += two;
                perRoundText.append(String.format(Locale.ROOT, " %.0f/%.0f", perRound / (one / 1e9),
                        perRound / (two / 1e9)));
                System.out.printf("  round %d: one node (node%d) %.1f users/s, two nodes %.1f users/s%n", r + 1,
                        single + 1, perRound / (one / 1e9), perRound / (two / 1e9));
            }
        } finally {
            pool.shutdownNow();
        }
        double oneRate = rounds * perRound / (oneNanos / 1e9);
        double twoRate = rounds * perRound / (twoNanos / 1e9);
        report.rowAtLeast("create, " + clients + " clients: two nodes vs one", "users/s", twoRate, oneRate, 0.9);
        report.note("users/s per round (one node/two nodes):" + perRoundText);

        // Lose nothing: every 201 is a user both nodes list, and nothing answered other than 201.
        int expected = created.size();
        String filter = "userName sw \"cl-" + run + "-\"";
        for (ScimUsers n : node) {
            int listed = n.ids(filter, expected + 10).size();
            report.row("users listed by " + n.name() + " vs 201 answers", "users", listed, expected, Double.NaN);
            if (listed != expected) {
                report.note("LOST OR EXTRA USERS: " + n.name() + " lists " + listed + ", " + expected + " created");
            }
        }
        int adminCount = new AdminApi(base2).expect(200, new AdminApi(base2).get("/admin/realms/" + BenchRealm.REALM
                + "/users/count?username=cl-" + run + "-&exact=false")).asInt();
        String dbCount = postgres.value("select count(*) from user_entity where username like 'cl-" + run + "-%'");
        report.note(String.format(Locale.ROOT, "created (201) %d, failed %d; node2's admin API counts %d, PostgreSQL"
                + " holds %s: %s", expected, failures.get(), adminCount, dbCount,
                failures.get() == 0 && adminCount == expected && Integer.parseInt(dbCount) == expected
                        ? "nothing lost PASS" : "FAIL"));
        errors.stream().limit(5).forEach(e -> report.note("error: " + e));
        report.note("The ratio is bounded by this machine's " + Runtime.getRuntime().availableProcessors() + " cores,"
                + " which the two nodes, PostgreSQL and the clients share: a second node adds no CPU here, only a"
                + " second JVM and the cluster's invalidation messages. What would scale it: each node on cores (or a"
                + " machine) of its own, PostgreSQL on its own, and the clients elsewhere.");
    }

    private interface NodeChoice {
        ScimUsers forClient(int client);
    }

    /** One round: {@code clients} threads creating {@code perRound} users; the round's wall time. */
    private long round(ExecutorService pool, NodeChoice choice, String run, String phase, int count,
            Set<String> created, AtomicInteger failures, List<String> errors) throws InterruptedException {
        List<Future<?>> futures = new ArrayList<>();
        long start = System.nanoTime();
        for (int c = 0; c < clients; c++) {
            int client = c;
            ScimUsers target = choice.forClient(c);
            futures.add(pool.submit(() -> {
                for (int i = client; i < count; i += clients) {
                    try {
                        created.add(target.createEnabled(name(run, phase, i)));
                    } catch (RuntimeException e) {
                        failures.incrementAndGet();
                        errors.add(target.name() + ": " + e.getMessage());
                    }
                }
            }));
        }
        for (Future<?> future : futures) {
            try {
                future.get();
            } catch (java.util.concurrent.ExecutionException e) {
                throw new IllegalStateException(e.getCause());
            }
        }
        return System.nanoTime() - start;
    }

    private static String name(String run, String phase, int i) {
        return "cl-" + run + "-" + phase + "-" + i + "@bench.test";
    }

    /** Copies of the benchmark's Keycloak, built once for PostgreSQL and the clustered caches (reused if built). */
    private static void prepareHomes(Path home, Path home1, Path home2, Path log) throws Exception {
        Path marker = home1.resolve("bench-cluster-build.txt");
        // The bundle's content, not its time: every Maven package rewrites the JAR.
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(Files.readAllBytes(KeycloakProcess.bundleFromSystemProperty()));
        String wanted = "build --db=postgres --cache=ispn --features=scim-api " + Long.toHexString(crc.getValue());
        if (Files.exists(marker) && Files.readString(marker).equals(wanted) && Files.isDirectory(home2)) {
            System.out.println("Cluster homes already built: " + home1.getParent());
            return;
        }
        Directories.delete(home1.getParent());
        Files.createDirectories(home1.getParent());
        copy(home, home1);
        System.out.println("Building node1 (kc.sh build --db=postgres --cache=ispn), log: " + log);
        KeycloakProcess build = KeycloakProcess.run(home1, KeycloakProcess.bundleFromSystemProperty(), 0,
                List.of("build", "--db=postgres", "--cache=ispn", "--features=scim-api"), Map.of(), log);
        build.processHandle().onExit().get(10, TimeUnit.MINUTES);
        if (build.waitFor() != 0) {
            throw new IllegalStateException("kc.sh build failed:\n" + build.logTail());
        }
        Files.writeString(marker, wanted);
        copy(home1, home2);
    }

    private static void copy(Path from, Path to) throws Exception {
        Process copy = new ProcessBuilder("cp", "-a", from.toString(), to.toString()).inheritIO().start();
        if (!copy.waitFor(5, TimeUnit.MINUTES) || copy.exitValue() != 0) {
            throw new IllegalStateException("Cannot copy " + from + " to " + to);
        }
        Directories.delete(to.resolve("data"));
    }

    private static KeycloakProcess startNode(Path home, BenchPostgres postgres, Path log) {
        int httpPort = KeycloakProcess.freePort();
        List<String> arguments = new ArrayList<>(List.of("start", "--optimized"));
        postgres.keycloakArgs().stream().filter(a -> !a.startsWith("--db=")).forEach(arguments::add);
        arguments.addAll(List.of("--http-enabled=true", "--hostname-strict=false", "--http-port=" + httpPort,
                "--http-management-port=" + KeycloakProcess.freePort(),
                "--cache-embedded-network-bind-address=127.0.0.1",
                "--cache-embedded-network-bind-port=" + KeycloakProcess.freePort()));
        System.out.printf("Starting %s, log: %s%n", home.getFileName(), log);
        KeycloakProcess process = KeycloakProcess.run(home, KeycloakProcess.bundleFromSystemProperty(), httpPort,
                arguments, Map.of("JAVA_OPTS_KC_HEAP", "-Xms256m -Xmx2g"), log);
        process.awaitReady(Duration.ofMinutes(5));
        return process;
    }

    private static void awaitClusterOfTwo(List<Path> logs) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (true) {
            boolean all = true;
            for (Path log : logs) {
                all &= Files.readAllLines(log).stream().anyMatch(l -> l.contains("ISPN000094") && l.contains("(2)"));
            }
            if (all) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("The nodes did not form a cluster of two within 2 minutes: " + logs);
            }
            Thread.sleep(500);
        }
    }
}
