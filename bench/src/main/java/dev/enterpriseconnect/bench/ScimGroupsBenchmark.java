package dev.enterpriseconnect.bench;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

import dev.enterpriseconnect.testbed.AdminApi;
import dev.enterpriseconnect.testbed.KeycloakProcess;

/**
 * Our SCIM /Groups at a group size N: a member add and a GET without members must not grow with N,
 * and one PATCH of 1,000 members must not be slower than Keycloak's admin API joining them one by one.
 * One Keycloak run, the same set-up and realm as {@link ScimUsersBenchmark}. See bench/README.md.
 */
public final class ScimGroupsBenchmark {

    /** Users for the warm-up of the bulk-add comparison, taken from the end of the pool. */
    private static final int BULK_WARMUP = 200;

    private final GroupSettings settings;
    private final ScimGroups groups;
    private final AdminApi admin;
    private final String adminGroupMembers;
    private final String run;
    private final RatioReport report = new RatioReport("bench-groups-results");

    private ScimGroupsBenchmark(GroupSettings settings, ScimGroups groups, AdminApi admin, URI keycloak, String run) {
        this.settings = settings;
        this.groups = groups;
        this.admin = admin;
        this.adminGroupMembers = keycloak + "/admin/realms/" + BenchRealm.REALM + "/users/";
        this.run = run;
    }

    public static void main(String[] args) throws Exception {
        GroupSettings settings = GroupSettings.fromSystemProperties();
        Path home = KeycloakProcess.homeFromSystemProperty();
        Path results = BenchKeycloak.resultsDirectory(home);
        long started = System.nanoTime();
        try (KeycloakProcess keycloak = BenchKeycloak.start(home, started)) {
            RatioReport report = run(keycloak, settings);
            report.finish(results, started);
        }
        // exec:java would otherwise wait on the HTTP client's threads.
        System.exit(0);
    }

    private static RatioReport run(KeycloakProcess keycloak, GroupSettings settings) throws InterruptedException {
        URI base = keycloak.baseUrl();
        AdminApi admin = new AdminApi(base);
        BenchRealm.Access access = new BenchRealm(admin, base).prepare();
        ScimUsers users = new ScimUsers("ours", access.oursBase(), access.oursToken());
        UserSeeder seeder = new UserSeeder(admin, BenchRealm.REALM);
        String run = BenchKeycloak.runId();
        int n = settings.members();

        System.out.printf("%n== Groups, N = %,d ==%n", n);
        int seeded = seeder.seedTo(settings.usersNeeded());
        List<String> pool = users.ids("userName sw \"user\"", settings.usersNeeded());
        if (pool.size() < settings.usersNeeded()) {
            throw new IllegalStateException("Only " + pool.size() + " seeded users found, need " + settings.usersNeeded());
        }
        int singles = settings.warmup() + settings.adds();
        if (n + singles > pool.size() - BULK_WARMUP) {
            throw new IllegalStateException("Too few users for N + " + singles + " single adds: raise the pool");
        }

        ScimGroupsBenchmark benchmark = new ScimGroupsBenchmark(settings, new ScimGroups(access.oursBase(),
                access.oursToken()), admin, base, run);
        RatioReport report = benchmark.report;
        report.header("Enterprise Connect SCIM /Groups benchmark, run " + run + ", " + Instant.now());
        report.header(BenchKeycloak.describe(keycloak));
        report.header("ours  = " + access.oursBase() + "/Groups (connector token)");
        report.header("admin = " + base + "/admin/realms/" + BenchRealm.REALM
                + "/users/{id}/groups/{groupId} (master admin-cli token)");
        report.header(String.format(Locale.ROOT, "N = %,d members; %,d seeded users, %,d users in realm; %d warm-up "
                        + "per operation and group, %d single adds and %d GETs per group, %d x %,d bulk adds per way;"
                        + " latencies are medians/p90 in ms", n, seeded, seeder.totalCount(), settings.warmup(),
                settings.adds(), settings.gets(), settings.repeats(), settings.batch()));
        benchmark.measure(pool);
        return report;
    }

    private void measure(List<String> pool) {
        int n = settings.members();
        String big = groups.create("big-" + run);
        String small = groups.create("small-" + run);
        // A warm JIT for the fill's first PATCH, which is compared with its last: 200 users (the bulk-add warm-up's,
        // into a group of their own) by one PATCH first.
        groups.addMembers(groups.create("fill-warm-" + run), pool.subList(pool.size() - BULK_WARMUP, pool.size()));
        fill(big, pool.subList(0, n));

        // 1. One member more, into the big group and into the empty one; the same user for both, taking turns.
        List<String> newcomers = pool.subList(n, n + settings.warmup() + settings.adds());
        Samples[] adds = interleaved("add 1 member", big, small, settings.warmup(), settings.adds(),
                (group, i) -> groups.addMembers(group, List.of(newcomers.get(i))));
        // Issue 18 on PostgreSQL: a 100k-member group takes a member at most 1.2x as slowly as an empty one.
        report.row(String.format(Locale.ROOT, "add 1 member, %,d-member vs empty, median", n), "ms",
                adds[0].medianMillis(), adds[1].medianMillis(), BenchKeycloak.onPostgres() ? 1.2 : 2.0);
        report.row(String.format(Locale.ROOT, "add 1 member, %,d-member vs empty, p90", n), "ms",
                adds[0].p90Millis(), adds[1].p90Millis(), Double.NaN);

        // 2. 1,000 members in one PATCH against 1,000 admin-API joins.
        bulkAdds(pool);

        // 3. GET without members, big against empty, taking turns.
        Samples[] gets = interleaved("GET excludedAttributes=members", big, small, settings.warmup(), settings.gets(),
                (group, i) -> groups.getWithoutMembers(group));
        report.row(String.format(Locale.ROOT, "GET excl. members, %,d-member vs empty, median", n), "ms",
                gets[0].medianMillis(), gets[1].medianMillis(), 2.0);
        report.row(String.format(Locale.ROOT, "GET excl. members, %,d-member vs empty, p90", n), "ms",
                gets[0].p90Millis(), gets[1].p90Millis(), Double.NaN);

        // Information, and the check that every add landed: one full GET of each.
        JsonHttp.Timed full = groups.get(big);
        int bigMembers = full.json().path("members").size();
        int smallMembers = groups.memberCount(small);
        report.note(String.format(Locale.ROOT, "full GET of the big group (with members), once: %.0f ms, %,d bytes,"
                + " %,d members", full.nanos() / 1e6, full.body().getBytes(StandardCharsets.UTF_8).length, bigMembers));
        expectMembers("big-" + run, bigMembers, n + newcomers.size());
        expectMembers("small-" + run, smallMembers, newcomers.size());
        report.note("member counts checked after the run: big " + bigMembers + ", small " + smallMembers);
    }

    /** Fills the big group by PATCHes of {@code batch} members and notes the rate. */
    private void fill(String group, List<String> members) {
        System.out.printf("Filling big-%s with %,d members, %,d per PATCH%n", run, members.size(), settings.batch());
        int batch = settings.batch();
        if (UserSeeder.byCopy() && !"patch".equalsIgnoreCase(System.getProperty("bench.groupFill", "copy"))
                && members.size() >= 4 * batch) {
            fillByCopy(group, members);
            return;
        }
        long start = System.nanoTime();
        List<Long> patches = new java.util.ArrayList<>();
        for (int from = 0; from < members.size(); from += settings.batch()) {
            patches.add(groups.addMembers(group, members.subList(from, Math.min(members.size(), from + settings.batch()))));
            if (patches.size() % 20 == 0) {
                System.out.printf("  %,d members, last PATCH %.0f ms%n", Math.min(members.size(), from + settings.batch()),
                        patches.get(patches.size() - 1) / 1e6);
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        String line = String.format(Locale.ROOT, "fill of the big group: %,d members in %d PATCHes of %,d, %.1f s"
                + " = %.0f members/s", members.size(), patches.size(), settings.batch(), seconds, members.size() / seconds);
        System.out.println("  " + line);
        report.note(line);
        // A PATCH must cost what it adds, not what the group holds: the last PATCH of the fill against the first.
        if (patches.size() >= 2) {
            int lastSize = members.size() - (patches.size() - 1) * settings.batch();
            report.row(String.format(Locale.ROOT, "fill: last PATCH (%,d members in) vs first", members.size() - lastSize),
                    "ms", patches.get(patches.size() - 1) / 1e6, patches.get(0) / 1e6, 1.3);
        }
        if (patches.size() >= 10) {
            Samples first = new Samples();
            Samples last = new Samples();
            patches.subList(0, 5).forEach(first::add);
            patches.subList(patches.size() - 5, patches.size()).forEach(last::add);
            report.row("fill: median of last 5 PATCHes vs first 5", "ms", last.medianMillis(), first.medianMillis(),
                    1.3);
        }
    }

    /**
     * Bench-only fill on PostgreSQL (a PATCH of 1,000 members took about 15 s on the loaded 2-core machine, so
     * 100 of them would take half an hour): the first {@code batch} members by PATCH (timed: the first PATCH of
     * the fill, into the empty group), the middle straight into Keycloak's {@code user_group_membership} by
     * {@code COPY} (the rows {@code joinGroup} writes: group, user, {@code UNMANAGED}), the last {@code batch}
     * by PATCH (timed: the last PATCH, into a group of N - batch members). {@code -Dbench.groupFill=patch}
     * fills by PATCH only.
     */
    private void fillByCopy(String group, List<String> members) {
        int batch = settings.batch();
        // Three PATCHes at each end when there is room (one sample of a PATCH is noisy on a shared machine).
        int ends = members.size() >= 8 * batch ? 3 : 1;
        long start = System.nanoTime();
        Samples first = new Samples();
        Samples last = new Samples();
        List<Long> firstNanos = new java.util.ArrayList<>();
        List<Long> lastNanos = new java.util.ArrayList<>();
        for (int p = 0; p < ends; p++) {
            firstNanos.add(groups.addMembers(group, members.subList(p * batch, (p + 1) * batch)));
        }
        List<String> middle = members.subList(ends * batch, members.size() - ends * batch);
        BenchPostgres db = BenchKeycloak.postgres(KeycloakProcess.homeFromSystemProperty());
        db.script(List.of("copy user_group_membership (group_id, user_id, membership_type) from stdin with (format csv)",
                "analyze user_group_membership"), out -> {
                    try {
                        java.io.Writer writer = new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8);
                        for (String user : middle) {
                            writer.write(group + "," + user + ",UNMANAGED\n");
                        }
                        writer.write("\\.\n");
                        writer.flush();
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                });
        for (int p = ends; p > 0; p--) {
            lastNanos.add(groups.addMembers(group, members.subList(members.size() - p * batch,
                    members.size() - (p - 1) * batch)));
        }
        firstNanos.forEach(first::add);
        lastNanos.forEach(last::add);
        double seconds = (System.nanoTime() - start) / 1e9;
        String line = String.format(Locale.ROOT, "fill of the big group: %,d members; the first and the last %d x %,d"
                + " by PATCH (ms: first %s, last %s), the %,d between by COPY into user_group_membership (bench-only);"
                + " %.1f s", members.size(), ends, batch, millis(firstNanos), millis(lastNanos), middle.size(), seconds);
        System.out.println("  " + line);
        report.note(line);
        report.row(String.format(Locale.ROOT, "fill: last PATCH (%,d members in) vs first", members.size() - batch),
                "ms", lastNanos.get(lastNanos.size() - 1) / 1e6, firstNanos.get(0) / 1e6, 1.3);
        if (ends > 1) {
            report.row(String.format(Locale.ROOT, "fill: median of last %d PATCHes vs first %d", ends, ends), "ms",
                    last.medianMillis(), first.medianMillis(), 1.3);
        }
    }

    private static String millis(List<Long> nanos) {
        return String.join("/", nanos.stream().map(n -> String.format(Locale.ROOT, "%.0f", n / 1e6)).toList());
    }

    /**
     * Round r adds users [r*batch, (r+1)*batch) of the pool to two fresh empty groups: one by a single PATCH,
     * one by sequential admin-API PUTs; which goes first alternates. Both ways are timed as the sum of their
     * HTTP exchanges (tokens are fetched outside the clock).
     */
    private void bulkAdds(List<String> pool) {
        int batch = settings.batch();
        List<String> warm = pool.subList(pool.size() - BULK_WARMUP, pool.size());
        groups.addMembers(groups.create("bulk-warm-patch-" + run), warm);
        joinByAdmin(groups.create("bulk-warm-admin-" + run), warm);

        Samples patch = new Samples();
        Samples joins = new Samples();
        StringBuilder rounds = new StringBuilder();
        for (int r = 0; r < settings.repeats(); r++) {
            List<String> members = pool.subList(r * batch, (r + 1) * batch);
            String patchGroup = groups.create("bulk-patch-" + run + "-" + r);
            String adminGroup = groups.create("bulk-admin-" + run + "-" + r);
            long patchNanos;
            long adminNanos;
            if (r % 2 == 0) {
                patchNanos = groups.addMembers(patchGroup, members);
                adminNanos = joinByAdmin(adminGroup, members);
            } else {
                adminNanos = joinByAdmin(adminGroup, members);
                patchNanos = groups.addMembers(patchGroup, members);
            }
            expectMembers("bulk-patch-" + r, groups.memberCount(patchGroup), batch);
            expectMembers("bulk-admin-" + r, groups.memberCount(adminGroup), batch);
            patch.add(patchNanos);
            joins.add(adminNanos);
            rounds.append(String.format(Locale.ROOT, " %.0f/%.0f", patchNanos / 1e6, adminNanos / 1e6));
        }
        System.out.printf("  add %,d members: %d rounds per way%n", batch, settings.repeats());
        report.row(String.format(Locale.ROOT, "add %,d: 1 PATCH vs %,d admin PUTs, median", batch, batch), "ms",
                patch.medianMillis(), joins.medianMillis(), 1.2);
        report.note("add " + batch + " members, ms per round (PATCH/admin PUTs):" + rounds);
    }

    /** Sequential {@code PUT /users/{id}/groups/{groupId}}; the sum of the exchanges in nanoseconds. */
    private long joinByAdmin(String group, List<String> userIds) {
        long nanos = 0;
        for (String user : userIds) {
            nanos += JsonHttp.put(URI.create(adminGroupMembers + user + "/groups/" + group), admin::accessToken, null,
                    null).expect(204).nanos();
        }
        return nanos;
    }

    private interface GroupOperation {
        long call(String group, int sample);
    }

    /** Warm-up then measured samples on the big and the small group, which goes first alternating. */
    private Samples[] interleaved(String label, String big, String small, int warmup, int measured,
            GroupOperation operation) {
        Samples[] samples = {new Samples(), new Samples()};
        String[] order = {big, small};
        for (int i = 0; i < warmup + measured; i++) {
            for (int j = 0; j < 2; j++) {
                int which = (i + j) % 2;
                long nanos = operation.call(order[which], i);
                if (i >= warmup) {
                    samples[which].add(nanos);
                }
            }
        }
        System.out.printf("  %s: %d samples per group after %d warm-up%n", label, measured, warmup);
        return samples;
    }

    private static void expectMembers(String group, int actual, int expected) {
        if (actual != expected) {
            throw new IllegalStateException(group + " has " + actual + " members, expected " + expected);
        }
    }
}
