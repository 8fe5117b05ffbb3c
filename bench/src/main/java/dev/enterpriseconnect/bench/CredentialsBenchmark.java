package dev.enterpriseconnect.bench;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;

import dev.enterpriseconnect.testbed.AdminApi;
import dev.enterpriseconnect.testbed.KeycloakProcess;

/**
 * What a connector's credential check costs and what one connector sustains (see bench/README.md):
 * <ol>
 * <li>Keycloak's CPU per wrong bearer token against its CPU per valid request (an Okta
 * {@code userName eq} lookup), 10 clients in parallel, read from the Keycloak JVM's CPU time;</li>
 * <li>the valid lookup's latency while 10 clients send wrong tokens, against the same lookup when
 * quiet;</li>
 * <li>one connector's throughput in Okta's import shape ({@code userName eq} lookup, then create),
 * against the default request-rate limit and Microsoft's 25 requests/s.</li>
 * </ol>
 */
public final class CredentialsBenchmark {

    private static final String SCIM = "application/scim+json";
    /** The connector setting requestRateLimit's default (ScimConnectorConfig.DEFAULT_REQUEST_RATE_LIMIT). */
    private static final int DEFAULT_RATE_LIMIT = 250;

    private final AdminApi admin;
    private final KeycloakProcess keycloak;
    private final String run;
    private final RatioReport report = new RatioReport("bench-credentials-results");

    private CredentialsBenchmark(KeycloakProcess keycloak, String run) {
        this.keycloak = keycloak;
        this.admin = new AdminApi(keycloak.baseUrl());
        this.run = run;
    }

    public static void main(String[] args) throws Exception {
        int attempts = Integer.getInteger("bench.attempts", 2000);
        int latencySamples = Integer.getInteger("bench.latencySamples", 200);
        int floodRate = Integer.getInteger("bench.floodRate", 0);
        int imports = Integer.getInteger("bench.imports", 300);
        Path home = KeycloakProcess.homeFromSystemProperty();
        Path results = BenchKeycloak.resultsDirectory(home);
        long started = System.nanoTime();
        // Failure throttling per address off for parts 1-2, so every wrong token takes the full 401 path.
        try (KeycloakProcess keycloak = BenchKeycloak.start(home, started,
                List.of("--spi-realm-restapi-extension--enterprise-scim--address-failure-limit=100000000"))) {
            CredentialsBenchmark benchmark = new CredentialsBenchmark(keycloak, BenchKeycloak.runId());
            RatioReport report = benchmark.report;
            report.header("Enterprise Connect credentials benchmark, run " + benchmark.run + ", " + Instant.now());
            report.header(BenchKeycloak.describe(keycloak)
                    + ", --spi-realm-restapi-extension--enterprise-scim--address-failure-limit=100000000");
            benchmark.measure(attempts, latencySamples, floodRate, imports);
            report.finish(results, started);
        }
        System.exit(0);
    }

    private void measure(int attempts, int latencySamples, int floodRate, int imports) throws Exception {
        String realm = "cred-" + run;
        admin.expect(201, admin.post("/admin/realms", "{\"realm\":\"" + realm + "\",\"enabled\":true}"));
        // Throttling off for this connector, so the figures are the check itself, not the throttle.
        JsonNode open = admin.expect(201, admin.post("/admin/realms/" + realm + "/scim-connectors",
                "{\"name\":\"okta\",\"invitationsEnabled\":false,\"authFailureLimit\":100000,"
                        + "\"requestRateLimit\":100000,\"requestRateBurst\":100000}"));
        URI base = URI.create(open.get("scimBaseUrl").asText());
        String token = open.get("token").asText();
        report.header("connector okta: authFailureLimit=100000, requestRateLimit=100000 (no throttling); " + base);

        seed(base, token, 200);
        URI lookup = lookupUri(base, "seed-7-" + run + "@bench.test");
        Supplier<String> right = () -> token;
        Supplier<String> wrong = () -> "ecs_wrongwrongwrongwrongwrongwrongwrongwrong00";

        // ---- 1. CPU per request, 10 clients in parallel
        parallel(Math.max(200, attempts / 5), 10, () -> JsonHttp.get(lookup, right).expect(200)); // warm-up
        parallel(Math.max(200, attempts / 5), 10, () -> JsonHttp.get(base.resolve(base.getPath() + "/Users"), wrong)
                .expect(401));
        double validCpu = cpuPerRequest(attempts, () -> JsonHttp.get(lookup, right).expect(200));
        double wrongCpu = cpuPerRequest(attempts, () -> JsonHttp.get(base.resolve(base.getPath() + "/Users"), wrong)
                .expect(401));
        URI unknown = URI.create(base.toString().replace("/okta/v2", "/no-such-connector/v2") + "/Users");
        // Unknown names have no settings of their own: the default 10 failures per minute, then 429.
        AtomicInteger unknown429 = new AtomicInteger();
        double unknownCpu = cpuPerRequest(attempts, () -> {
            JsonHttp.Timed answer = JsonHttp.get(unknown, wrong);
            if (answer.status() == 429) {
                unknown429.incrementAndGet();
            } else {
                answer.expect(401);
            }
        });
        report.row("Keycloak CPU: wrong token vs valid lookup", "ms", wrongCpu, validCpu, 2.0);
        report.row("Keycloak CPU: unknown connector vs valid lookup", "ms", unknownCpu, validCpu, 2.0);
        report.note(String.format(Locale.ROOT, "CPU: %d requests each, 10 clients; Keycloak JVM CPU time from"
                + " ProcessHandle (kc.sh and descendants), less the idle server's %.1f ms/s over the same time (429s"
                + " come after a 1 s pause). Unknown connector: %d of %d answered 429 (default throttle), the rest 401.",
                attempts, idleCpuPerSecond, unknown429.get(), attempts));

        // ---- 2. Valid lookup latency, quiet vs during a 10-client wrong-token flood
        Samples quiet = new Samples();
        Samples flooded = new Samples();
        for (int i = 0; i < 50; i++) {
            JsonHttp.get(lookup, right).expect(200);
        }
        for (int i = 0; i < latencySamples; i++) {
            quiet.add(JsonHttp.get(lookup, right).expect(200).nanos());
        }
        Flood flood = new Flood(base.resolve(base.getPath() + "/Users"), wrong, 10, floodRate);
        try {
            flood.awaitStarted();
            for (int i = 0; i < latencySamples; i++) {
                flooded.add(JsonHttp.get(lookup, right).expect(200).nanos());
            }
        } finally {
            flood.stop();
        }
        // With throttling off, a back-to-back flood measures how fast these 2 cores answer any HTTP request: shown,
        // not held to the target, which the default throttle's row below carries.
        report.row("valid lookup during 10-client wrong-token flood, throttling off, median", "ms", flooded.medianMillis(),
                quiet.medianMillis(), floodRate == 0 ? Double.NaN : 1.5);
        report.row("valid lookup during 10-client wrong-token flood, throttling off, p90", "ms", flooded.p90Millis(),
                quiet.p90Millis(), Double.NaN);
        report.note(String.format(Locale.ROOT, "Flood: 10 clients, %s; %d wrong tokens sent during %d valid lookups"
                        + " (%.0f/s), all answered 401.", floodRate == 0 ? "back to back" : floodRate + " requests/s each",
                flood.sent(), latencySamples, flood.rate()));

        // ---- 2b. The same flood against a connector with the default throttle: it answers 429 after 10 failures.
        JsonNode guarded = admin.expect(201, admin.post("/admin/realms/" + realm + "/scim-connectors",
                "{\"name\":\"okta-defaults\",\"invitationsEnabled\":false}"));
        URI guardedBase = URI.create(guarded.get("scimBaseUrl").asText());
        String guardedToken = guarded.get("token").asText();
        URI guardedLookup = lookupUri(guardedBase, "seed-7-" + run + "@bench.test");
        Samples guardedQuiet = new Samples();
        Samples guardedFlooded = new Samples();
        for (int i = 0; i < latencySamples; i++) {
            guardedQuiet.add(JsonHttp.get(guardedLookup, () -> guardedToken).expect(200).nanos());
        }
        Flood throttledFlood = new Flood(guardedBase.resolve(guardedBase.getPath() + "/Users"), wrong, 10, floodRate);
        try {
            throttledFlood.awaitStarted();
            for (int i = 0; i < latencySamples; i++) {
                guardedFlooded.add(JsonHttp.get(guardedLookup, () -> guardedToken).expect(200).nanos());
            }
        } finally {
            throttledFlood.stop();
        }
        report.row("valid lookup during the same flood, default throttle, median", "ms", guardedFlooded.medianMillis(),
                guardedQuiet.medianMillis(), 1.5);
        report.note(String.format(Locale.ROOT, "Flood with the default throttle: %d wrong tokens (%.0f/s), %d answered"
                + " 429.", throttledFlood.sent(), throttledFlood.rate(), throttledFlood.throttled()));

        // ---- 3. Okta import shape: userName eq lookup (not found), then POST /Users
        for (int clients : new int[] {1, 4}) {
            double rate = importRate(base, right, imports, clients, "imp" + clients);
            report.row("Okta import, " + clients + " client" + (clients > 1 ? "s" : "") + ", vs default limit", "req/s",
                    rate, DEFAULT_RATE_LIMIT, clients == 1 ? 1.0 : Double.NaN);
            if (clients == 1) {
                report.row("Microsoft's 25 req/s minimum vs Okta import, 1 client", "req/s", 25, rate, 1.0);
            }
        }
        JsonNode limited = admin.expect(201, admin.post("/admin/realms/" + realm + "/scim-connectors",
                "{\"name\":\"okta-default\",\"invitationsEnabled\":false}"));
        URI limitedBase = URI.create(limited.get("scimBaseUrl").asText());
        String limitedToken = limited.get("token").asText();
        AtomicInteger tooMany = new AtomicInteger();
        double limitedRate = importRate(limitedBase, () -> limitedToken, imports, 4, "lim", tooMany);
        report.row("Okta import, 4 clients, default limit (250/s, burst 500)", "req/s", limitedRate, DEFAULT_RATE_LIMIT, Double.NaN);
        report.note(String.format(Locale.ROOT, "Okta import with the default limit, 4 clients: %d answers 429 (each"
                + " retried after Retry-After); the rate shown counts answered requests.", tooMany.get()));
    }

    // ---- helpers

    private void seed(URI base, String token, int count) {
        for (int i = 0; i < count; i++) {
            createUser(base, () -> token, "seed-" + i + "-" + run + "@bench.test").expect(201);
        }
    }

    private static JsonHttp.Timed createUser(URI base, Supplier<String> token, String userName) {
        return JsonHttp.post(URI.create(base + "/Users"), token, SCIM,
                "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"userName\":\"" + userName
                        + "\",\"name\":{\"givenName\":\"I\",\"familyName\":\"L\"},\"emails\":[{\"value\":\"" + userName
                        + "\",\"type\":\"work\",\"primary\":true}],\"active\":true}");
    }

    private static URI lookupUri(URI base, String userName) {
        return URI.create(base + "/Users?filter=" + URLEncoder.encode("userName eq \"" + userName + "\"",
                StandardCharsets.UTF_8).replace("+", "%20"));
    }

    /**
     * Keycloak's CPU milliseconds per request, {@code count} requests from 10 clients, less what the
     * idle server burns meanwhile (timers, workers): throttled answers come after a pause, so those
     * requests take far longer than the others, and idle CPU would otherwise count as theirs.
     */
    private double cpuPerRequest(int count, Runnable request) throws Exception {
        Duration before = cpu();
        long started = System.nanoTime();
        parallel(count, 10, request);
        Duration after = cpu();
        double idle = idleCpuMillisPerSecond() * (System.nanoTime() - started) / 1e9;
        return Math.max(0, after.minus(before).toNanos() / 1e6 - idle) / count;
    }

    private double idleCpuPerSecond = Double.NaN;

    /** CPU ms a second of the Keycloak JVM with no request, measured once over 5 s. */
    private double idleCpuMillisPerSecond() throws InterruptedException {
        if (Double.isNaN(idleCpuPerSecond)) {
            Duration before = cpu();
            long started = System.nanoTime();
            Thread.sleep(5_000);
            idleCpuPerSecond = cpu().minus(before).toNanos() / 1e6 / ((System.nanoTime() - started) / 1e9);
            System.out.printf("Keycloak idle CPU: %.1f ms per second (subtracted from the CPU rows)%n", idleCpuPerSecond);
        }
        return idleCpuPerSecond;
    }

    /** CPU time of the Keycloak JVM (kc.sh and its descendants). */
    private Duration cpu() {
        ProcessHandle root = keycloak.processHandle();
        Duration total = root.info().totalCpuDuration().orElse(Duration.ZERO);
        for (ProcessHandle child : (Iterable<ProcessHandle>) root.descendants()::iterator) {
            total = total.plus(child.info().totalCpuDuration().orElse(Duration.ZERO));
        }
        return total;
    }

    private static void parallel(int count, int clients, Runnable request) throws Exception {
        AtomicInteger left = new AtomicInteger(count);
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                done.add(pool.submit(() -> {
                    while (left.getAndDecrement() > 0) {
                        request.run();
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
    }

    private double importRate(URI base, Supplier<String> token, int users, int clients, String prefix) throws Exception {
        return importRate(base, token, users, clients, prefix, new AtomicInteger());
    }

    /** Requests per second (answered, 429s included) of {@code users} lookups-then-creates by {@code clients} clients. */
    private double importRate(URI base, Supplier<String> token, int users, int clients, String prefix,
            AtomicInteger tooMany) throws Exception {
        AtomicInteger next = new AtomicInteger();
        AtomicInteger requests = new AtomicInteger();
        long start = System.nanoTime();
        parallel(users, clients, () -> {
            String name = prefix + "-" + next.getAndIncrement() + "-" + run + "@bench.test";
            JsonHttp.Timed found = untilNot429(() -> JsonHttp.get(lookupUri(base, name), token), requests, tooMany);
            if (found.expect(200).json().get("totalResults").asInt() != 0) {
                throw new IllegalStateException(name + " exists already");
            }
            untilNot429(() -> createUser(base, token, name), requests, tooMany).expect(201);
        });
        return requests.get() / ((System.nanoTime() - start) / 1e9);
    }

    private static JsonHttp.Timed untilNot429(Supplier<JsonHttp.Timed> request, AtomicInteger requests,
            AtomicInteger tooMany) {
        while (true) {
            JsonHttp.Timed answer = request.get();
            requests.incrementAndGet();
            if (answer.status() != 429) {
                return answer;
            }
            tooMany.incrementAndGet();
            // Retry-After is whole seconds; the bench's HTTP helper does not expose headers, so wait 1 s as it says.
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /** 10 clients sending wrong tokens until stopped, each back to back or at a fixed rate. */
    private static final class Flood {
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final AtomicInteger sent = new AtomicInteger();
        private final AtomicInteger throttled = new AtomicInteger();
        private final ExecutorService pool;
        private final List<Future<?>> clients = new ArrayList<>();
        private final long started = System.nanoTime();
        private volatile long stopped;

        Flood(URI target, Supplier<String> wrong, int count, int perClientRate) {
            pool = Executors.newFixedThreadPool(count);
            for (int c = 0; c < count; c++) {
                clients.add(pool.submit(() -> {
                    long next = System.nanoTime();
                    while (running.get()) {
                        JsonHttp.Timed answer = JsonHttp.get(target, wrong);
                        if (answer.status() == 429) {
                            throttled.incrementAndGet();
                        } else {
                            answer.expect(401);
                        }
                        sent.incrementAndGet();
                        if (perClientRate > 0) {
                            next += TimeUnit.SECONDS.toNanos(1) / perClientRate;
                            long wait = next - System.nanoTime();
                            if (wait > 0) {
                                TimeUnit.NANOSECONDS.sleep(wait);
                            }
                        }
                    }
                    return null;
                }));
            }
        }

        void awaitStarted() throws InterruptedException {
            while (sent.get() < 50) {
                Thread.sleep(10);
            }
        }

        void stop() throws Exception {
            running.set(false);
            stopped = System.nanoTime();
            for (Future<?> f : clients) {
                f.get();
            }
            pool.shutdown();
        }

        int sent() {
            return sent.get();
        }

        int throttled() {
            return throttled.get();
        }

        double rate() {
            return sent.get() / ((stopped - started) / 1e9);
        }
    }
}
