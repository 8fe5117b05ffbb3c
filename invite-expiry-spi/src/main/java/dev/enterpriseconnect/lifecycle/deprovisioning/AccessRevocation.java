package dev.enterpriseconnect.lifecycle.deprovisioning;

import java.util.List;

import org.keycloak.common.util.Time;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserSessionModel;

/**
 * Cuts a deprovisioned user's access at once. Disabling alone stops new logins and refreshes,
 * but leaves sessions, offline tokens and consents behind for a later reactivation to revive;
 * an IdP that deactivates someone means "now and for good".
 */
public final class AccessRevocation {

    private AccessRevocation() {
    }

    public static void revokeAll(KeycloakSession session, RealmModel realm, UserModel user) {
        session.sessions().removeUserSessions(realm, user);
        List<UserSessionModel> offline = session.sessions().getOfflineUserSessionsStream(realm, user).toList();
        offline.forEach(s -> session.sessions().removeOfflineUserSession(realm, s));
        List<String> consentedClients = session.users().getConsentsStream(realm, user.getId())
                .map(consent -> consent.getClient().getId()).toList();
        consentedClients.forEach(client -> session.users().revokeConsentForClient(realm, user.getId(), client));
        // Tokens issued before now fail introspection and userinfo, even where a session survived elsewhere.
        session.users().setNotBeforeForUser(realm, user, Time.currentTime());
    }
}
