package dev.enterpriseconnect.scim.endpoint;

import java.util.concurrent.ConcurrentHashMap;

import org.jboss.logging.Logger;
import org.keycloak.Config;
import org.keycloak.events.Errors;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

import dev.enterpriseconnect.scim.connector.ScimConnector;
import dev.enterpriseconnect.scim.connector.ScimConnectorConfig;

/**
 * This node's throttling state for SCIM credential checks, and how failures are made visible.
 *
 * <p>Failed checks are counted under two keys, each in fixed windows (see {@link FailureThrottle}):
 * <ul>
 * <li>(realm, connector name from the path, client address): the connector's
 * {@code authFailureLimit} per {@code authFailureWindow} (default 10 per minute). Names no
 * connector has count the same way with the defaults, so throttling tells nothing about which
 * names exist;</li>
 * <li>(realm, client address), across every name: {@code address-failure-limit} per
 * {@code address-failure-window} (SPI options, default 50 per minute), so spraying names does not
 * escape the first key.</li>
 * </ul>
 * Over either limit a failed check answers 429 with {@code Retry-After} (the end of the window).
 * A <em>valid</em> credential is always served, throttled key or not: Okta and Entra call from
 * shared cloud addresses, so anyone else on those addresses could otherwise lock a tenant's real
 * IdP out. Guessing gains nothing from that, since a secret has 256 random bits.
 *
 * <p>Authenticated requests go through a token bucket per connector ({@code requestRateLimit}
 * per second, {@code requestRateBurst} at once), answering 429 when it is empty.
 *
 * <p>All of it is per node, in memory: behind a load balancer of n nodes a client can make up to
 * n times the limits. Failures show as Keycloak events, in a rate-limited log line and in
 * {@link FailedAttempts}.
 */
final class CredentialGuard {

    private static final Logger LOG = Logger.getLogger(CredentialGuard.class);
    /** Rate-limit log lines: at most one per key per this long. */
    private static final long LOG_INTERVAL_MILLIS = 60_000;
    private static final int MAX_KEYS = 100_000;

    static final int DEFAULT_ADDRESS_FAILURE_LIMIT = 50;
    static final int DEFAULT_ADDRESS_FAILURE_WINDOW_SECONDS = 60;

    private final FailureThrottle failures = new FailureThrottle(MAX_KEYS);
    private final RequestRateLimiter requests = new RequestRateLimiter();
    private final ConcurrentHashMap<String, Long> rateLimitLogged = new ConcurrentHashMap<>();
    private volatile FailureThrottle.Limit addressLimit = new FailureThrottle.Limit(DEFAULT_ADDRESS_FAILURE_LIMIT,
            DEFAULT_ADDRESS_FAILURE_WINDOW_SECONDS * 1000L);

    void configure(Config.Scope config) {
        if (config == null) {
            return;
        }
        int limit = config.getInt("address-failure-limit", DEFAULT_ADDRESS_FAILURE_LIMIT);
        int window = config.getInt("address-failure-window", DEFAULT_ADDRESS_FAILURE_WINDOW_SECONDS);
        addressLimit = new FailureThrottle.Limit(Math.max(1, limit), Math.max(1, window) * 1000L);
    }

    FailureThrottle failures() {
        return failures;
    }

    RequestRateLimiter requests() {
        return requests;
    }

    FailureThrottle.Limit addressLimit() {
        return addressLimit;
    }

    /** The pair limit: the connector's settings, or the defaults for a name no connector has. */
    static FailureThrottle.Limit pairLimit(ScimConnector connector) {
        if (connector == null) {
            return new FailureThrottle.Limit(ScimConnectorConfig.DEFAULT_AUTH_FAILURE_LIMIT, ScimConnectorConfig
                    .parseAuthFailureWindow(ScimConnectorConfig.DEFAULT_AUTH_FAILURE_WINDOW).orElseThrow().toMillis());
        }
        return new FailureThrottle.Limit(connector.authFailureLimit(), connector.authFailureWindow().toMillis());
    }

    /**
     * Makes one failed check visible: an event (Keycloak's {@code CLIENT_LOGIN_ERROR}, client
     * {@code scim:<name>}) for every failure until its key is throttled and one when throttling
     * starts, a log line for the first failure of a window and for the start of throttling, and
     * always the per-node counts.
     */
    void reportFailure(KeycloakSession session, RealmModel realm, String name, ScimConnector connector, String reason,
            String address, FailureThrottle.Decision decision, long now) {
        String shownName = displayName(name);
        FailedAttempts.record(realm.getId(), connector == null ? null : connector.id(),
                new FailedAttempts.Attempt(now, shownName, connector != null, reason, address, decision.throttled()));
        if (decision.startsThrottling()) {
            LOG.warnf("SCIM credential checks throttled: realm=%s, connector=%s, address=%s, %d failures;"
                    + " further failures answer 429 for %d s", realm.getName(), shownName, address, decision.count(),
                    seconds(decision.retryAfterMillis()));
            event(session, realm, shownName, connector, reason, "scim_throttled", decision);
        } else if (!decision.throttled()) {
            if (decision.firstInWindow()) {
                LOG.warnf("SCIM credential check failed: realm=%s, connector=%s, address=%s, reason=%s"
                        + " (further failures of this connector and address in this window are not logged here;"
                        + " see the realm's events)", realm.getName(), shownName, address, reason);
            }
            event(session, realm, shownName, connector, reason, Errors.INVALID_CLIENT_CREDENTIALS, decision);
        }
    }

    /** A connector's requests outran its rate: counted, logged and evented at most once a minute. */
    void reportRateLimited(KeycloakSession session, RealmModel realm, ScimConnector connector, String address, long now) {
        FailedAttempts.record(realm.getId(), connector.id(),
                new FailedAttempts.Attempt(now, connector.name(), true, "rate_limited", address, true));
        String key = realm.getId() + "/" + connector.id();
        Long last = rateLimitLogged.get(key);
        if (last != null && now - last < LOG_INTERVAL_MILLIS && now >= last) {
            return;
        }
        if (last == null ? rateLimitLogged.putIfAbsent(key, now) != null : !rateLimitLogged.replace(key, last, now)) {
            return;
        }
        LOG.warnf("SCIM request rate limit reached: realm=%s, connector=%s, address=%s, limit %d/s, burst %d",
                realm.getName(), connector.name(), address, connector.requestRateLimit(), connector.requestRateBurst());
        event(session, realm, connector.name(), connector, "rate_limited", "scim_rate_limited", null);
    }

    private static void event(KeycloakSession session, RealmModel realm, String shownName, ScimConnector connector,
            String reason, String error, FailureThrottle.Decision decision) {
        try {
            EventBuilder event = new EventBuilder(realm, session, session.getContext().getConnection())
                    .event(EventType.CLIENT_LOGIN_ERROR)
                    .client("scim:" + shownName)
                    .detail("scim_connector", shownName)
                    .detail("scim_connector_known", String.valueOf(connector != null))
                    .detail("reason", reason)
                    // The SCIM request's transaction rolls back with the 401/429; the event must stay.
                    .storeImmediately(true);
            if (decision != null) {
                event.detail("failures_in_window", String.valueOf(decision.count()));
            }
            event.error(error);
        } catch (RuntimeException e) {
            LOG.debugf(e, "Could not record SCIM credential failure event in realm %s", realm.getName());
        }
    }

    /** A path segment fit for logs and events: a connector name, or a marker for anything else. */
    static String displayName(String name) {
        return name != null && ScimConnectorConfig.NAME_PATTERN.matcher(name).matches() ? name : "<invalid name>";
    }

    static long seconds(long millis) {
        return Math.max(1, (millis + 999) / 1000);
    }
}
