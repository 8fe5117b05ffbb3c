package dev.enterpriseconnect.lifecycle.events;

import org.keycloak.events.Event;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.admin.AdminEvent;
import org.keycloak.models.KeycloakSession;

import dev.enterpriseconnect.lifecycle.deprovisioning.AdminDisableReaction;
import dev.enterpriseconnect.lifecycle.invitation.InvitationAcceptance;

/**
 * One listener for every lifecycle reaction (invitation accepted on first login, access revoked
 * when an admin disables a user), so an admin enables a single entry in Realm settings → Events.
 */
final class LifecycleEventListener implements EventListenerProvider {

    private final KeycloakSession session;

    LifecycleEventListener(KeycloakSession session) {
        this.session = session;
    }

    @Override
    public void onEvent(Event event) {
        InvitationAcceptance.onEvent(session, event);
    }

    @Override
    public void onEvent(AdminEvent event, boolean includeRepresentation) {
        AdminDisableReaction.onAdminEvent(session, event);
    }

    @Override
    public void close() {
    }
}
