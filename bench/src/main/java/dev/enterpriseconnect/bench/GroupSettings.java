package dev.enterpriseconnect.bench;

/**
 * What the groups benchmark runs, from system properties (override with -D on the Maven command).
 *
 * @param members N, the size of the big group
 * @param warmup  warm-up requests per operation and group, not counted
 * @param adds    measured single-member adds per group
 * @param gets    measured GETs per group
 * @param batch   members per PATCH when filling the big group, and per bulk add (PATCH vs admin PUTs);
 *                {@code -Dbench.groupBatch} [1000]
 * @param repeats rounds of the bulk-add comparison
 */
record GroupSettings(int members, int warmup, int adds, int gets, int batch, int repeats) {

    /** Seeded users beyond N: for the single adds, the bulk adds and their warm-up. */
    static final int EXTRA_USERS = 2000;

    static GroupSettings fromSystemProperties() {
        return new GroupSettings(
                Integer.getInteger("bench.groupMembers", 50_000),
                Integer.getInteger("bench.warmup", 50),
                Integer.getInteger("bench.groupAdds", 50),
                Integer.getInteger("bench.groupGets", 100),
                Integer.getInteger("bench.groupBatch", 1000),
                3);
    }

    /**
     * Users needed: N for the big group plus {@link #EXTRA_USERS}; at least enough for the bulk-add rounds
     * (distinct users per round) and their warm-up, so small N work too.
     */
    int usersNeeded() {
        return Math.max(members + EXTRA_USERS, batch * (repeats + 1));
    }
}
