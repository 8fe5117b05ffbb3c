package dev.enterpriseconnect.lifecycle.invitation;

import java.util.LinkedHashMap;
import java.util.Map;

import org.keycloak.common.util.Time;
import org.keycloak.events.Details;
import org.keycloak.events.Event;
import org.keycloak.events.EventType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

import dev.enterpriseconnect.lifecycle.events.LifecycleEvents;

/**
 * The first successful login (password, IdP, any flow) accepts the user's invitation. Logging in
 * through the company's IdP never touches the link, so the link cannot be what accepts.
 */
public final class InvitationAcceptance {

    private InvitationAcceptance() {
    }

    /** Called by the lifecycle event listener for every user event. */
    public static void onEvent(KeycloakSession session, Event event) {
        if (event.getType() != EventType.LOGIN || event.getUserId() == null || event.getRealmId() == null) {
            return;
        }
        RealmModel realm = session.realms().getRealm(event.getRealmId());
        if (realm == null) {
            return;
        }
        UserModel user = session.users().getUserById(realm, event.getUserId());
        if (user == null) {
            return;
        }
        InvitationState state = InvitationState.of(user);
        if (state.exists() && !state.accepted()) {
            user.setSingleAttribute(InvitationAttributes.STATUS, InvitationAttributes.ACCEPTED);
            user.setSingleAttribute(InvitationAttributes.ACCEPTED_AT, String.valueOf(Time.currentTimeMillis()));
            user.removeAttribute(InvitationAttributes.DUE_AT);
            Map<String, String> details = new LinkedHashMap<>();
            if (event.getClientId() != null) {
                details.put("clientId", event.getClientId());
            }
            String idp = event.getDetails() == null ? null : event.getDetails().get(Details.IDENTITY_PROVIDER);
            if (idp != null) {
                details.put("identityProvider", idp);
            }
            LifecycleEvents.send(session, realm, user.getId(), user.getUsername(), LifecycleEvents.INVITATION_ACCEPTED,
                    LifecycleEvents.USER, details);
        }
    }
}
