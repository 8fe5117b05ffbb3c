package dev.enterpriseconnect.bench;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;

import dev.enterpriseconnect.testbed.AdminApi;
import dev.enterpriseconnect.testbed.KeycloakProcess;

/**
 * What webhooks cost a SCIM write and how soon they arrive (see bench/README.md), in one Keycloak
 * run: SCIM create throughput into a realm with one webhook endpoint (a receiver in this JVM
 * answering 200) against a realm without endpoints, sequential and with 4 clients; then the
 * delivery lag at idle, from a create's answer to the receiver getting its event.
 */
public final class WebhooksBenchmark {

    private static final String SCIM = "application/scim+json";
    private static final String USER = "urn:ietf:params:scim:schemas:core:2.0:User";

    private final AdminApi admin;
    private final String run;
    private final RatioReport report = new RatioReport("bench-webhooks-results");
    /** Arrival time (System.nanoTime) of each user's user.created event, by user id. */
    private final Map<String, Long> arrived = new ConcurrentHashMap<>();
    private final AtomicInteger deliveries = new AtomicInteger();
    private final AtomicInteger duplicates = new AtomicInteger();
    private final Map<String, Boolean> webhookIds = new ConcurrentHashMap<>();

    private WebhooksBenchmark(KeycloakProcess keycloak, String run) {
        this.admin = new AdminApi(keycloak.baseUrl());
        this.run = run;
    }

    public static void main(String[] args) throws Exception {
        int warmup = Integer.getInteger("bench.warmup", 50);
        int creates = Integer.getInteger("bench.creates", 200);
        int concurrentCreates = Integer.getInteger("bench.concurrentCreates", 400);
        int lagSamples = Integer.getInteger("bench.lagSamples", 50);
        int lagSpacingMillis = Integer.getInteger("bench.lagSpacingMillis", 200);
        Path home = KeycloakProcess.homeFromSystemProperty();
        Path results = BenchKeycloak.resultsDirectory(home);
        long started = System.nanoTime();
        try (KeycloakProcess keycloak = BenchKeycloak.start(home, started)) {
            WebhooksBenchmark benchmark = new WebhooksBenchmark(keycloak, BenchKeycloak.runId());
            benchmark.report.header("Enterprise Connect webhooks benchmark, run " + benchmark.run + ", " + Instant.now());
            benchmark.report.header(BenchKeycloak.describe(keycloak) + "; webhook worker every 1 s (the default)");
            benchmark.measure(warmup, creates, concurrentCreates, lagSamples, lagSpacingMillis);
            benchmark.report.finish(results, started);
        }
        System.exit(0);
    }

    private void measure(int warmup, int creates, int concurrentCreates, int lagSamples, int lagSpacingMillis)
            throws Exception {
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        ExecutorService receiverThreads = Executors.newFixedThreadPool(4);
        receiver.setExecutor(receiverThreads);
        receiver.createContext("/hook", exchange -> {
            long now = System.nanoTime();
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
            deliveries.incrementAndGet();
            if (webhookIds.putIfAbsent(String.valueOf(exchange.getRequestHeaders().getFirst("webhook-id")), true) != null) {
                duplicates.incrementAndGet();
            }
            JsonNode event = AdminApi.parse(body);
            if ("user.created".equals(event.get("type").asText())) {
                arrived.putIfAbsent(event.at("/resource/id").asText(), now);
            }
        });
        receiver.start();
        try {
            Connector hooked = connector("hooks-" + run);
            admin.expect(201, admin.post("/admin/realms/" + hooked.realm() + "/enterprise-webhooks",
                    "{\"url\":\"http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook\"}"));
            Connector plain = connector("nohooks-" + run);
            report.header("realm " + hooked.realm() + ": one webhook endpoint (receiver in the bench JVM, 200);"
                    + " realm " + plain.realm() + ": none; connectors without throttling");
            AtomicInteger names = new AtomicInteger();

            // Warm-up, taking turns.
            for (int i = 0; i < warmup; i++) {
                create(hooked, "warm", names);
                create(plain, "warm", names);
            }

            // Sequential: taking turns, the order alternating; users/s from the sum of the exchanges.
            Samples seqHooked = new Samples();
            Samples seqPlain = new Samples();
            for (int i = 0; i < creates; i++) {
                boolean hookedFirst = i % 2 == 0;
                (hookedFirst ? seqHooked : seqPlain).add(create(hookedFirst ? hooked : plain, "seq", names));
                (hookedFirst ? seqPlain : seqHooked).add(create(hookedFirst ? plain : hooked, "seq", names));
            }
            double seqHookedRate = seqHooked.count() / seqHooked.totalSeconds();
            double seqPlainRate = seqPlain.count() / seqPlain.totalSeconds();
            report.rowAtLeast("create, 1 client: one endpoint vs none", "users/s", seqHookedRate, seqPlainRate, 0.9);

            // 4 clients: rounds of 100 per realm, taking turns; users/s from each round's wall time.
            ExecutorService clients = Executors.newFixedThreadPool(4);
            double hookedSeconds = 0;
            double plainSeconds = 0;
            int rounds = Math.max(1, concurrentCreates / 100);
            for (int r = 0; r < rounds; r++) {
                boolean hookedFirst = r % 2 == 0;
                double first = concurrently(clients, hookedFirst ? hooked : plain, 100, names);
                double second = concurrently(clients, hookedFirst ? plain : hooked, 100, names);
                hookedSeconds += hookedFirst ? first : second;
                plainSeconds += hookedFirst ? second : first;
            }
            clients.shutdown();
            report.rowAtLeast("create, 4 clients: one endpoint vs none", "users/s", rounds * 100 / hookedSeconds,
                    rounds * 100 / plainSeconds, 0.9);

            // Drain what the throughput part queued, so the lag is measured at idle.
            int expected = warmup + creates + rounds * 100;
            long drainStart = System.nanoTime();
            while (arrived.size() < expected) {
                if (System.nanoTime() - drainStart > 300e9) {
                    throw new IllegalStateException("only " + arrived.size() + " of " + expected + " events arrived");
                }
                Thread.sleep(100);
            }
            double drainSeconds = (System.nanoTime() - drainStart) / 1e9;

            // Lag at idle: a create every lagSpacingMillis; lag = arrival - the create's answer.
            Samples lag = new Samples();
            List<String[]> pending = new ArrayList<>();
            for (int i = 0; i < lagSamples; i++) {
                JsonHttp.Timed answer = JsonHttp.post(hooked.users(), hooked::token, SCIM, user("lag", names)).expect(201);
                long answered = System.nanoTime();
                pending.add(new String[] {answer.json().get("id").asText(), Long.toString(answered)});
                Thread.sleep(lagSpacingMillis);
            }
            long waitStart = System.nanoTime();
            for (String[] p : pending) {
                while (!arrived.containsKey(p[0])) {
                    if (System.nanoTime() - waitStart > 120e9) {
                        throw new IllegalStateException("the event of " + p[0] + " never arrived");
                    }
                    Thread.sleep(20);
                }
                lag.add(arrived.get(p[0]) - Long.parseLong(p[1]));
            }
            report.row("delivery lag at idle, p50, vs the worker interval", "ms", lag.medianMillis(), 1000, Double.NaN);
            report.row("delivery lag at idle, p90, vs the worker interval", "ms", lag.p90Millis(), 1000, Double.NaN);
            Thread.sleep(3000);
            report.note(String.format(Locale.ROOT, "1 client: %d creates per realm, taking turns, after %d warm-up each;"
                    + " users/s = count / sum of the exchanges. 4 clients: %d rounds of 100 per realm, taking turns;"
                    + " users/s from the rounds' wall time.", creates, warmup, rounds));
            report.note(String.format(Locale.ROOT, "After the throughput part, the backlog of %d events drained in %.1f s."
                    + " Lag: %d creates %d ms apart, from the SCIM answer to the receiver reading the request;"
                    + " max %.0f ms.", expected, drainSeconds, lagSamples, lagSpacingMillis, lag.percentileMillis(100)));
            report.note(String.format(Locale.ROOT, "Receiver: %d deliveries, %d distinct webhook-ids, %d duplicates.",
                    deliveries.get(), webhookIds.size(), duplicates.get()));
        } finally {
            receiver.stop(0);
            receiverThreads.shutdownNow();
        }
    }

    private record Connector(String realm, URI base, String secret) {
        URI users() {
            return URI.create(base + "/Users");
        }

        String token() {
            return secret;
        }
    }

    private Connector connector(String realm) {
        admin.expect(201, admin.post("/admin/realms", "{\"realm\":\"" + realm + "\",\"enabled\":true}"));
        JsonNode created = admin.expect(201, admin.post("/admin/realms/" + realm + "/scim-connectors",
                "{\"name\":\"bench\",\"invitationsEnabled\":false,\"requestRateLimit\":100000,"
                        + "\"requestRateBurst\":100000}"));
        return new Connector(realm, URI.create(created.get("scimBaseUrl").asText()), created.get("token").asText());
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
