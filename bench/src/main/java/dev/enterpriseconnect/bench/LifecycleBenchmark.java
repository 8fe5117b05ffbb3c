package dev.enterpriseconnect.bench;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.enterpriseconnect.testbed.AdminApi;
import dev.enterpriseconnect.testbed.KeycloakProcess;

/**
 * Invitations and deprovisioning in figures, one Keycloak run (see bench/README.md):
 * <ol>
 * <li>How long until a deactivated user's refresh token stops working: our SCIM deactivation
 * against what a hand-built integration does with Keycloak's admin API (disable, then log the user
 * out), in a realm without our extension's listener. The budget is one second.</li>
 * <li>What one sweep of a realm costs as the realm grows: the same number of due invitations among
 * a small and a large number of users; the cost must not grow with the users.</li>
 * </ol>
 */
public final class LifecycleBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CLIENT = "app";
    private static final String CLIENT_SECRET = "app-secret";
    private static final String PASSWORD = "Bench-pw-2026!";
    private static final int SEED_BATCH = 500;

    private final AdminApi admin;
    private final URI base;
    private final String run;
    private final RatioReport report = new RatioReport("bench-lifecycle-results");

    private LifecycleBenchmark(AdminApi admin, URI base, String run) {
        this.admin = admin;
        this.base = base;
        this.run = run;
    }

    public static void main(String[] args) throws Exception {
        int deactivations = Integer.getInteger("bench.deactivations", 40);
        int[] sizes = Arrays.stream(System.getProperty("bench.sweepSizes", "1000,20000").split(","))
                .map(String::trim).mapToInt(Integer::parseInt).sorted().toArray();
        int due = Integer.getInteger("bench.sweepDue", 100);
        int repeats = Integer.getInteger("bench.sweepRepeats", 7);
        Path home = KeycloakProcess.homeFromSystemProperty();
        Path results = BenchKeycloak.resultsDirectory(home);
        long started = System.nanoTime();
        try (KeycloakProcess keycloak = BenchKeycloak.start(home, started)) {
            LifecycleBenchmark benchmark = new LifecycleBenchmark(new AdminApi(keycloak.baseUrl()), keycloak.baseUrl(),
                    BenchKeycloak.runId());
            RatioReport report = benchmark.report;
            report.header("Enterprise Connect lifecycle benchmark, run " + benchmark.run + ", " + Instant.now());
            report.header(BenchKeycloak.describe(keycloak));
            benchmark.deactivation(deactivations);
            benchmark.sweep(sizes, due, repeats);
            report.finish(results, started);
        }
        // exec:java would otherwise wait on the HTTP client's threads.
        System.exit(0);
    }

    // ---- 1. Deactivation: until the refresh token is refused ----

    private void deactivation(int samples) {
        String ours = realmWithClient("lc-ours-" + run);
        JsonNode connector = admin.expect(201, admin.post("/admin/realms/" + ours + "/scim-connectors",
                "{\"name\":\"okta\",\"invitationsEnabled\":false}"));
        URI scim = URI.create(connector.get("scimBaseUrl").asText());
        String scimToken = connector.get("token").asText();
        Supplier<String> bearer = () -> scimToken;
        String plain = realmWithClient("lc-plain-" + run);
        report.header("ours     = SCIM PATCH active=false on " + scim + "/Users/{id} (connector token)");
        report.header("baseline = admin API PUT enabled=false, then POST .../users/{id}/logout, realm without our"
                + " extension (" + plain + ")");

        int warmup = 5;
        Samples oursCut = new Samples();
        Samples baselineCut = new Samples();
        int oursIntrospectionActive = 0;
        int baselineIntrospectionActive = 0;
        for (int i = 0; i < warmup + samples; i++) {
            boolean measured = i >= warmup;
            // Taking turns, so drift on the machine hits both ways alike.
            String name = "leaver" + i + "-" + run + "@bench.test";
            String id = JsonHttp.post(URI.create(scim + "/Users"), bearer, "application/scim+json",
                    "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"userName\":\"" + name
                            + "\",\"name\":{\"givenName\":\"F\",\"familyName\":\"L\"},\"emails\":[{\"value\":\""
                            + name + "\",\"primary\":true}],\"active\":true}")
                    .expect(201).json().get("id").asText();
            setPassword(ours, id);
            JsonNode tokens = login(ours, name);
            long start = System.nanoTime();
            JsonHttp.patch(URI.create(scim + "/Users/" + id), bearer, "application/scim+json",
                    "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],"
                            + "\"Operations\":[{\"op\":\"replace\",\"value\":{\"active\":false}}]}").expect(200);
            JsonHttp.Timed refresh = refresh(ours, tokens);
            long cut = System.nanoTime() - start;
            refused(refresh, "ours");
            boolean oursActive = introspectActive(ours, tokens);

            String plainName = "leaver" + i + "-" + run + "@plain.test";
            String plainId = createUser(plain, plainName);
            JsonNode plainTokens = login(plain, plainName);
            long plainStart = System.nanoTime();
            JsonHttp.put(URI.create(base + "/admin/realms/" + plain + "/users/" + plainId), admin::accessToken,
                    "application/json", "{\"enabled\":false}").expect(204);
            JsonHttp.post(URI.create(base + "/admin/realms/" + plain + "/users/" + plainId + "/logout"),
                    admin::accessToken, "application/json", "").expect(204);
            JsonHttp.Timed plainRefresh = refresh(plain, plainTokens);
            long plainCut = System.nanoTime() - plainStart;
            refused(plainRefresh, "baseline");
            boolean plainActive = introspectActive(plain, plainTokens);
            if (measured) {
                oursCut.add(cut);
                baselineCut.add(plainCut);
                oursIntrospectionActive += oursActive ? 1 : 0;
                baselineIntrospectionActive += plainActive ? 1 : 0;
            }
        }
        report.row("deactivate -> refresh refused, median", "ms", oursCut.medianMillis(), baselineCut.medianMillis(), 1.0);
        report.row("deactivate -> refresh refused, p90", "ms", oursCut.p90Millis(), baselineCut.p90Millis(), Double.NaN);
        report.row("deactivate -> refresh refused, max vs 1 s budget", "ms", oursCut.percentileMillis(100), 1000, 1.0);
        report.note(String.format(Locale.ROOT, "Deactivation: %d samples per way after %d warm-up. The old access token"
                        + " was still active at introspection right after: ours %d of %d, baseline %d of %d.",
                samples, warmup, oursIntrospectionActive, samples, baselineIntrospectionActive, samples));
    }

    private String realmWithClient(String realm) {
        admin.expect(201, admin.post("/admin/realms", "{\"realm\":\"" + realm + "\",\"enabled\":true}"));
        admin.expect(201, admin.post("/admin/realms/" + realm + "/clients", "{\"clientId\":\"" + CLIENT
                + "\",\"secret\":\"" + CLIENT_SECRET + "\",\"publicClient\":false,\"directAccessGrantsEnabled\":true,"
                + "\"standardFlowEnabled\":false}"));
        return realm;
    }

    private String createUser(String realm, String name) {
        String location = admin.post("/admin/realms/" + realm + "/users", "{\"username\":\"" + name + "\",\"email\":\""
                + name + "\",\"enabled\":true,\"firstName\":\"F\",\"lastName\":\"L\",\"credentials\":[{\"type\":\"password\","
                + "\"value\":\"" + PASSWORD + "\",\"temporary\":false}]}").headers().firstValue("Location").orElseThrow();
        return location.substring(location.lastIndexOf('/') + 1);
    }

    private void setPassword(String realm, String id) {
        admin.expect(204, admin.put("/admin/realms/" + realm + "/users/" + id + "/reset-password",
                "{\"type\":\"password\",\"value\":\"" + PASSWORD + "\",\"temporary\":false}"));
    }

    private JsonNode login(String realm, String username) {
        return tokenRequest(realm, "grant_type=password&username=" + URLEncoder.encode(username, StandardCharsets.UTF_8)
                + "&password=" + URLEncoder.encode(PASSWORD, StandardCharsets.UTF_8)).expect(200).json();
    }

    private JsonHttp.Timed refresh(String realm, JsonNode tokens) {
        return tokenRequest(realm, "grant_type=refresh_token&refresh_token=" + tokens.get("refresh_token").asText());
    }

    private JsonHttp.Timed tokenRequest(String realm, String form) {
        return JsonHttp.post(URI.create(base + "/realms/" + realm + "/protocol/openid-connect/token"), null,
                "application/x-www-form-urlencoded", form + "&client_id=" + CLIENT + "&client_secret=" + CLIENT_SECRET);
    }

    private boolean introspectActive(String realm, JsonNode tokens) {
        return JsonHttp.post(URI.create(base + "/realms/" + realm + "/protocol/openid-connect/token/introspect"), null,
                "application/x-www-form-urlencoded", "token=" + tokens.get("access_token").asText() + "&client_id="
                        + CLIENT + "&client_secret=" + CLIENT_SECRET).expect(200).json().get("active").asBoolean();
    }

    private static void refused(JsonHttp.Timed refresh, String way) {
        if (refresh.status() != 400) {
            throw new IllegalStateException(way + ": the refresh right after deactivation answered " + refresh.status()
                    + ", expected 400: " + refresh.body());
        }
    }

    // ---- 2. The sweep as the realm grows ----

    private void sweep(int[] sizes, int due, int repeats) {
        String realm = "lc-sweep-" + run;
        admin.expect(201, admin.post("/admin/realms", "{\"realm\":\"" + realm + "\",\"enabled\":true}"));
        // The connector declares the invitation attributes in the user profile, so imported users keep them.
        admin.expect(201, admin.post("/admin/realms/" + realm + "/scim-connectors", "{\"name\":\"okta\"}"));
        report.header(String.format(Locale.ROOT, "sweep    = POST /admin/realms/%s/enterprise-invitations/sweep: %d due"
                + " (pending, past expiry) among N users with accepted invitations; %d runs per size; baseline = the"
                + " smallest size", realm, due, repeats));

        Samples[] busy = new Samples[sizes.length];
        Samples[] idle = new Samples[sizes.length];
        int seeded = 0;
        for (int s = 0; s < sizes.length; s++) {
            long seedStart = System.nanoTime();
            importUsers(realm, "member", seeded, sizes[s], "accepted", System.currentTimeMillis() - 86_400_000L);
            System.out.printf("Sweep realm: %,d -> %,d users in %.1f s%n", seeded, sizes[s],
                    (System.nanoTime() - seedStart) / 1e9);
            seeded = sizes[s];
            busy[s] = new Samples();
            idle[s] = new Samples();
            for (int r = 0; r < repeats + 1; r++) {
                String prefix = "due" + sizes[s] + "x" + r + "-";
                importUsers(realm, prefix, 0, due, "pending", System.currentTimeMillis() - 1_000L);
                JsonHttp.Timed sweep = sweepNow(realm).expect(200);
                int expired = sweep.json().get("expired").asInt();
                if (expired != due) {
                    throw new IllegalStateException("The sweep marked " + expired + " of " + due + " due invitations");
                }
                JsonHttp.Timed nothing = sweepNow(realm).expect(200);
                if (nothing.json().get("expired").asInt() != 0) {
                    throw new IllegalStateException("A second sweep found more due: " + nothing.body());
                }
                if (r > 0) {
                    // The first run per size is warm-up.
                    busy[s].add(sweep.nanos());
                    idle[s].add(nothing.nanos());
                }
            }
        }
        int last = sizes.length - 1;
        report.row(String.format(Locale.ROOT, "sweep, %d due, %,d vs %,d users, median", due, sizes[last], sizes[0]), "ms",
                busy[last].medianMillis(), busy[0].medianMillis(), 1.5);
        report.row(String.format(Locale.ROOT, "sweep, nothing due, %,d vs %,d users, median", sizes[last], sizes[0]), "ms",
                idle[last].medianMillis(), idle[0].medianMillis(), 1.5);
        report.note(String.format(Locale.ROOT, "Sweep at %,d users: %.2f ms per due invitation (median run %.1f ms for %d).",
                sizes[last], busy[last].medianMillis() / due, busy[last].medianMillis(), due));
    }

    private JsonHttp.Timed sweepNow(String realm) {
        return JsonHttp.post(URI.create(base + "/admin/realms/" + realm + "/enterprise-invitations/sweep"),
                admin::accessToken, "application/json", "");
    }

    /** Users {@code <prefix><i>} for i in [from, to), with an invitation in the given state. */
    private void importUsers(String realm, String prefix, int from, int to, String status, long expiresAt) {
        for (int first = from; first < to; first += SEED_BATCH) {
            ObjectNode body = JSON.createObjectNode().put("ifResourceExists", "SKIP");
            ArrayNode users = body.putArray("users");
            for (int i = first; i < Math.min(to, first + SEED_BATCH); i++) {
                ObjectNode attributes = users.addObject()
                        .put("username", prefix + i + "@sweep.test")
                        .put("email", prefix + i + "@sweep.test")
                        .put("enabled", true)
                        .putObject("attributes");
                attributes.putArray("ec_invite_status").add(status);
                attributes.putArray("ec_invite_connector").add("okta");
                attributes.putArray("ec_invite_sent_at").add(String.valueOf(expiresAt - 1_209_600_000L));
                attributes.putArray("ec_invite_expires_at").add(String.valueOf(expiresAt));
                attributes.putArray("ec_invite_sends").add("1");
                if (status.equals("pending")) {
                    attributes.putArray("ec_invite_due_at").add(String.valueOf(expiresAt));
                }
            }
            admin.expect(200, admin.post("/admin/realms/" + realm + "/partialImport", body.toString()));
        }
    }
}
