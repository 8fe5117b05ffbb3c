package dev.enterpriseconnect.events.webhook;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

import org.jboss.logging.Logger;
import org.keycloak.common.util.Time;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.utils.KeycloakModelUtils;

import dev.enterpriseconnect.events.Database;
import dev.enterpriseconnect.events.EventMetrics;
import dev.enterpriseconnect.events.outbox.OutboxEventEntity;
import jakarta.persistence.EntityManager;

/**
 * Delivers committed deliveries. Runs on every node; a delivery goes out from one node at a time
 * because a node first claims it with a conditional UPDATE ({@code PENDING → DELIVERING}, one row
 * changed or none) and commits the claim before calling the receiver. A delivery is a candidate
 * only when no earlier delivery of the same resource to the same endpoint is still pending or
 * being delivered, so receivers see each user's and each group's events in order. The HTTP call
 * runs outside any transaction; its outcome is written in a new one.
 */
public final class WebhookWorker {

    private static final Logger LOG = Logger.getLogger(WebhookWorker.class);
    private static final int BATCH = 25;
    /** One run's time budget before it yields to the next tick. */
    private static final long RUN_BUDGET_MILLIS = 20_000;
    private static final long PURGE_EVERY_MILLIS = 3_600_000;

    private final KeycloakSessionFactory factory;
    private final WebhookSettings settings;
    private final String node = UUID.randomUUID().toString();
    private final AtomicBoolean running = new AtomicBoolean();
    private final ExecutorService executor = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "enterprise-connect-webhooks");
        thread.setDaemon(true);
        return thread;
    });
    private final HttpClient http;
    private long lastPurge;

    public WebhookWorker(KeycloakSessionFactory factory, WebhookSettings settings) {
        this.factory = factory;
        this.settings = settings;
        this.http = HttpClient.newBuilder().connectTimeout(settings.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** Called by Keycloak's timer: hands the work to this worker's own thread, so the timer thread never waits on a receiver. */
    public void tick() {
        if (running.compareAndSet(false, true)) {
            try {
                executor.execute(() -> {
                    try {
                        run();
                    } catch (RuntimeException e) {
                        LOG.errorf(e, "Webhook delivery run failed");
                    } finally {
                        running.set(false);
                    }
                });
            } catch (RuntimeException rejected) {
                running.set(false);
            }
        }
    }

    public void close() {
        executor.shutdownNow();
    }

    void run() {
        long started = Time.currentTimeMillis();
        releaseExpiredClaims();
        while (Time.currentTimeMillis() - started < RUN_BUDGET_MILLIS) {
            List<Claimed> claimed = claim();
            if (claimed.isEmpty()) {
                break;
            }
            for (Claimed delivery : claimed) {
                deliver(delivery);
            }
        }
        if (started - lastPurge > PURGE_EVERY_MILLIS) {
            lastPurge = started;
            purge(started);
        }
    }

    /** A node that crashed mid-delivery leaves DELIVERING rows; once their claim runs out they are due again. */
    private void releaseExpiredClaims() {
        KeycloakModelUtils.runJobInTransaction(factory, session -> Database.entityManager(session).createQuery(
                "update WebhookDeliveryEntity d set d.status = :pending, d.claimedBy = null, d.claimUntil = null"
                        + " where d.status = :delivering and d.claimUntil < :now")
                .setParameter("pending", DeliveryStatus.PENDING.name())
                .setParameter("delivering", DeliveryStatus.DELIVERING.name())
                .setParameter("now", Time.currentTimeMillis()).executeUpdate());
    }

    private List<Claimed> claim() {
        List<Claimed> claimed = new ArrayList<>();
        KeycloakModelUtils.runJobInTransaction(factory, session -> {
            EntityManager em = Database.entityManager(session);
            long now = Time.currentTimeMillis();
            List<String> due = em.createQuery("select d.id from WebhookDeliveryEntity d"
                    + " where d.status = :pending and d.nextAttemptAt <= :now and not exists ("
                    + " select p.id from WebhookDeliveryEntity p where p.endpointId = d.endpointId"
                    + " and p.orderingKey = d.orderingKey and p.eventSeq < d.eventSeq"
                    + " and p.status in (:pending, :delivering))"
                    + " order by d.eventSeq", String.class)
                    .setParameter("pending", DeliveryStatus.PENDING.name())
                    .setParameter("delivering", DeliveryStatus.DELIVERING.name())
                    .setParameter("now", now).setMaxResults(BATCH).getResultList();
            long until = now + settings.requestTimeout().toMillis() + settings.connectTimeout().toMillis() + 60_000;
            for (String id : due) {
                int won = em.createQuery("update WebhookDeliveryEntity d set d.status = :delivering,"
                        + " d.claimedBy = :node, d.claimUntil = :until where d.id = :id and d.status = :pending")
                        .setParameter("delivering", DeliveryStatus.DELIVERING.name()).setParameter("node", node)
                        .setParameter("until", until).setParameter("id", id)
                        .setParameter("pending", DeliveryStatus.PENDING.name()).executeUpdate();
                if (won != 1) {
                    continue; // another node took it
                }
                WebhookDeliveryEntity delivery = em.find(WebhookDeliveryEntity.class, id);
                em.refresh(delivery);
                WebhookEndpointEntity endpoint = em.find(WebhookEndpointEntity.class, delivery.getEndpointId());
                OutboxEventEntity event = em.createQuery("select e from OutboxEventEntity e where e.id = :id",
                        OutboxEventEntity.class).setParameter("id", delivery.getEventId()).getResultList()
                        .stream().findFirst().orElse(null);
                if (endpoint == null || event == null) {
                    em.remove(delivery); // endpoint deleted or event purged meanwhile
                    continue;
                }
                List<String> secrets = new ArrayList<>();
                secrets.add(endpoint.getSecret());
                if (endpoint.getPreviousSecret() != null && endpoint.getPreviousSecretUntil() != null
                        && endpoint.getPreviousSecretUntil() > now) {
                    secrets.add(endpoint.getPreviousSecret());
                }
                claimed.add(new Claimed(id, event.getId(), event.getPayload(), endpoint.getUrl(), List.copyOf(secrets),
                        delivery.getAttempts(), delivery.getCreatedAt(), delivery.getEventType()));
            }
        });
        return claimed;
    }

    private void deliver(Claimed delivery) {
        long timestamp = Time.currentTime();
        Integer status = null;
        String error = null;
        long started = System.nanoTime();
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(delivery.url()))
                    .timeout(settings.requestTimeout())
                    .header("Content-Type", "application/json")
                    .header("User-Agent", "Enterprise-Connect-Webhooks/1")
                    .header("webhook-id", delivery.eventId())
                    .header("webhook-timestamp", Long.toString(timestamp))
                    .header("webhook-signature", WebhookSignature.header(delivery.secrets(), delivery.eventId(), timestamp,
                            delivery.body()))
                    .POST(HttpRequest.BodyPublishers.ofString(delivery.body()))
                    .build();
            HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
            status = response.statusCode();
            if (status < 200 || status > 299) {
                error = "HTTP " + status;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            error = "interrupted";
        } catch (Exception e) {
            error = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        }
        EventMetrics.delivery(error == null, System.nanoTime() - started);
        record(delivery, status, error);
    }

    private void record(Claimed delivery, Integer status, String error) {
        long now = Time.currentTimeMillis();
        int attempts = delivery.attempts() + 1;
        String next;
        long nextAttemptAt = now;
        if (error == null) {
            next = DeliveryStatus.DELIVERED.name();
            EventMetrics.deliveryLag(now - delivery.createdAt());
        } else {
            nextAttemptAt = now + settings.backoff(attempts).toMillis();
            boolean expired = nextAttemptAt > delivery.createdAt() + settings.retryWindow().toMillis();
            next = expired ? DeliveryStatus.FAILED.name() : DeliveryStatus.PENDING.name();
            if (expired) {
                EventMetrics.deliveryGaveUp();
                LOG.warnf("Webhook delivery %s of event %s (%s) failed for good after %d attempts: %s", delivery.id(),
                        delivery.eventId(), delivery.eventType(), attempts, error);
            } else {
                LOG.debugf("Webhook delivery %s failed (attempt %d, %s), retried in %d ms", delivery.id(), attempts,
                        error, nextAttemptAt - now);
            }
        }
        String state = next;
        long nextAt = nextAttemptAt;
        KeycloakModelUtils.runJobInTransaction(factory, session -> Database.entityManager(session).createQuery(
                "update WebhookDeliveryEntity d set d.status = :status, d.attempts = :attempts,"
                        + " d.lastAttemptAt = :now, d.lastStatus = :httpStatus, d.lastError = :error,"
                        + " d.nextAttemptAt = :next, d.deliveredAt = :delivered, d.claimedBy = null, d.claimUntil = null"
                        + " where d.id = :id and d.claimedBy = :node and d.status = :delivering")
                .setParameter("status", state).setParameter("attempts", attempts).setParameter("now", now)
                .setParameter("httpStatus", status)
                .setParameter("error", error == null ? null : error.substring(0, Math.min(error.length(), 1000)))
                .setParameter("next", nextAt)
                .setParameter("delivered", error == null ? Long.valueOf(now) : null)
                .setParameter("id", delivery.id()).setParameter("node", node)
                .setParameter("delivering", DeliveryStatus.DELIVERING.name()).executeUpdate());
    }

    /** Events and finished deliveries older than the retention period go (idempotent: any node may run it). */
    private void purge(long now) {
        long cutoff = now - settings.retention().toMillis();
        try {
            KeycloakModelUtils.runJobInTransaction(factory, session -> {
                EntityManager em = Database.entityManager(session);
                int deliveries = em.createQuery("delete from WebhookDeliveryEntity d where d.createdAt < :cutoff"
                        + " and d.status <> :delivering").setParameter("cutoff", cutoff)
                        .setParameter("delivering", DeliveryStatus.DELIVERING.name()).executeUpdate();
                int events = em.createQuery("delete from OutboxEventEntity e where e.createdAt < :cutoff"
                        + " and not exists (select d.id from WebhookDeliveryEntity d where d.eventId = e.id)")
                        .setParameter("cutoff", cutoff).executeUpdate();
                if (deliveries + events > 0) {
                    LOG.infof("Purged %d event(s) and %d webhook deliveries older than %s", events, deliveries,
                            settings.retention());
                }
            });
        } catch (RuntimeException e) {
            LOG.warnf(e, "Purging old events failed; retried in an hour");
        }
    }

    private record Claimed(String id, String eventId, String body, String url, List<String> secrets, int attempts,
            long createdAt, String eventType) {
    }
}
