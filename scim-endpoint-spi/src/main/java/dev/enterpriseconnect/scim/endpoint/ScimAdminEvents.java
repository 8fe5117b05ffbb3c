package dev.enterpriseconnect.scim.endpoint;

import java.util.Map;
import java.util.function.Supplier;

import org.keycloak.common.util.Time;

import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.EventStoreProvider;
import org.keycloak.events.admin.AdminEvent;
import org.keycloak.events.admin.AuthDetails;
import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;

/**
 * Admin events for changes made over SCIM, so they show in the admin console's event log like
 * any admin change. Keycloak's AdminEventBuilder needs an admin token's identity; a SCIM caller
 * is a connector, named in the event's details instead.
 */
public final class ScimAdminEvents {

    private ScimAdminEvents() {
    }

    /** @param representation the changed resource's JSON, built only when the realm keeps event details */
    public static void send(ScimRequestContext context, OperationType operation, ResourceType type, String resourcePath,
            Supplier<String> representation) {
        send(context.session(), context.realm(), "scim:" + context.connector().name(),
                Map.of("scimConnector", context.connector().name()), operation, type, resourcePath, representation);
    }

    /** An admin event made by a caller that holds no admin token (a connector, a setup link), named by {@code clientId}. */
    public static void send(KeycloakSession session, RealmModel realm, String clientId, Map<String, String> details,
            OperationType operation, ResourceType type, String resourcePath, Supplier<String> representation) {
        if (!realm.isAdminEventsEnabled() && realm.getEventsListenersStream().findAny().isEmpty()) {
            return;
        }
        AdminEvent event = new AdminEvent();
        event.setId(KeycloakModelUtils.generateId());
        event.setTime(Time.currentTimeMillis());
        event.setRealmId(realm.getId());
        event.setRealmName(realm.getName());
        event.setOperationType(operation);
        event.setResourceType(type);
        event.setResourcePath(resourcePath);
        AuthDetails auth = new AuthDetails();
        auth.setRealmId(realm.getId());
        auth.setRealmName(realm.getName());
        auth.setClientId(clientId);
        var connection = session.getContext().getConnection();
        auth.setIpAddress(connection == null ? null : connection.getRemoteAddr());
        event.setAuthDetails(auth);
        event.setDetails(details);
        boolean withRepresentation = realm.isAdminEventsDetailsEnabled();
        if (withRepresentation && representation != null) {
            event.setRepresentation(representation.get());
        }
        if (realm.isAdminEventsEnabled()) {
            session.getProvider(EventStoreProvider.class).onEvent(event, withRepresentation);
        }
        realm.getEventsListenersStream().forEach(id -> {
            EventListenerProvider listener = session.getProvider(EventListenerProvider.class, id);
            if (listener != null) {
                listener.onEvent(new AdminEvent(event), withRepresentation);
            }
        });
    }
}
