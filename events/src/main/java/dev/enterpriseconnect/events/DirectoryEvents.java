package dev.enterpriseconnect.events;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.keycloak.common.util.Time;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;

import dev.enterpriseconnect.events.outbox.OutboxEventEntity;
import dev.enterpriseconnect.events.webhook.DeliveryStatus;
import dev.enterpriseconnect.events.webhook.EndpointPresence;
import dev.enterpriseconnect.events.webhook.WebhookDeliveryEntity;
import dev.enterpriseconnect.events.webhook.WebhookEndpointEntity;
import jakarta.persistence.EntityManager;

/**
 * The one way in for code that changes the directory: {@link #record} writes the event and one
 * delivery per matching webhook endpoint through the session's EntityManager, so they commit or
 * roll back with the change itself (a transactional outbox). Nothing is sent here; the
 * {@code WebhookWorker} delivers committed rows.
 */
public final class DirectoryEvents {

    public static final ObjectMapper JSON = new ObjectMapper();

    private static final String ENDPOINTS = DirectoryEvents.class.getName() + ".endpoints.";

    private DirectoryEvents() {
    }

    /** Records the event in the session's transaction; returns its id. */
    public static String record(KeycloakSession session, DirectoryEvent event) {
        EntityManager em = Database.entityManager(session);
        long now = Time.currentTimeMillis();
        String id = KeycloakModelUtils.generateId();
        String organizationId = event.organization() == null ? null : event.organization().getId();

        OutboxEventEntity row = new OutboxEventEntity();
        row.setId(id);
        row.setRealmId(event.realm().getId());
        row.setOrganizationId(organizationId);
        row.setConnector(event.connector());
        row.setType(event.type());
        row.setResourceType(event.resourceType());
        row.setResourceId(event.resourceId());
        row.setCreatedAt(now);
        row.setPayload(write(payload(event, id, now)));
        em.persist(row); // an identity column: inserted at once, which gives the event its place in the order
        if (row.getSeq() == null) {
            em.flush();
        }

        for (WebhookEndpointEntity endpoint : endpoints(session, em, event.realm())) {
            if (endpoint.getOrganizationId() != null && !endpoint.getOrganizationId().equals(organizationId)) {
                continue;
            }
            WebhookDeliveryEntity delivery = new WebhookDeliveryEntity();
            delivery.setId(KeycloakModelUtils.generateId());
            delivery.setRealmId(row.getRealmId());
            delivery.setEndpointId(endpoint.getId());
            delivery.setEventId(id);
            delivery.setEventSeq(row.getSeq());
            delivery.setEventType(event.type());
            delivery.setOrderingKey(event.resourceType() + ":" + event.resourceId());
            delivery.setStatus(DeliveryStatus.PENDING.name());
            delivery.setCreatedAt(now);
            delivery.setNextAttemptAt(now);
            em.persist(delivery);
        }
        return id;
    }

    /** The event as receivers and the events API see it (the webhook body). */
    static ObjectNode payload(DirectoryEvent event, String id, long now) {
        ObjectNode payload = JSON.createObjectNode();
        payload.put("id", id);
        payload.put("type", event.type());
        payload.put("timestamp", Instant.ofEpochMilli(now).toString());
        payload.put("realm", event.realm().getName());
        if (event.organization() == null) {
            payload.putNull("organization");
        } else {
            payload.putObject("organization").put("id", event.organization().getId())
                    .put("alias", event.organization().getAlias());
        }
        if (event.connector() == null) {
            payload.putNull("connector");
        } else {
            payload.put("connector", event.connector());
        }
        payload.putObject("resource").put("type", event.resourceType()).put("id", event.resourceId());
        if (!event.details().isEmpty()) {
            ObjectNode details = payload.putObject("details");
            event.details().forEach(details::put);
        }
        payload.set("data", event.data() == null ? JSON.createObjectNode() : event.data());
        return payload;
    }

    /** A realm's enabled endpoints, read once per session (a PATCH adding 100 members asks once). */
    @SuppressWarnings("unchecked")
    private static List<WebhookEndpointEntity> endpoints(KeycloakSession session, EntityManager em, RealmModel realm) {
        if (!EndpointPresence.possible(realm)) {
            return List.of();
        }
        String realmId = realm.getId();
        Object cached = session.getAttribute(ENDPOINTS + realmId);
        if (cached != null) {
            return (List<WebhookEndpointEntity>) cached;
        }
        List<WebhookEndpointEntity> endpoints = em.createQuery(
                "select e from WebhookEndpointEntity e where e.realmId = :realm and e.enabled = true",
                WebhookEndpointEntity.class).setParameter("realm", realmId).getResultList();
        session.setAttribute(ENDPOINTS + realmId, endpoints);
        return endpoints;
    }

    static String write(ObjectNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
