package dev.enterpriseconnect.bench;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;

import dev.enterpriseconnect.testbed.AdminApi;
import dev.enterpriseconnect.testbed.KeycloakProcess;

/**
 * Okta's import shape sustained, against the admin API doing the same (see bench/README.md): for
 * each new user a lookup by userName that finds nothing, then a create. Ours: {@code GET /Users?filter=
 * userName eq "…"} and {@code POST /Users} with a mixed-case userName (kept as sent); admin: {@code GET
 * /admin/realms/{realm}/users?username=…&exact=true} and {@code POST /admin/realms/{realm}/users}. The
 * two take turns in rounds, so both see the same machine; requests per second over all rounds.
 */
public final class OktaImportBenchmark {

    private static final String SCIM = "application/scim+json";

    private final AdminApi admin;
    private final URI keycloakUrl;
    private final String run;
    private final RatioReport report = new RatioReport("bench-import-results");

    private OktaImportBenchmark(KeycloakProcess keycloak, String run) {
        this.admin = new AdminApi(keycloak.baseUrl());
        this.keycloakUrl = keycloak.baseUrl();
        this.run = run;
    }

    public static void main(String[] args) throws Exception {
        int users = Integer.getInteger("bench.importUsers", 150);
        int rounds = Integer.getInteger("bench.importRounds", 3);
        Path home = KeycloakProcess.homeFromSystemProperty();
        Path results = BenchKeycloak.resultsDirectory(home);
        long started = System.nanoTime();
        try (KeycloakProcess keycloak = BenchKeycloak.start(home, started)) {
            OktaImportBenchmark benchmark = new OktaImportBenchmark(keycloak, BenchKeycloak.runId());
            benchmark.report.header("Enterprise Connect Okta import benchmark, run " + benchmark.run + ", " + Instant.now());
            benchmark.report.header(BenchKeycloak.describe(keycloak));
            benchmark.measure(users, rounds);
            benchmark.report.finish(results, started);
        }
        System.exit(0);
    }

    private void measure(int users, int rounds) throws Exception {
        String realm = "import-" + run;
        admin.expect(201, admin.post("/admin/realms", "{\"realm\":\"" + realm + "\",\"enabled\":true}"));
        // Rate limit off: the figure is the work per request, not the throttle (the default is 250/s).
        JsonNode connector = admin.expect(201, admin.post("/admin/realms/" + realm + "/scim-connectors",
                "{\"name\":\"okta\",\"invitationsEnabled\":false,\"requestRateLimit\":100000,\"requestRateBurst\":100000}"));
        URI base = URI.create(connector.get("scimBaseUrl").asText());
        String token = connector.get("token").asText();
        URI adminUsers = keycloakUrl.resolve("/admin/realms/" + realm + "/users");
        report.header("realm " + realm + ", " + users + " users per round and side, " + rounds + " rounds, sides alternate");

        // Warm-up: both paths compiled and cached before anything is counted.
        ours(base, () -> token, 50, 2, "warm");
        theirs(adminUsers, 50, 2, "warm");
        for (int clients : new int[] {1, 4}) {
            Rate ours = new Rate();
            Rate theirs = new Rate();
            for (int round = 0; round < rounds; round++) {
                String prefix = "c" + clients + "r" + round;
                if (round % 2 == 0) {
                    ours.add(ours(base, () -> token, users, clients, prefix));
                    theirs.add(theirs(adminUsers, users, clients, prefix));
                } else {
                    theirs.add(theirs(adminUsers, users, clients, prefix));
                    ours.add(ours(base, () -> token, users, clients, prefix));
                }
            }
            report.rowAtLeast("Okta import (lookup + create), " + clients + " client" + (clients > 1 ? "s" : "")
                    + ", ours vs admin API", "req/s", ours.perSecond(), theirs.perSecond(), 0.8);
        }
        report.note("ours: GET /Users?filter=userName eq (not found) + POST /Users (mixed-case userName, kept as sent);"
                + " admin: GET /users?username=&exact=true + POST /users, master admin-cli token.");
    }

    /** Requests and seconds of one side's round. */
    private record Sample(int requests, double seconds) {
    }

    private static final class Rate {
        private int requests;
        private double seconds;

        void add(Sample sample) {
            requests += sample.requests();
            seconds += sample.seconds();
        }

        double perSecond() {
            return requests / seconds;
        }
    }

    private Sample ours(URI base, Supplier<String> token, int users, int clients, String prefix) throws Exception {
        return timed(users, clients, i -> {
            String userName = "Okta." + prefix + "." + i + "." + run + "@Bench.Test";
            URI lookup = URI.create(base + "/Users?filter=" + URLEncoder.encode("userName eq \"" + userName + "\"",
                    StandardCharsets.UTF_8).replace("+", "%20"));
            if (JsonHttp.get(lookup, token).expect(200).json().get("totalResults").asInt() != 0) {
                throw new IllegalStateException(userName + " exists already");
            }
            JsonHttp.post(URI.create(base + "/Users"), token, SCIM,
                    "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"userName\":\"" + userName
                            + "\",\"name\":{\"givenName\":\"I\",\"familyName\":\"L\"},\"emails\":[{\"value\":\""
                            + userName.toLowerCase(Locale.ROOT) + "\",\"type\":\"work\",\"primary\":true}],"
                            + "\"active\":true}").expect(201);
        });
    }

    private Sample theirs(URI users, int count, int clients, String prefix) throws Exception {
        return timed(count, clients, i -> {
            String userName = "admin." + prefix + "." + i + "." + run + "@bench.test";
            URI lookup = URI.create(users + "?exact=true&username=" + URLEncoder.encode(userName, StandardCharsets.UTF_8));
            if (!JsonHttp.get(lookup, admin::accessToken).expect(200).json().isEmpty()) {
                throw new IllegalStateException(userName + " exists already");
            }
            JsonHttp.post(users, admin::accessToken, "application/json", "{\"username\":\"" + userName
                    + "\",\"firstName\":\"I\",\"lastName\":\"L\",\"email\":\"" + userName + "\",\"enabled\":true}")
                    .expect(201);
        });
    }

    /** Two requests per user, {@code clients} in parallel. */
    private static Sample timed(int users, int clients, java.util.function.IntConsumer importOne) throws Exception {
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long start = System.nanoTime();
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                done.add(pool.submit(() -> {
                    int i;
                    while ((i = next.getAndIncrement()) < users) {
                        importOne.accept(i);
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        return new Sample(2 * users, (System.nanoTime() - start) / 1e9);
    }
}
