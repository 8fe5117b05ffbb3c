package dev.enterpriseconnect.bench;

import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;

import dev.enterpriseconnect.testbed.AdminApi;
import dev.enterpriseconnect.testbed.KeycloakProcess;

/**
 * What the provisioning log costs a SCIM write (see bench/README.md), in one Keycloak run: SCIM
 * create throughput of a connector with its log on (the default) against one with {@code "log":false},
 * each in a realm of its own, sequential and with 4 clients, taking turns.
 */
public final class ProvisioningLogBenchmark {

    private static final String SCIM = "application/scim+json";
    private static final String USER = "urn:ietf:params:scim:schemas:core:2.0:User";

    private final AdminApi admin;
    private final String run;
    private final RatioReport report = new RatioReport("bench-provisioning-log-results");

    private ProvisioningLogBenchmark(KeycloakProcess keycloak, String run) {
        this.admin = new AdminApi(keycloak.baseUrl());
        this.run = run;
    }

    public static void main(String[] args) throws Exception {
        int warmup = Integer.getInteger("bench.warmup", 50);
        int creates = Integer.getInteger("bench.creates", 200);
        int concurrentCreates = Integer.getInteger("bench.concurrentCreates", 400);
        Path home = KeycloakProcess.homeFromSystemProperty();
        Path results = BenchKeycloak.resultsDirectory(home);
        long started = System.nanoTime();
        try (KeycloakProcess keycloak = BenchKeycloak.start(home, started)) {
            ProvisioningLogBenchmark benchmark = new ProvisioningLogBenchmark(keycloak, BenchKeycloak.runId());
            benchmark.report.header("Enterprise Connect provisioning-log benchmark, run " + benchmark.run + ", "
                    + Instant.now());
            benchmark.report.header(BenchKeycloak.describe(keycloak));
            benchmark.measure(warmup, creates, concurrentCreates);
            benchmark.report.finish(results, started);
        }
        System.exit(0);
    }

    private void measure(int warmup, int creates, int concurrentCreates) throws Exception {
        Connector logged = connector("logon-" + run, true);
        Connector unlogged = connector("logoff-" + run, false);
        report.header("realm " + logged.realm() + ": connector log on (default settings); realm " + unlogged.realm()
                + ": \"log\":false; connectors without throttling");
        AtomicInteger names = new AtomicInteger();
        for (int i = 0; i < warmup; i++) {
            create(logged, "warm", names);
            create(unlogged, "warm", names);
        }

        Samples seqOn = new Samples();
        Samples seqOff = new Samples();
        for (int i = 0; i < creates; i++) {
            boolean onFirst = i % 2 == 0;
            (onFirst ? seqOn : seqOff).add(create(onFirst ? logged : unlogged, "seq", names));
            (onFirst ? seqOff : seqOn).add(create(onFirst ? unlogged : logged, "seq", names));
        }
        report.rowAtLeast("create, 1 client: log on vs off", "users/s", seqOn.count() / seqOn.totalSeconds(),
                seqOff.count() / seqOff.totalSeconds(), 0.9);

        ExecutorService clients = Executors.newFixedThreadPool(4);
        double onSeconds = 0;
        double offSeconds = 0;
        int rounds = Math.max(1, concurrentCreates / 100);
        for (int r = 0; r < rounds; r++) {
            boolean onFirst = r % 2 == 0;
            double first = concurrently(clients, onFirst ? logged : unlogged, 100, names);
            double second = concurrently(clients, onFirst ? unlogged : logged, 100, names);
            onSeconds += onFirst ? first : second;
            offSeconds += onFirst ? second : first;
        }
        clients.shutdown();
        report.rowAtLeast("create, 4 clients: log on vs off", "users/s", rounds * 100 / onSeconds,
                rounds * 100 / offSeconds, 0.9);

        JsonNode rows = admin.expect(200, admin.get("/admin/realms/" + logged.realm() + "/scim-connectors/"
                + logged.id() + "/log/summary"));
        JsonNode none = admin.expect(200, admin.get("/admin/realms/" + unlogged.realm() + "/scim-connectors/"
                + unlogged.id() + "/log/summary"));
        report.note(String.format(Locale.ROOT, "1 client: %d creates per connector, taking turns, after %d warm-up each;"
                + " users/s = count / sum of the exchanges. 4 clients: %d rounds of 100 per connector, taking turns;"
                + " users/s from the rounds' wall time.", creates, warmup, rounds));
        report.note("Log rows in the last 24 h: log on " + rows.get("requestsLast24h").asInt() + ", log off "
                + none.get("requestsLast24h").asInt() + " (expected " + (warmup + creates + rounds * 100) + " and 0).");
    }

    private record Connector(String realm, String id, URI base, String secret) {
        URI users() {
            return URI.create(base + "/Users");
        }

        String token() {
            return secret;
        }
    }

    private Connector connector(String realm, boolean log) {
        admin.expect(201, admin.post("/admin/realms", "{\"realm\":\"" + realm + "\",\"enabled\":true}"));
        JsonNode created = admin.expect(201, admin.post("/admin/realms/" + realm + "/scim-connectors",
                "{\"name\":\"bench\",\"invitationsEnabled\":false,\"requestRateLimit\":100000,"
                        + "\"requestRateBurst\":100000,\"log\":" + log + "}"));
        return new Connector(realm, created.get("id").asText(), URI.create(created.get("scimBaseUrl").asText()),
                created.get("token").asText());
    }

    private long create(Connector connector, String prefix, AtomicInteger names) {
        return JsonHttp.post(connector.users(), connector::token, SCIM, user(prefix, names)).expect(201).nanos();
    }

    private String user(String prefix, AtomicInteger names) {
        String userName = prefix + names.incrementAndGet() + "-" + run + "@bench.test";
        return "{\"schemas\":[\"" + USER + "\"],\"userName\":\"" + userName + "\",\"name\":{\"givenName\":\"Bench\","
                + "\"familyName\":\"User\"},\"emails\":[{\"value\":\"" + userName + "\",\"primary\":true}],\"active\":true}";
    }

    /** {@code count} creates by 4 clients; the wall time in seconds. */
    private double concurrently(ExecutorService clients, Connector connector, int count, AtomicInteger names)
            throws Exception {
        long start = System.nanoTime();
        List<Future<?>> work = new ArrayList<>();
        for (int c = 0; c < 4; c++) {
            work.add(clients.submit(() -> {
                for (int i = 0; i < count / 4; i++) {
                    create(connector, "par", names);
                }
            }));
        }
        for (Future<?> f : work) {
            f.get();
        }
        return (System.nanoTime() - start) / 1e9;
    }
}
