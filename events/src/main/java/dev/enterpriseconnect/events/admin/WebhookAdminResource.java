package dev.enterpriseconnect.events.admin;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.keycloak.common.util.Time;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.organization.OrganizationProvider;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

import dev.enterpriseconnect.events.Database;
import dev.enterpriseconnect.events.DirectoryEvents;
import dev.enterpriseconnect.events.outbox.OutboxEventEntity;
import dev.enterpriseconnect.events.webhook.DeliveryStatus;
import dev.enterpriseconnect.events.webhook.EndpointPresence;
import dev.enterpriseconnect.events.webhook.WebhookDeliveryEntity;
import dev.enterpriseconnect.events.webhook.WebhookEndpointEntity;
import dev.enterpriseconnect.events.webhook.WebhookSignature;
import jakarta.persistence.EntityManager;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * Webhook endpoints of a realm (create, list, change, delete, rotate the secret), their delivery
 * log with manual redelivery, and the events API for applications that reconcile by polling.
 * Authorised like the SCIM connectors' admin resource: manage-realm. A secret appears only in the
 * answers to create and rotate.
 */
public final class WebhookAdminResource {

    static final int MAX_LIMIT = 500;
    static final Duration DEFAULT_OVERLAP = Duration.ofHours(24);
    static final Duration MAX_OVERLAP = Duration.ofDays(7);
    /**
     * The events API lists an event only once it is this old: a transaction that took its cursor
     * earlier but commits later would otherwise land behind a client's cursor.
     */
    static final long SETTLE_MILLIS = 1_000;

    private final KeycloakSession session;
    private final RealmModel realm;
    private final EntityManager em;

    WebhookAdminResource(KeycloakSession session, RealmModel realm, AdminPermissionEvaluator auth) {
        auth.realm().requireManageRealm();
        this.session = session;
        this.realm = realm;
        this.em = Database.entityManager(session);
    }

    @GET
    public Response list() {
        ArrayNode endpoints = DirectoryEvents.JSON.createArrayNode();
        em.createQuery("select e from WebhookEndpointEntity e where e.realmId = :realm order by e.createdAt",
                WebhookEndpointEntity.class).setParameter("realm", realm.getId()).getResultList()
                .forEach(e -> endpoints.add(describe(e)));
        return json(200, endpoints);
    }

    @POST
    public Response create(String body) {
        JsonNode request = parse(body);
        String url = request.path("url").asText(null);
        String problem = checkUrl(url);
        if (problem != null) {
            return error(400, problem);
        }
        String organizationId = request.hasNonNull("organizationId") ? request.get("organizationId").asText() : null;
        if (organizationId != null && session.getProvider(OrganizationProvider.class).getById(organizationId) == null) {
            return error(400, "No Organization with id " + organizationId);
        }
        long now = Time.currentTimeMillis();
        WebhookEndpointEntity endpoint = new WebhookEndpointEntity();
        endpoint.setId(KeycloakModelUtils.generateId());
        endpoint.setRealmId(realm.getId());
        endpoint.setOrganizationId(organizationId);
        endpoint.setUrl(url);
        endpoint.setDescription(request.path("description").asText(null));
        endpoint.setEnabled(request.path("enabled").asBoolean(true));
        endpoint.setSecret(WebhookSignature.newSecret());
        endpoint.setSecretCreatedAt(now);
        endpoint.setCreatedAt(now);
        em.persist(endpoint);
        EndpointPresence.recount(em, realm);
        ObjectNode answer = describe(endpoint);
        answer.put("secret", endpoint.getSecret());
        return Response.status(201).type(MediaType.APPLICATION_JSON).entity(write(answer))
                .location(URI.create(endpoint.getId())).build();
    }

    @GET
    @Path("events")
    public Response events(@QueryParam("after") String after, @QueryParam("limit") Integer limit) {
        long cursor;
        try {
            cursor = after == null || after.isBlank() ? 0 : Long.parseLong(after);
        } catch (NumberFormatException e) {
            return error(400, "'after' must be a cursor from an earlier answer");
        }
        int size = limit == null ? 100 : Math.max(1, Math.min(limit, MAX_LIMIT));
        List<OutboxEventEntity> rows = em.createQuery("select e from OutboxEventEntity e where e.realmId = :realm"
                + " and e.seq > :after and e.createdAt <= :settled order by e.seq", OutboxEventEntity.class)
                .setParameter("realm", realm.getId()).setParameter("after", cursor)
                .setParameter("settled", Time.currentTimeMillis() - SETTLE_MILLIS)
                .setMaxResults(size).getResultList();
        ObjectNode answer = DirectoryEvents.JSON.createObjectNode();
        ArrayNode events = answer.putArray("events");
        long next = cursor;
        for (OutboxEventEntity row : rows) {
            ObjectNode event = (ObjectNode) parse(row.getPayload());
            event.put("cursor", Long.toString(row.getSeq()));
            events.add(event);
            next = row.getSeq();
        }
        answer.put("next", Long.toString(next));
        answer.put("hasMore", rows.size() == size);
        return json(200, answer);
    }

    @GET
    @Path("{id}")
    public Response get(@PathParam("id") String id) {
        WebhookEndpointEntity endpoint = find(id);
        return endpoint == null ? notFound() : json(200, describe(endpoint));
    }

    /** Changes url, description or enabled; the secret only through rotate-secret. */
    @PUT
    @Path("{id}")
    public Response update(@PathParam("id") String id, String body) {
        WebhookEndpointEntity endpoint = find(id);
        if (endpoint == null) {
            return notFound();
        }
        JsonNode request = parse(body);
        if (request.hasNonNull("url")) {
            String problem = checkUrl(request.get("url").asText());
            if (problem != null) {
                return error(400, problem);
            }
            endpoint.setUrl(request.get("url").asText());
        }
        if (request.has("description")) {
            endpoint.setDescription(request.path("description").asText(null));
        }
        if (request.hasNonNull("enabled")) {
            endpoint.setEnabled(request.get("enabled").asBoolean());
        }
        EndpointPresence.recount(em, realm);
        return json(200, describe(endpoint));
    }

    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") String id) {
        WebhookEndpointEntity endpoint = find(id);
        if (endpoint == null) {
            return notFound();
        }
        em.createQuery("delete from WebhookDeliveryEntity d where d.endpointId = :id").setParameter("id", id)
                .executeUpdate();
        em.remove(endpoint);
        EndpointPresence.recount(em, realm);
        return Response.noContent().build();
    }

    /**
     * A new secret, shown once. The old one keeps signing too (both signatures are sent) for
     * {@code overlapSeconds} (default 24 h, at most 7 days, 0 to drop it at once).
     */
    @POST
    @Path("{id}/rotate-secret")
    public Response rotate(@PathParam("id") String id, String body) {
        WebhookEndpointEntity endpoint = find(id);
        if (endpoint == null) {
            return notFound();
        }
        JsonNode request = parse(body == null || body.isBlank() ? "{}" : body);
        long overlap = request.path("overlapSeconds").asLong(DEFAULT_OVERLAP.toSeconds());
        if (overlap < 0 || overlap > MAX_OVERLAP.toSeconds()) {
            return error(400, "overlapSeconds must be between 0 and " + MAX_OVERLAP.toSeconds());
        }
        long now = Time.currentTimeMillis();
        endpoint.setPreviousSecret(overlap == 0 ? null : endpoint.getSecret());
        endpoint.setPreviousSecretUntil(overlap == 0 ? null : now + overlap * 1000);
        endpoint.setSecret(WebhookSignature.newSecret());
        endpoint.setSecretCreatedAt(now);
        ObjectNode answer = describe(endpoint);
        answer.put("secret", endpoint.getSecret());
        return json(200, answer);
    }

    /** The delivery log, newest first; {@code status} filters (PENDING, DELIVERING, DELIVERED, FAILED). */
    @GET
    @Path("{id}/deliveries")
    public Response deliveries(@PathParam("id") String id, @QueryParam("status") String status,
            @QueryParam("limit") Integer limit) {
        if (find(id) == null) {
            return notFound();
        }
        if (status != null && java.util.Arrays.stream(DeliveryStatus.values()).noneMatch(s -> s.name().equals(status))) {
            return error(400, "status must be one of PENDING, DELIVERING, DELIVERED, FAILED");
        }
        int size = limit == null ? 100 : Math.max(1, Math.min(limit, MAX_LIMIT));
        ArrayNode answer = DirectoryEvents.JSON.createArrayNode();
        var query = em.createQuery("select d from WebhookDeliveryEntity d where d.endpointId = :id"
                + (status == null ? "" : " and d.status = :status") + " order by d.eventSeq desc",
                WebhookDeliveryEntity.class).setParameter("id", id).setMaxResults(size);
        if (status != null) {
            query.setParameter("status", status);
        }
        query.getResultList().forEach(d -> answer.add(describe(d)));
        return json(200, answer);
    }

    /** Sends a delivery again (e.g. a FAILED one once the receiver is fixed): due now, attempts from zero. */
    @POST
    @Path("{id}/deliveries/{deliveryId}/redeliver")
    public Response redeliver(@PathParam("id") String id, @PathParam("deliveryId") String deliveryId) {
        WebhookDeliveryEntity delivery = em.find(WebhookDeliveryEntity.class, deliveryId);
        if (find(id) == null || delivery == null || !delivery.getEndpointId().equals(id)) {
            return notFound();
        }
        if (DeliveryStatus.DELIVERING.name().equals(delivery.getStatus())) {
            return error(409, "This delivery is being sent right now");
        }
        delivery.setStatus(DeliveryStatus.PENDING.name());
        delivery.setAttempts(0);
        delivery.setNextAttemptAt(Time.currentTimeMillis());
        delivery.setCreatedAt(Time.currentTimeMillis()); // a new retry window
        delivery.setDeliveredAt(null);
        return Response.accepted().type(MediaType.APPLICATION_JSON).entity(write(describe(delivery))).build();
    }

    private WebhookEndpointEntity find(String id) {
        WebhookEndpointEntity endpoint = em.find(WebhookEndpointEntity.class, id);
        return endpoint == null || !endpoint.getRealmId().equals(realm.getId()) ? null : endpoint;
    }

    private static String checkUrl(String url) {
        if (url == null || url.isBlank()) {
            return "'url' is required";
        }
        try {
            URI uri = URI.create(url);
            if (!"https".equalsIgnoreCase(uri.getScheme()) && !"http".equalsIgnoreCase(uri.getScheme())
                    || uri.getHost() == null) {
                return "'url' must be an absolute http(s) URL";
            }
        } catch (IllegalArgumentException e) {
            return "'url' is not a valid URL";
        }
        return url.length() > 2048 ? "'url' is longer than 2048 characters" : null;
    }

    private static ObjectNode describe(WebhookEndpointEntity e) {
        ObjectNode node = DirectoryEvents.JSON.createObjectNode();
        node.put("id", e.getId());
        node.put("url", e.getUrl());
        node.put("description", e.getDescription());
        node.put("organizationId", e.getOrganizationId());
        node.put("enabled", e.isEnabled());
        node.put("createdAt", Instant.ofEpochMilli(e.getCreatedAt()).toString());
        node.put("secretCreatedAt", Instant.ofEpochMilli(e.getSecretCreatedAt()).toString());
        boolean overlap = e.getPreviousSecretUntil() != null && e.getPreviousSecretUntil() > Time.currentTimeMillis();
        node.put("previousSecretValidUntil", overlap ? Instant.ofEpochMilli(e.getPreviousSecretUntil()).toString() : null);
        return node;
    }

    private static ObjectNode describe(WebhookDeliveryEntity d) {
        ObjectNode node = DirectoryEvents.JSON.createObjectNode();
        node.put("id", d.getId());
        node.put("eventId", d.getEventId());
        node.put("eventType", d.getEventType());
        node.put("status", d.getStatus());
        node.put("attempts", d.getAttempts());
        node.put("createdAt", Instant.ofEpochMilli(d.getCreatedAt()).toString());
        node.put("nextAttemptAt", DeliveryStatus.PENDING.name().equals(d.getStatus())
                ? Instant.ofEpochMilli(d.getNextAttemptAt()).toString() : null);
        node.put("lastAttemptAt", d.getLastAttemptAt() == null ? null : Instant.ofEpochMilli(d.getLastAttemptAt()).toString());
        node.put("deliveredAt", d.getDeliveredAt() == null ? null : Instant.ofEpochMilli(d.getDeliveredAt()).toString());
        if (d.getLastStatus() == null) {
            node.putNull("lastStatus");
        } else {
            node.put("lastStatus", d.getLastStatus());
        }
        node.put("lastError", d.getLastError());
        return node;
    }

    private static JsonNode parse(String body) {
        try {
            JsonNode node = DirectoryEvents.JSON.readTree(body == null ? "" : body);
            if (node == null || !node.isObject()) {
                throw new jakarta.ws.rs.BadRequestException(error(400, "The body must be a JSON object"));
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new jakarta.ws.rs.BadRequestException(error(400, "The body is not valid JSON"));
        }
    }

    private static Response json(int status, JsonNode body) {
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(write(body)).build();
    }

    private static Response notFound() {
        return error(404, "No such webhook endpoint or delivery in this realm");
    }

    private static Response error(int status, String message) {
        ObjectNode node = DirectoryEvents.JSON.createObjectNode();
        node.put("error", message);
        return json(status, node);
    }

    private static String write(JsonNode node) {
        try {
            return DirectoryEvents.JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
