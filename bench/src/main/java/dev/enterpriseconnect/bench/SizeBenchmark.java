package dev.enterpriseconnect.bench;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.ToDoubleFunction;

/**
 * Measures lookup, page, create and deactivate for all systems at one realm size. Systems take turns sample by
 * sample, in a rotating order, so drift of the server (JIT, caches, GC) hits each of them alike.
 */
final class SizeBenchmark {

    /** One system's request for sample i; returns the exchange's nanoseconds. */
    private interface Operation {
        long call(UserDirectory system, int sample);
    }

    static final String LOOKUP_MEDIAN = "lookup userName eq, median";
    static final String PAGE_RANDOM_MEDIAN = "page of 100, random start, median";
    private static final String DEACTIVATE = "deactivate (PATCH active:false vs admin PUT enabled:false)";

    private final List<UserDirectory> systems;
    private final BenchSettings settings;
    private final String run;

    /** @param systems ours, admin, preview (unless left out): in that order */
    SizeBenchmark(List<UserDirectory> systems, BenchSettings settings, String run) {
        this.systems = systems;
        this.settings = settings;
        this.run = run;
    }

    List<ResultRow> measure(int size, int seeded, int total) throws InterruptedException {
        List<ResultRow> rows = new ArrayList<>();
        Random random = new Random(size);

        // Same k sequence for all systems: drawn once per sample, not per request.
        int[] lookupKeys = random.ints(settings.jitWarmup() + settings.lookups(), 0, seeded).toArray();
        Map<UserDirectory, Samples> lookups = interleaved("lookup", settings.jitWarmup(), settings.lookups(),
                (system, i) -> system.lookup(UserSeeder.userName(lookupKeys[i])));
        rows.add(latencyRow(size, LOOKUP_MEDIAN, lookups, Samples::medianMillis, Targets.lookup()));
        rows.add(latencyRow(size, "lookup userName eq, p90", lookups, Samples::p90Millis, Double.NaN));

        // Stay clear of the end: the APIs may count service accounts differently.
        int lastStart = Math.max(1, total - settings.pageSize() - 50);
        int[] starts = random.ints(settings.warmup() + settings.pages(), 1, lastStart + 1).toArray();
        // The first page, as every import starts: ours answers it along the userName index, and its total from
        // an index-only count (reused for 5 s).
        Map<UserDirectory, Samples> first = interleaved("page of " + settings.pageSize() + " at startIndex=1",
                settings.warmup(), settings.pages(), (system, i) -> system.page(1, settings.pageSize()));
        // Issue 18's target for the first page is at 100k users and more; below that the row is information.
        rows.add(latencyRow(size, "page of 100, startIndex=1, median", first, Samples::medianMillis,
                size >= 100_000 ? 0.5 : Double.NaN));
        rows.add(latencyRow(size, "page of 100, startIndex=1, p90", first, Samples::p90Millis, Double.NaN));
        Map<UserDirectory, Samples> pages = interleaved("page of " + settings.pageSize() + " at a random start",
                settings.warmup(), settings.pages(), (system, i) -> system.page(starts[i], settings.pageSize()));
        rows.add(latencyRow(size, PAGE_RANDOM_MEDIAN, pages, Samples::medianMillis, 0.5));
        rows.add(latencyRow(size, "page of 100, random start, p90", pages, Samples::p90Millis, Double.NaN));

        interleaved("create (warm-up)", 0, settings.jitWarmup(), (system, i) -> create(system, size, "w", i));
        Map<UserDirectory, Samples> sequential = interleaved("create sequential", 0, settings.createSequential(),
                (system, i) -> create(system, size, "s", i));
        rows.add(throughputRow(size, "create, 1 client", sequential, settings.createSequential()));
        Map<UserDirectory, Samples> concurrent = concurrentCreates(size);
        rows.add(throughputRow(size, "create, " + settings.clients() + " clients", concurrent,
                settings.createConcurrent()));

        // After the creates, so their rows are measured as before. Every sample disables a user of its own,
        // created and enabled by that system beforehand, untimed: a second deactivation would time a no-op.
        int leaving = settings.warmup() + settings.deactivations();
        Map<UserDirectory, List<String>> leavers = new LinkedHashMap<>();
        systems.forEach(system -> leavers.put(system, new ArrayList<>()));
        interleaved("deactivate set-up (untimed creates)", 0, leaving,
                (system, i) -> {
                    leavers.get(system).add(system.createEnabled(userName(system, size, "d", i)));
                    return 0L;
                });
        Map<UserDirectory, Samples> deactivated = interleaved("deactivate", settings.warmup(), settings.deactivations(),
                (system, i) -> system.deactivate(leaver(leavers, system, i)));
        leftOutUnlessDisabled(leavers, deactivated, leaving);
        rows.add(latencyRow(size, DEACTIVATE + ", median", deactivated, Samples::medianMillis, Targets.deactivate()));
        rows.add(latencyRow(size, DEACTIVATE + ", p90", deactivated, Samples::p90Millis, Double.NaN));
        return rows;
    }

    private long create(UserDirectory system, int size, String phase, int i) {
        return system.create(userName(system, size, phase, i), "Given" + i, "Family" + i);
    }

    private String userName(UserDirectory system, int size, String phase, int i) {
        // Fresh names per run, size, system and phase: no run collides with an earlier one.
        return system.name() + "-" + run + "-" + size + phase + i + "@bench.test";
    }

    private static String leaver(Map<UserDirectory, List<String>> leavers, UserDirectory system, int i) {
        List<String> ids = leavers.get(system);
        if (i >= ids.size()) {
            throw new IllegalStateException("no user to deactivate, the set-up created only " + ids.size());
        }
        return ids.get(i);
    }

    /**
     * Reads every deactivated user back through the system that disabled it, untimed: the admin API answers
     * 204 without a body, so only this shows its deactivation took. A system with a user still active is
     * left out of the row (NaN), as a failed call would be.
     */
    private void leftOutUnlessDisabled(Map<UserDirectory, List<String>> leavers, Map<UserDirectory, Samples> deactivated,
            int leaving) {
        Map<UserDirectory, Samples> checked = interleaved("deactivate read-back (untimed)", 0, leaving,
                (system, i) -> {
                    if (deactivated.get(system).count() > 0 && system.active(leaver(leavers, system, i))) {
                        throw new IllegalStateException("user " + leaver(leavers, system, i) + " still active");
                    }
                    return 0L;
                });
        deactivated.replaceAll((system, samples) -> checked.get(system).count() == leaving ? samples : new Samples());
    }

    /**
     * Runs warm-up then measured samples, the systems taking turns. A system that fails an operation
     * is reported once and left out of that operation (NaN), so one missing endpoint does not stop the run.
     */
    private Map<UserDirectory, Samples> interleaved(String label, int warmup, int measured, Operation operation) {
        Map<UserDirectory, Samples> samples = new LinkedHashMap<>();
        systems.forEach(system -> samples.put(system, new Samples()));
        Set<UserDirectory> failed = new HashSet<>();
        for (int i = 0; i < warmup + measured; i++) {
            for (UserDirectory system : rotated(i)) {
                if (failed.contains(system)) {
                    continue;
                }
                try {
                    long nanos = operation.call(system, i);
                    if (i >= warmup) {
                        samples.get(system).add(nanos);
                    }
                } catch (RuntimeException e) {
                    failed.add(system);
                    System.out.printf("  %s: %s FAILED, left out: %s%n", label, system.name(), e.getMessage());
                }
            }
        }
        failed.forEach(system -> samples.put(system, new Samples()));
        System.out.printf("  %s: %d samples per system after %d warm-up%n", label, measured, warmup);
        return samples;
    }

    /**
     * Rounds of N clients creating at once, 100 users per round and system; one system at a time, turns
     * rotating; wall time per round. Short rounds in alternation spread a JIT burst or a GC cycle over both
     * systems instead of charging it to whichever ran one long round.
     */
    private Map<UserDirectory, Samples> concurrentCreates(int size) throws InterruptedException {
        int rounds = Math.max(4, settings.createConcurrent() / USERS_PER_ROUND);
        int perRound = settings.createConcurrent() / rounds;
        Map<UserDirectory, Samples> samples = new LinkedHashMap<>();
        systems.forEach(system -> samples.put(system, new Samples()));
        Set<UserDirectory> failed = new HashSet<>();
        ExecutorService clients = Executors.newFixedThreadPool(settings.clients());
        try {
            for (int round = 0; round < rounds; round++) {
                for (UserDirectory system : rotated(round)) {
                    if (failed.contains(system)) {
                        continue;
                    }
                    int first = round * perRound;
                    List<Future<Long>> futures = new ArrayList<>();
                    long start = System.nanoTime();
                    for (int c = 0; c < settings.clients(); c++) {
                        int client = c;
                        futures.add(clients.submit(() -> {
                            for (int i = first + client; i < first + perRound; i += settings.clients()) {
                                create(system, size, "c", i);
                            }
                            return 0L;
                        }));
                    }
                    try {
                        for (Future<Long> future : futures) {
                            future.get();
                        }
                        samples.get(system).add(System.nanoTime() - start);
                    } catch (ExecutionException e) {
                        failed.add(system);
                        System.out.printf("  create concurrent: %s FAILED, left out: %s%n", system.name(),
                                e.getCause().getMessage());
                    }
                }
            }
        } finally {
            clients.shutdownNow();
        }
        failed.forEach(system -> samples.put(system, new Samples()));
        System.out.printf("  create with %d clients: %d users per system%n", settings.clients(), settings.createConcurrent());
        return samples;
    }

    private static final int USERS_PER_ROUND = 100;

    private List<UserDirectory> rotated(int turn) {
        List<UserDirectory> order = new ArrayList<>(systems.size());
        for (int j = 0; j < systems.size(); j++) {
            order.add(systems.get((turn + j) % systems.size()));
        }
        return order;
    }

    /** The preview's figure, or NaN when it is left out ({@code -Dbench.preview=false}). */
    private static double preview(double[] figures) {
        return figures.length > 2 ? figures[2] : Double.NaN;
    }

    private ResultRow latencyRow(int size, String operation, Map<UserDirectory, Samples> samples,
            ToDoubleFunction<Samples> statistic, double adminBound) {
        double[] ms = systems.stream().mapToDouble(s -> statistic.applyAsDouble(samples.get(s))).toArray();
        return new ResultRow(size, operation, "ms", ms[0], ms[1], preview(ms), false, adminBound);
    }

    private ResultRow throughputRow(int size, String operation, Map<UserDirectory, Samples> samples, int users) {
        double[] perSecond = systems.stream().mapToDouble(s -> {
            Samples done = samples.get(s);
            return done.count() == 0 ? Double.NaN : users / done.totalSeconds();
        }).toArray();
        return new ResultRow(size, operation, "users/s", perSecond[0], perSecond[1], preview(perSecond), true,
                Targets.create());
    }
}
