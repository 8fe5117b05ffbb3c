package dev.enterpriseconnect.bench;

import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

import dev.enterpriseconnect.testbed.AdminApi;
import dev.enterpriseconnect.testbed.KeycloakProcess;

/**
 * Our SCIM /Users against Keycloak's admin API and Keycloak's preview SCIM, in one Keycloak run on
 * a persistent H2 file database, at each realm size of {@code bench.sizes}. See bench/README.md.
 */
public final class ScimUsersBenchmark {

    private ScimUsersBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        BenchSettings settings = BenchSettings.fromSystemProperties();
        Path home = KeycloakProcess.homeFromSystemProperty();
        Path results = BenchKeycloak.resultsDirectory(home);
        long started = System.nanoTime();
        try (KeycloakProcess keycloak = BenchKeycloak.start(home, started)) {
            BenchReport report = run(keycloak, settings);
            report.write(results);
            System.out.println();
            System.out.print(report.text());
            System.out.printf("%nWritten: %s, %s (whole run %.1f min)%n", results.resolve(BenchReport.fileName() + ".txt"),
                    results.resolve(BenchReport.fileName() + ".csv"), (System.nanoTime() - started) / 60e9);
        }
        // exec:java would otherwise wait on the HTTP client's threads.
        System.exit(0);
    }

    private static BenchReport run(KeycloakProcess keycloak, BenchSettings settings) throws InterruptedException {
        URI base = keycloak.baseUrl();
        AdminApi admin = new AdminApi(base);
        BenchRealm.Access access = new BenchRealm(admin, base).prepare();
        ScimUsers ours = new ScimUsers("ours", access.oursBase(), access.oursToken());
        List<UserDirectory> systems = new java.util.ArrayList<>(List.of(ours, new AdminUsers(base, BenchRealm.REALM, admin)));
        if (settings.preview()) {
            systems.add(new ScimUsers("preview", access.previewBase(), access.previewToken()));
        }
        UserSeeder seeder = new UserSeeder(admin, BenchRealm.REALM);
        String run = BenchKeycloak.runId();

        BenchReport report = new BenchReport();
        report.header("Enterprise Connect SCIM /Users benchmark, run " + run + ", " + Instant.now());
        report.header(BenchKeycloak.describe(keycloak));
        report.header("ours    = " + access.oursBase() + "/Users (connector token)");
        report.header("admin   = " + base + "/admin/realms/" + BenchRealm.REALM + "/users (master admin-cli token)");
        report.header(settings.preview() ? "preview = " + access.previewBase()
                + "/Users (client_credentials token, audience = base URL)" : "preview: left out (-Dbench.preview=false)");
        report.header(String.format(Locale.ROOT, "samples: %d warm-up per operation and system (%d for lookups and"
                        + " creates), %d lookups, %d pages,"
                        + " %d sequential + %d concurrent creates, %d deactivations per system;"
                        + " latencies are medians/p90 in ms",
                settings.warmup(), settings.jitWarmup(), settings.lookups(), settings.pages(), settings.createSequential(),
                settings.createConcurrent(), settings.deactivations()));

        SizeBenchmark benchmark = new SizeBenchmark(systems, settings, run);
        for (int size : settings.sizes()) {
            System.out.printf("%n== Size %,d ==%n", size);
            int seeded = seeder.seedTo(size);
            int total = seeder.totalCount();
            report.add(size, seeded, total, benchmark.measure(size, seeded, total));
        }
        if (settings.repeatLargest()) {
            // The largest size once more, in the same run: how far one measurement of it can be trusted.
            int size = settings.largest();
            System.out.printf("%n== Size %,d, repeat ==%n", size);
            int seeded = seeder.seedTo(size);
            int total = seeder.totalCount();
            report.add(size, true, seeded, total, new SizeBenchmark(systems, settings, run + "r").measure(size, seeded,
                    total));
        }
        checkScaling(report, settings);
        checkHeap(report, keycloak, ours, settings);
        return report;
    }

    /**
     * Our lookup and random-start page must not slow down with realm size: an index, not a scan. Each
     * measurement of the largest size (two with a repeat) against the smallest.
     */
    private static void checkScaling(BenchReport report, BenchSettings settings) {
        if (settings.sizes().size() < 2) {
            report.note("lookup/page scaling: needs two sizes");
            return;
        }
        for (String operation : List.of(SizeBenchmark.LOOKUP_MEDIAN, SizeBenchmark.PAGE_RANDOM_MEDIAN)) {
            double smallest = report.row(settings.smallest(), operation).ours();
            List<ResultRow> largest = report.rows(settings.largest(), operation);
            for (int i = 0; i < largest.size(); i++) {
                double ratio = largest.get(i).ours() / smallest;
                String what = operation.startsWith("lookup") ? "ours lookup median" : "ours random page median";
                report.summary(String.format(Locale.ROOT, "%s, size %d%s / size %d", what, settings.largest(),
                                i > 0 ? " (repeat)" : "", settings.smallest()),
                        String.format(Locale.ROOT, "%.2f ms / %.2f ms = %.2f", largest.get(i).ours(), smallest, ratio),
                        "<= 1.5", ratio <= 1.5);
            }
        }
    }

    private static void checkHeap(BenchReport report, KeycloakProcess keycloak, ScimUsers ours, BenchSettings settings) {
        System.out.printf("%nWalking all users with ours, count=%d, watching the heap%n", settings.walkPageSize());
        try {
            HeapProbe heap = HeapProbe.of(keycloak.processHandle());
            AllUsersWalk.HeapGrowth growth = AllUsersWalk.walk(ours, heap, settings.walkPageSize());
            String walked = String.format(Locale.ROOT, "%,d of %,d users, %d pages, %.1f s", growth.users(),
                    growth.totalResults(), growth.pages(), growth.seconds());
            report.summary("full walk, ours count=" + settings.walkPageSize() + " (size " + settings.largest() + ")",
                    walked, "all users", growth.users() >= growth.totalResults());
            report.summary("heap retained after walk (full GC before/after)",
                    String.format(Locale.ROOT, "%.1f MiB", growth.retainedMib()), "< 64 MiB", growth.retainedMib() < 64);
            report.note(String.format(Locale.ROOT, "%-48s %-28s %s", "walk time per page of " + settings.walkPageSize(),
                    String.format(Locale.ROOT, "%.0f ms", growth.seconds() * 1000 / Math.max(1, growth.pages())),
                    "info: the whole walk took " + String.format(Locale.ROOT, "%.1f s", growth.seconds())));
            if (settings.largest() > 1_000_000) {
                // A second walk above a million users would double the longest part of the run (1M: 75 s).
                report.note("second walk: skipped above 1,000,000 users");
                report.note(String.format(Locale.ROOT, "%-48s %-28s %s", "heap peak during walk (every 10 pages + end)",
                        String.format(Locale.ROOT, "%.1f MiB", growth.peakMib()), "info only: includes uncollected garbage"));
                return;
            }
            // A second walk tells a bounded cache (H2's page cache, Keycloak's realm cache) filling on the
            // first walk apart from a leak, which would grow again.
            AllUsersWalk.HeapGrowth again = AllUsersWalk.walk(ours, heap, settings.walkPageSize());
            report.summary("heap retained after a second walk",
                    String.format(Locale.ROOT, "%.1f MiB", again.retainedMib()), "< 64 MiB", again.retainedMib() < 64);
            // No GC before these samples, so the peak includes garbage: shown, not judged.
            report.note(String.format(Locale.ROOT, "%-48s %-28s %s", "heap peak during walk (every 10 pages + end)",
                    String.format(Locale.ROOT, "%.1f MiB", growth.peakMib()), "info only: includes uncollected garbage"));
        } catch (RuntimeException e) {
            System.out.println("  walk FAILED: " + e.getMessage());
            report.note("full walk / heap: FAILED: " + e.getMessage());
        }
    }
}
