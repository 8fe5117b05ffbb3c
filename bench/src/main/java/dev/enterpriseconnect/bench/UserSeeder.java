package dev.enterpriseconnect.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.enterpriseconnect.testbed.AdminApi;

/**
 * Brings the realm to N seeded users {@code user{i}@bench.test} through Keycloak's public
 * partial-import API: the fastest public way in, and SKIP makes a repeated or resumed run harmless.
 * On PostgreSQL ({@code -Dbench.db=postgres}) the users go straight into Keycloak's tables by {@code COPY}
 * instead ({@link #copyRange}: bench-only, the only way to a million users in minutes), unless
 * {@code -Dbench.seed=api}.
 */
final class UserSeeder {

    private static final int BATCH = 500;
    private static final int PARALLEL = 2;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final AdminApi admin;
    private final String realm;

    UserSeeder(AdminApi admin, String realm) {
        this.admin = admin;
        this.realm = realm;
    }

    static String userName(int i) {
        return "user" + i + "@bench.test";
    }

    /** Users of the seeded kind only: the create benchmark's users have other names. */
    int seededCount() {
        return admin.expect(200, admin.get("/admin/realms/" + realm + "/users/count?username=user&exact=false")).asInt();
    }

    int totalCount() {
        return admin.expect(200, admin.get("/admin/realms/" + realm + "/users/count")).asInt();
    }

    /** @return the seeded users now in the realm: at least target, more if an earlier run seeded more */
    int seedTo(int target) throws InterruptedException {
        int have = seededCount();
        if (have >= target) {
            System.out.printf("Seeding: %d seeded users already, nothing to do%n", have);
            return have;
        }
        if (byCopy()) {
            long start = System.nanoTime();
            // From 0: rows already there are skipped (ON CONFLICT), so gaps left by a killed run are filled too.
            int added = copyRange(have > 0 && have == maxSeededIndex() + 1 ? have : 0, target);
            double seconds = (System.nanoTime() - start) / 1e9;
            int now = seededCount();
            System.out.printf("Seeding: %d -> %d seeded users, %d added in %.1f s = %.0f users/s (COPY into"
                    + " Keycloak's tables, bench-only)%n", have, now, added, seconds, added / seconds);
            return now;
        }
        long start = System.nanoTime();
        int added = importRange(have, target);
        if (seededCount() < target) {
            // An earlier run stopped half-way and left gaps: one more pass from 0 fills them (SKIP keeps the rest).
            added += importRange(0, target);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        int now = seededCount();
        System.out.printf("Seeding: %d -> %d seeded users, %d added in %.1f s = %.0f users/s (partialImport, %d x %d)%n",
                have, now, added, seconds, added / seconds, PARALLEL, BATCH);
        return now;
    }

    /** On PostgreSQL, seeding by COPY unless {@code -Dbench.seed=api}. */
    static boolean byCopy() {
        return BenchKeycloak.onPostgres() && !"api".equalsIgnoreCase(System.getProperty("bench.seed", "copy"));
    }

    private int maxSeededIndex() {
        String max = postgres().value("select coalesce(max(cast(substring(username from '^user([0-9]+)@bench[.]test$')"
                + " as integer)), -1) from user_entity where realm_id = (select id from realm where name = '" + realm
                + "') and username like 'user%@bench.test'");
        return Integer.parseInt(max);
    }

    private static BenchPostgres postgres() {
        return BenchKeycloak.postgres(dev.enterpriseconnect.testbed.KeycloakProcess.homeFromSystemProperty());
    }

    /**
     * Bench-only seeding: users {@code from..to-1} written straight into Keycloak's {@code user_entity} by
     * {@code COPY} (through a temporary table, then {@code INSERT ... ON CONFLICT DO NOTHING}, so a repeated
     * range is harmless), with the realm's default role in {@code user_role_mapping}, as partialImport gives
     * them; then {@code ANALYZE}. The same rows as partialImport writes for these users (no attributes,
     * credentials or groups: partialImport writes none either), so both the admin API and our SCIM list them.
     * Keycloak's caches do not hold these users yet; they are read from the database like any user not yet
     * cached. Ids are name-based UUIDs of the index, so the same user gets the same id in every run.
     */
    private int copyRange(int from, int to) {
        BenchPostgres db = postgres();
        String realmId = db.value("select id from realm where name = '" + realm + "'");
        String defaultRole = db.value("select default_role from realm where id = '" + realmId + "'");
        if (realmId.isEmpty() || defaultRole.isEmpty()) {
            throw new IllegalStateException("Realm " + realm + " or its default role not found in PostgreSQL");
        }
        int before = Integer.parseInt(db.value("select count(*) from user_entity where realm_id = '" + realmId + "'"));
        long now = System.currentTimeMillis();
        System.out.printf("Seeding users %,d..%,d by COPY into user_entity%n", from, to - 1);
        db.script(List.of(
                "create temp table bench_seed (like user_entity including defaults)",
                "copy bench_seed (id, email, email_constraint, email_verified, enabled, first_name, last_name,"
                        + " realm_id, username, created_timestamp, last_modified_timestamp, not_before) from stdin with"
                        + " (format csv)",
                "insert into user_entity select * from bench_seed on conflict do nothing",
                "insert into user_role_mapping (role_id, user_id) select '" + defaultRole + "', s.id from bench_seed s"
                        + " on conflict do nothing",
                "analyze user_entity",
                "analyze user_role_mapping"), out -> {
                    try {
                        java.io.Writer writer = new java.io.OutputStreamWriter(out, java.nio.charset.StandardCharsets.UTF_8);
                        StringBuilder row = new StringBuilder(200);
                        for (int i = from; i < to; i++) {
                            String name = userName(i);
                            row.setLength(0);
                            row.append(seededId(i)).append(',').append(name).append(',').append(name)
                                    .append(",t,t,First").append(i).append(",Last").append(i).append(',')
                                    .append(realmId).append(',').append(name).append(',').append(now).append(',').append(now)
                                    .append(",0\n");
                            writer.write(row.toString());
                        }
                        writer.write("\\.\n");
                        writer.flush();
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                });
        int after = Integer.parseInt(db.value("select count(*) from user_entity where realm_id = '" + realmId + "'"));
        return after - before;
    }

    /** The id of seeded user i in every run: a name-based UUID. */
    static String seededId(int i) {
        return java.util.UUID.nameUUIDFromBytes(("bench-seeded-user-" + i).getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .toString();
    }

    private int importRange(int from, int to) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(PARALLEL);
        try {
            List<Future<Integer>> batches = new ArrayList<>();
            for (int first = from; first < to; first += BATCH) {
                int begin = first;
                int end = Math.min(to, first + BATCH);
                batches.add(pool.submit(() -> importBatch(begin, end)));
            }
            int added = 0;
            for (Future<Integer> batch : batches) {
                added += batch.get();
            }
            return added;
        } catch (ExecutionException e) {
            throw new IllegalStateException("Seeding failed", e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    private int importBatch(int begin, int end) {
        ObjectNode body = JSON.createObjectNode().put("ifResourceExists", "SKIP");
        ArrayNode users = body.putArray("users");
        for (int i = begin; i < end; i++) {
            users.addObject()
                    .put("username", userName(i))
                    .put("email", userName(i))
                    .put("emailVerified", true)
                    .put("firstName", "First" + i)
                    .put("lastName", "Last" + i)
                    .put("enabled", true);
        }
        return admin.expect(200, admin.post("/admin/realms/" + realm + "/partialImport", body.toString()))
                .path("added").asInt();
    }
}
