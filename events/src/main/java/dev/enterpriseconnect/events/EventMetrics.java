package dev.enterpriseconnect.events;

import java.util.concurrent.TimeUnit;

import org.jboss.logging.Logger;

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
     * One SCIM write: {@code enterprise_connect_scim_requests_seconds{connector,resource,operation,status}}.
     *
     * @param resource  Users, Groups or Bulk
     * @param operation the HTTP method (post, put, patch, delete)
     */
    public static void scimRequest(String connector, String resource, String operation, int status, long nanos) {
        record(() -> Timer.builder("enterprise.connect.scim.requests")
                .description("SCIM writes by connector, resource, operation and status")
                .tag("connector", connector).tag("resource", resource).tag("operation", operation)
                .tag("status", Integer.toString(status)).register(Metrics.globalRegistry)
                .record(nanos, TimeUnit.NANOSECONDS));
    }

    /** One webhook attempt: {@code enterprise_connect_webhook_deliveries_seconds{outcome=success|failure}}. */
    public static void delivery(boolean succeeded, long nanos) {
        record(() -> Timer.builder("enterprise.connect.webhook.deliveries")
                .description("Webhook delivery attempts by outcome")
                .tag("outcome", succeeded ? "success" : "failure").register(Metrics.globalRegistry)
                .record(nanos, TimeUnit.NANOSECONDS));
    }

    /** A delivery given up after the retry window: {@code enterprise_connect_webhook_failed_total}. */
    public static void deliveryGaveUp() {
        record(() -> Counter.builder("enterprise.connect.webhook.failed")
                .description("Webhook deliveries marked failed after the retry window")
                .register(Metrics.globalRegistry).increment());
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
