package dev.enterpriseconnect.events;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.jboss.logging.Logger;
import org.keycloak.models.AbstractKeycloakTransaction;
import org.keycloak.models.KeycloakSession;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Timer;

/**
 * Counters and timers in Micrometer's global registry (Keycloak serves it on the management
 * port's {@code /metrics} when started with {@code --metrics-enabled=true}). Labels are bounded:
 * connector names (one per configured connector), a handful of resources, methods, HTTP statuses
 * and outcomes; never user or group ids.
 */
public final class EventMetrics {

    private static final Logger LOG = Logger.getLogger(EventMetrics.class);
    private static volatile boolean broken;

    private EventMetrics() {
    }

    /**
     * Latency buckets of every timer here: a few fixed bounds, so that a histogram costs a dozen
     * series per label set instead of Micrometer's seventy-odd percentile buckets.
     */
    private static final Duration[] BUCKETS = {Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25),
            Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500),
            Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10),
            Duration.ofSeconds(30), Duration.ofSeconds(60)};

    /**
     * One SCIM request, reads and writes alike, with its latency histogram:
     * {@code enterprise_connect_scim_requests_seconds{connector,resource,operation,status}}.
     *
     * @param connector the authenticated connector's name, or {@code none} when the credential was refused
     * @param resource  Users, Groups, Bulk, search, discovery or other
     * @param operation the HTTP method (get, post, put, patch, delete)
     */
    public static void scimRequest(String connector, String resource, String operation, int status, long nanos) {
        record(() -> Timer.builder("enterprise.connect.scim.requests")
                .description("SCIM requests by connector, resource, operation and status")
                .tag("connector", connector).tag("resource", resource).tag("operation", operation)
                .tag("status", Integer.toString(status)).serviceLevelObjectives(BUCKETS)
                .register(Metrics.globalRegistry)
                .record(nanos, TimeUnit.NANOSECONDS));
    }

    /**
     * A refused SCIM credential: {@code enterprise_connect_scim_auth_failures_total{connector,reason}}.
     *
     * @param connector a configured connector's name, or {@code unknown} (the path's name is never a label)
     * @param reason    unknown_connector, no_credential, wrong_credential or throttled
     */
    public static void authFailure(String connector, String reason) {
        record(() -> Counter.builder("enterprise.connect.scim.auth.failures")
                .description("Refused SCIM credentials by connector and reason")
                .tag("connector", connector).tag("reason", reason).register(Metrics.globalRegistry).increment());
    }

    /**
     * A SCIM request answered 429: {@code enterprise_connect_scim_throttled_total{connector,limit}}.
     *
     * @param limit {@code auth_failures} (too many refused credentials) or {@code request_rate}
     */
    public static void throttled(String connector, String limit) {
        record(() -> Counter.builder("enterprise.connect.scim.throttled")
                .description("SCIM requests answered 429 by connector and limit")
                .tag("connector", connector).tag("limit", limit).register(Metrics.globalRegistry).increment());
    }

    /**
     * An invitation step, counted once its transaction committed:
     * {@code enterprise_connect_invitations_total{step}} (sent, failed, accepted, expired,
     * disabled_never_accepted).
     */
    public static void invitation(KeycloakSession session, String step) {
        afterCommit(session, () -> Counter.builder("enterprise.connect.invitations")
                .description("Invitation steps (committed)").tag("step", step)
                .register(Metrics.globalRegistry).increment());
    }

    /**
     * A deprovisioning step, counted once its transaction committed:
     * {@code enterprise_connect_deprovisionings_total{step,actor}} (steps access_revoked, deleted,
     * deleted_as_disabled, purge_scheduled, purge_cancelled, purged; actor scim, admin, sweep,
     * workflow or user).
     */
    public static void deprovisioning(KeycloakSession session, String step, String actor) {
        afterCommit(session, () -> Counter.builder("enterprise.connect.deprovisionings")
                .description("Deprovisioning steps (committed)").tag("step", step).tag("actor", actor)
                .register(Metrics.globalRegistry).increment());
    }

    /** One webhook attempt: {@code enterprise_connect_webhook_deliveries_seconds{outcome=success|failure}}. */
    public static void delivery(boolean succeeded, long nanos) {
        record(() -> Timer.builder("enterprise.connect.webhook.deliveries")
                .description("Webhook delivery attempts by outcome")
                .tag("outcome", succeeded ? "success" : "failure").serviceLevelObjectives(BUCKETS)
                .register(Metrics.globalRegistry)
                .record(nanos, TimeUnit.NANOSECONDS));
    }

    /** A delivery given up after the retry window: {@code enterprise_connect_webhook_failed_total}. */
    public static void deliveryGaveUp() {
        record(() -> Counter.builder("enterprise.connect.webhook.failed")
                .description("Webhook deliveries marked failed after the retry window")
                .register(Metrics.globalRegistry).increment());
    }

    /**
     * From an event's commit to the receiver's 2xx, retries included:
     * {@code enterprise_connect_webhook_lag_seconds}.
     */
    public static void deliveryLag(long millis) {
        record(() -> Timer.builder("enterprise.connect.webhook.lag")
                .description("Time from a directory event to its acknowledged delivery")
                .serviceLevelObjectives(BUCKETS).register(Metrics.globalRegistry)
                .record(Math.max(0, millis), TimeUnit.MILLISECONDS));
    }

    /** Counts what committed only: a rolled-back step did not happen. */
    private static void afterCommit(KeycloakSession session, Runnable metric) {
        if (broken) {
            return;
        }
        session.getTransactionManager().enlistAfterCompletion(new AbstractKeycloakTransaction() {
            @Override
            protected void commitImpl() {
                record(metric);
            }

            @Override
            protected void rollbackImpl() {
            }
        });
    }

    /** Metrics never break the work they measure. */
    private static void record(Runnable metric) {
        if (broken) {
            return;
        }
        try {
            metric.run();
        } catch (RuntimeException | LinkageError e) {
            broken = true;
            LOG.warnf(e, "Metrics unavailable; not recorded from now on");
        }
    }
}
