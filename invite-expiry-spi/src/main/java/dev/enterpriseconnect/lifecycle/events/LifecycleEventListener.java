package dev.enterpriseconnect.lifecycle.events;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.keycloak.events.Event;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.admin.AdminEvent;
import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

import dev.enterpriseconnect.lifecycle.deprovisioning.AdminDisableReaction;
import dev.enterpriseconnect.lifecycle.invitation.ConsoleResendRequest;
import dev.enterpriseconnect.lifecycle.invitation.InvitationAcceptance;

/**
 * One listener for every lifecycle reaction (invitation accepted on first login, access revoked
 * when an admin disables a user, the console's resend box), so an admin enables a single entry in
 * Realm settings → Events.
 */
final class LifecycleEventListener implements EventListenerProvider {

    /** An admin event on a user itself, not on its sub-resources (groups, role mappings, ...). */
    private static final Pattern USER_PATH = Pattern.compile("users/([^/]+)");

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
        if (event.getResourceType() != ResourceType.USER || event.getResourcePath() == null
                || (event.getOperationType() != OperationType.CREATE && event.getOperationType() != OperationType.UPDATE)) {
            return;
        }
        String actor = event.getAuthDetails() == null ? null : event.getAuthDetails().getClientId();
        if (actor != null && actor.startsWith("scim:")) {
            // A connector's own write: its policies ran already, and the reactions below are to administrators.
            return;
        }
        Matcher path = USER_PATH.matcher(event.getResourcePath());
        if (!path.matches()) {
            return;
        }
        RealmModel realm = session.realms().getRealm(event.getRealmId());
        UserModel user = realm == null ? null : session.users().getUserById(realm, path.group(1));
        if (user == null) {
            return;
        }
        AdminDisableReaction.onUserSaved(session, realm, user, event);
        ConsoleResendRequest.onUserSaved(session, realm, user, event);
    }

    @Override
    public void close() {
    }
}
