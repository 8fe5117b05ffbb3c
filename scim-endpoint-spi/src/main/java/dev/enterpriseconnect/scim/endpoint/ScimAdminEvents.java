package dev.enterpriseconnect.scim.endpoint;

import java.util.Map;

import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.EventStoreProvider;
import org.keycloak.events.admin.AdminEvent;
import org.keycloak.events.admin.AuthDetails;
import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;
import org.keycloak.models.utils.KeycloakModelUtils;

/**
 * Admin events for changes made over SCIM, so they show in the admin console's event log like
 * any admin change. Keycloak's AdminEventBuilder needs an admin token's identity; a SCIM caller
 * is a connector, named in the event's details instead.
 */
public final class ScimAdminEvents {

    private ScimAdminEvents() {
    }

    public static void send(ScimRequestContext context, OperationType operation, ResourceType type, String resourcePath,
            String representation) {
        var realm = context.realm();
        if (!realm.isAdminEventsEnabled() && realm.getEventsListenersStream().findAny().isEmpty()) {
            return;
        }
        AdminEvent event = new AdminEvent();
        event.setId(KeycloakModelUtils.generateId());
        event.setTime(System.currentTimeMillis());
        event.setRealmId(realm.getId());
        event.setRealmName(realm.getName());
        event.setOperationType(operation);
        event.setResourceType(type);
        event.setResourcePath(resourcePath);
        AuthDetails auth = new AuthDetails();
        auth.setRealmId(realm.getId());
        auth.setRealmName(realm.getName());
        auth.setClientId("scim:" + context.connector().name());
        var connection = context.session().getContext().getConnection();
        auth.setIpAddress(connection == null ? null : connection.getRemoteAddr());
        event.setAuthDetails(auth);
        event.setDetails(Map.of("scimConnector", context.connector().name()));
        boolean withRepresentation = realm.isAdminEventsDetailsEnabled();
        if (withRepresentation) {
            event.setRepresentation(representation);
        }
        if (realm.isAdminEventsEnabled()) {
            context.session().getProvider(EventStoreProvider.class).onEvent(event, withRepresentation);
        }
        realm.getEventsListenersStream().forEach(id -> {
            EventListenerProvider listener = context.session().getProvider(EventListenerProvider.class, id);
            if (listener != null) {
                listener.onEvent(new AdminEvent(event), withRepresentation);
            }
        });
    }
}
