package dev.enterpriseconnect.lifecycle.invitation;

import org.keycloak.common.util.Time;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * When a connector's writes call for an invitation: a new user, a reactivated user who never
 * accepted, and a re-push of a user whose invitation expired (the stale-invite failure: the IdP
 * says the user is assigned, the user holds a dead link, and nothing would ever fix it).
 */
public final class ProvisioningInvitations {

    private ProvisioningInvitations() {
    }

    /** A connector created the user. */
    public static InvitationSender.Result created(KeycloakSession session, RealmModel realm, UserModel user,
            String connector, InvitationPolicy policy) {
        return InvitationSender.send(session, realm, user, policy, connector, true,
                InvitationSender.Trigger.connector(connector, "provisioned"));
    }

    /**
     * A connector replaced or patched the user (or posted its userName again).
     *
     * @param wasEnabled whether the user was enabled before this write
     * @return the result, or null when no invitation was due
     */
    public static InvitationSender.Result updated(KeycloakSession session, RealmModel realm, UserModel user,
            boolean wasEnabled, String connector, InvitationPolicy policy) {
        if (!policy.enabled() || !user.isEnabled()) {
            return null;
        }
        InvitationState state = InvitationState.of(user);
        boolean reactivated = !wasEnabled && neverAccepted(session, realm, user, state);
        boolean stale = state.expiredAt(Time.currentTimeMillis());
        if (!reactivated && !stale) {
            return null;
        }
        return InvitationSender.send(session, realm, user, policy, connector, true,
                InvitationSender.Trigger.connector(connector, reactivated ? "reactivated" : "re-pushed after expiry"));
    }

    /**
     * Never accepted: an invitation that is not accepted, or, for users provisioned inactive (no
     * invitation yet), no password and no IdP link, i.e. no way they could ever have logged in.
     */
    static boolean neverAccepted(KeycloakSession session, RealmModel realm, UserModel user, InvitationState state) {
        if (state.exists()) {
            return !state.accepted();
        }
        return user.credentialManager().getStoredCredentialsStream().findAny().isEmpty()
                && session.users().getFederatedIdentitiesStream(realm, user).findAny().isEmpty();
    }
}
