package dev.enterpriseconnect.lifecycle.deprovisioning;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.keycloak.events.admin.AdminEvent;
import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * An admin who disables a user (admin console switch, or {@code PUT /admin/realms/{realm}/users/{id}}
 * with {@code enabled=false}) means what an IdP's deactivation means: access ends now. Keycloak
 * itself only refuses new logins and refreshes; this revokes sessions, offline sessions, consents
 * and earlier tokens in the same transaction. Enabling the user again cancels a scheduled purge.
 */
public final class AdminDisableReaction {

    private static final Pattern USER_PATH = Pattern.compile("users/([^/]+)");

    private AdminDisableReaction() {
    }

    public static void onAdminEvent(KeycloakSession session, AdminEvent event) {
        if (event.getResourceType() != ResourceType.USER || event.getOperationType() != OperationType.UPDATE
                || event.getResourcePath() == null) {
            return;
        }
        Matcher path = USER_PATH.matcher(event.getResourcePath());
        String actor = event.getAuthDetails() == null ? null : event.getAuthDetails().getClientId();
        // SCIM changes carry their connector as the client and were handled by the connector's policy.
        if (!path.matches() || (actor != null && actor.startsWith("scim:"))) {
            return;
        }
        RealmModel realm = session.realms().getRealm(event.getRealmId());
        UserModel user = realm == null ? null : session.users().getUserById(realm, path.group(1));
        if (user == null) {
            return;
        }
        if (!user.isEnabled()) {
            AccessRevocation.revokeAll(session, realm, user);
            DeprovisioningEvents.send(session, realm, user.getId(), user.getUsername(), DeprovisioningEvents.ACCESS_REVOKED,
                    DeprovisioningEvents.ADMIN, event.getAuthDetails(), Map.of("reason", "user disabled by an administrator"));
        } else if (DeprovisioningState.cancelPurge(user)) {
            DeprovisioningEvents.send(session, realm, user.getId(), user.getUsername(),
                    DeprovisioningEvents.PURGE_CANCELLED, DeprovisioningEvents.ADMIN, event.getAuthDetails(),
                    Map.of("reason", "user enabled by an administrator"));
        }
    }
}
