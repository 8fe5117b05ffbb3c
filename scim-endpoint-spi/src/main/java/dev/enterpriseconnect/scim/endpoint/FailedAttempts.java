package dev.enterpriseconnect.scim.endpoint;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What this node saw of failed SCIM credential checks, for the connector admin API: per connector a
 * count and the last attempt, per realm the most recent attempts (unknown connector names too).
 * In memory, per node, since the node started; never a secret. Keycloak events (when the realm
 * saves events) are the durable, cluster-wide record.
 */
public final class FailedAttempts {

    /** How many recent attempts a realm keeps. */
    public static final int RECENT = 100;

    /**
     * @param connector  the connector name as the path gave it (sanitised)
     * @param reason     {@code unknown_connector}, {@code wrong_credential}, {@code no_credential}, {@code rate_limited}
     * @param throttled  answered 429
     */
    public record Attempt(long time, String connector, boolean knownConnector, String reason, String address,
            boolean throttled) {
    }

    /** @param count failed checks on this node since it started; {@code throttled} of them answered 429 */
    public record Summary(long count, long throttled, long rateLimited, Attempt last) {
        static final Summary NONE = new Summary(0, 0, 0, null);
    }

    private static final ConcurrentHashMap<String, Summary> BY_CONNECTOR = new ConcurrentHashMap<>();
    private static final ConcurrentHashMap<String, Deque<Attempt>> BY_REALM = new ConcurrentHashMap<>();

    private FailedAttempts() {
    }

    /** @param connectorId the connector's id, or null for a name no connector has */
    static void record(String realmId, String connectorId, Attempt attempt) {
        if (connectorId != null) {
            boolean rateLimited = "rate_limited".equals(attempt.reason());
            BY_CONNECTOR.merge(realmId + "/" + connectorId,
                    new Summary(rateLimited ? 0 : 1, attempt.throttled() && !rateLimited ? 1 : 0, rateLimited ? 1 : 0, attempt),
                    (old, add) -> new Summary(old.count() + add.count(), old.throttled() + add.throttled(),
                            old.rateLimited() + add.rateLimited(), attempt));
        }
        Deque<Attempt> recent = BY_REALM.computeIfAbsent(realmId, id -> new ArrayDeque<>());
        synchronized (recent) {
            recent.addFirst(attempt);
            while (recent.size() > RECENT) {
                recent.removeLast();
            }
        }
    }

    public static Summary forConnector(String realmId, String connectorId) {
        return BY_CONNECTOR.getOrDefault(realmId + "/" + connectorId, Summary.NONE);
    }

    /** Newest first. */
    public static List<Attempt> recent(String realmId) {
        Deque<Attempt> recent = BY_REALM.get(realmId);
        if (recent == null) {
            return List.of();
        }
        synchronized (recent) {
            return new ArrayList<>(recent);
        }
    }

    public static void forget(String realmId, String connectorId) {
        BY_CONNECTOR.remove(realmId + "/" + connectorId);
    }
}
