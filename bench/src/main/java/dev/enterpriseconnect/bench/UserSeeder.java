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
