package dev.enterpriseconnect.scim.provisioning;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

import org.keycloak.common.util.Time;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakTransaction;

/**
 * The {@code totalResults} of a listing, reused for a few seconds across the pages of one walk.
 * Okta and Entra import a directory page by page, and counting the realm for each page would cost
 * a scan of it per page (RFC 7644 §3.4.2.4 promises no consistency across pages anyway). A SCIM write
 * in the realm on this node drops the realm's totals once its transaction ends, so a client that
 * writes and then lists sees its own change; changes made elsewhere (the admin console, another
 * node) show in the total within {@link #TTL_MILLIS}. Only this node's memory is used, bounded.
 */
public final class ListTotals {

    static final long TTL_MILLIS = 5_000;
    private static final int MAX_ENTRIES = 2_000;

    private record Entry(long total, long countedAt, long generation) {
    }

    private static final Map<String, AtomicLong> GENERATIONS = new ConcurrentHashMap<>();
    private static final Map<String, Entry> TOTALS = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
            return size() > MAX_ENTRIES;
        }
    };

    private ListTotals() {
    }

    /**
     * The total of the listing {@code listing} (which names everything it depends on besides the
     * realm: resource type, scope, filter), counted by {@code count} unless a fresh one is known.
     */
    public static long of(String realmId, String listing, LongSupplier count) {
        String key = realmId + '\n' + listing;
        long generation = generation(realmId).get();
        long now = Time.currentTimeMillis();
        Entry known;
        synchronized (TOTALS) {
            known = TOTALS.get(key);
        }
        if (known != null && known.generation() == generation && now - known.countedAt() < TTL_MILLIS
                && now >= known.countedAt()) {
            return known.total();
        }
        long total = count.getAsLong();
        synchronized (TOTALS) {
            // Stamped with the generation read before counting: a write ending meanwhile outdates it.
            TOTALS.put(key, new Entry(total, now, generation));
        }
        return total;
    }

    /** A SCIM write in the realm: its totals are dropped once the session's transaction ends. */
    public static void writing(KeycloakSession session, String realmId) {
        var transaction = session.getTransactionManager();
        if (transaction.isActive()) {
            transaction.enlistAfterCompletion(new Outdating(realmId));
        }
        generation(realmId).incrementAndGet();
    }

    private static AtomicLong generation(String realmId) {
        return GENERATIONS.computeIfAbsent(realmId, id -> new AtomicLong());
    }

    private record Outdating(String realmId) implements KeycloakTransaction {
        @Override
        public void begin() {
        }

        @Override
        public void commit() {
            generation(realmId).incrementAndGet();
        }

        @Override
        public void rollback() {
            generation(realmId).incrementAndGet();
        }

        @Override
        public void setRollbackOnly() {
        }

        @Override
        public boolean getRollbackOnly() {
            return false;
        }

        @Override
        public boolean isActive() {
            return true;
        }
    }
}
