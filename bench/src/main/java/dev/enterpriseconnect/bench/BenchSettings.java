package dev.enterpriseconnect.bench;

import java.util.Arrays;
import java.util.List;

/** What to run, from system properties (set by bench/pom.xml; override with -D on the Maven command). */
record BenchSettings(List<Integer> sizes, int warmup, int jitWarmup, int lookups, int pages, int pageSize, int createSequential,
        int createConcurrent, int clients, int walkPageSize, int deactivations, boolean repeatLargest,
        boolean preview) {

    static BenchSettings fromSystemProperties() {
        List<Integer> sizes = Arrays.stream(System.getProperty("bench.sizes", "1000,10000").split(","))
                .map(String::trim).filter(s -> !s.isEmpty()).map(Integer::valueOf).sorted().distinct().toList();
        return new BenchSettings(sizes,
                Integer.getInteger("bench.warmup", 50),
                // Lookups and creates, both systems: the server's JIT still compiles after thousands of requests
                // (C2 threads: 1.6 ms of CPU per create after 5,000), and a production server is warm.
                Integer.getInteger("bench.jitWarmup", 1000),
                Integer.getInteger("bench.lookups", 500),
                Integer.getInteger("bench.pages", 30),
                100,
                // Enough samples that one GC cycle or JIT burst does not decide a create row.
                Integer.getInteger("bench.creates", 500),
                Integer.getInteger("bench.concurrentCreates", 1000),
                4,
                1000,
                // Not bench.deactivations: that one is the lifecycle benchmark's (deactivate until refresh refused).
                Integer.getInteger("bench.userDeactivations", 100),
                // Issue 18 asks for the largest size twice on PostgreSQL; -Dbench.repeatLargest=true|false overrides.
                Boolean.parseBoolean(System.getProperty("bench.repeatLargest",
                        Boolean.toString(BenchKeycloak.onPostgres()))),
                // The preview's pages take seconds at 100k users and more: left out on PostgreSQL unless asked for.
                Boolean.parseBoolean(System.getProperty("bench.preview", Boolean.toString(!BenchKeycloak.onPostgres()))));
    }

    int smallest() {
        return sizes.get(0);
    }

    int largest() {
        return sizes.get(sizes.size() - 1);
    }
}
