package dev.enterpriseconnect.scim.sourceoftruth;

import java.util.Map;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

import dev.enterpriseconnect.lifecycle.events.LifecycleEvents;
import dev.enterpriseconnect.scim.connector.ScimConnector;
import dev.enterpriseconnect.storage.RowLock;

/** An administrator takes a user over from its connector. */
public final class Detachment {

    /** 200 with no problem, or the status and the reason it was refused. */
    public record Outcome(int status, String problem) {
    }

    private Detachment() {
    }

    public static Outcome detach(KeycloakSession session, RealmModel realm, ScimConnector connector, String userId) {
        // Locked like a SCIM write of the same user, so a push and the detach run one after the other.
        UserModel user = RowLock.user(session, realm, userId);
        if (user == null) {
            return new Outcome(404, "User not found");
        }
        String managedBy = SourceOfTruth.managedBy(user);
        if (!connector.name().equals(managedBy)) {
            return new Outcome(409, managedBy == null
                    ? "User " + user.getUsername() + " is not managed by any connector"
                    : "User " + user.getUsername() + " is managed by connector '" + managedBy + "', not '" + connector.name() + "'");
        }
        SourceOfTruth.detach(user, connector.name());
        SourceOfTruth.forget(session, user);
        LifecycleEvents.send(session, realm, user.getId(), user.getUsername(), LifecycleEvents.DETACHED,
                LifecycleEvents.ADMIN, Map.of("connector", connector.name()));
        return new Outcome(200, null);
    }
}
