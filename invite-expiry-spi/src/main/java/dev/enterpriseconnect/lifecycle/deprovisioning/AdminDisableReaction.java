package dev.enterpriseconnect.lifecycle.deprovisioning;

import java.util.Map;

import org.keycloak.events.admin.AdminEvent;
import org.keycloak.events.admin.OperationType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

import dev.enterpriseconnect.lifecycle.events.LifecycleEvents;

/**
 * An admin who disables a user (admin console switch, or {@code PUT /admin/realms/{realm}/users/{id}}
 * with {@code enabled=false}) means what an IdP's deactivation means: access ends now. Keycloak
 * itself only refuses new logins and refreshes; this revokes sessions, offline sessions, consents
 * and earlier tokens in the same transaction. Enabling the user again cancels a scheduled purge.
 */
public final class AdminDisableReaction {

    private AdminDisableReaction() {
    }

    /** Called by the lifecycle listener for an admin's create or update of {@code user}. */
    public static void onUserSaved(KeycloakSession session, RealmModel realm, UserModel user, AdminEvent event) {
        // The lifecycle listener passes administrators' changes only: a connector's ran its own policy.
        if (event.getOperationType() != OperationType.UPDATE) {
            return;
        }
        if (!user.isEnabled()) {
            AccessRevocation.revokeAll(session, realm, user);
            LifecycleEvents.send(session, realm, user.getId(), user.getUsername(), LifecycleEvents.ACCESS_REVOKED,
                    LifecycleEvents.ADMIN, event.getAuthDetails(), Map.of("reason", "user disabled by an administrator"));
        } else if (DeprovisioningState.cancelPurge(user)) {
            LifecycleEvents.send(session, realm, user.getId(), user.getUsername(),
                    LifecycleEvents.PURGE_CANCELLED, LifecycleEvents.ADMIN, event.getAuthDetails(),
                    Map.of("reason", "user enabled by an administrator"));
        }
    }
}
