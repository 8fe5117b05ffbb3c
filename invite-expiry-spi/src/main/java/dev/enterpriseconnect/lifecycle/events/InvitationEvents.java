package dev.enterpriseconnect.lifecycle.events;

import java.util.Map;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

import dev.enterpriseconnect.events.EventMetrics;
import dev.enterpriseconnect.events.EventTypes;
import dev.enterpriseconnect.lifecycle.invitation.InvitationState;

/**
 * Invitation steps as directory events (outbox), in the transaction of the step: sent, accepted,
 * expired. The connector is the one whose policy invited the user.
 */
final class InvitationEvents {

    private static final Map<String, String> TYPES = Map.of(
            LifecycleEvents.INVITATION_SENT, EventTypes.INVITATION_SENT,
            LifecycleEvents.INVITATION_ACCEPTED, EventTypes.INVITATION_ACCEPTED,
            LifecycleEvents.INVITATION_EXPIRED, EventTypes.INVITATION_EXPIRED);

    /** Lifecycle steps counted by the invitation and deprovisioning metrics, as label values. */
    private static final Map<String, String> INVITATION_STEPS = Map.of(
            LifecycleEvents.INVITATION_SENT, "sent",
            LifecycleEvents.INVITATION_FAILED, "failed",
            LifecycleEvents.INVITATION_ACCEPTED, "accepted",
            LifecycleEvents.INVITATION_EXPIRED, "expired",
            LifecycleEvents.DISABLED_NEVER_ACCEPTED, "disabled_never_accepted");
    private static final Map<String, String> DEPROVISIONING_STEPS = Map.of(
            LifecycleEvents.ACCESS_REVOKED, "access_revoked",
            LifecycleEvents.DELETED, "deleted",
            LifecycleEvents.DELETED_AS_DISABLED, "deleted_as_disabled",
            LifecycleEvents.PURGE_SCHEDULED, "purge_scheduled",
            LifecycleEvents.PURGE_CANCELLED, "purge_cancelled",
            LifecycleEvents.PURGED, "purged");

    private InvitationEvents() {
    }

    static void record(KeycloakSession session, RealmModel realm, String userId, String step, String actor,
            Map<String, String> details) {
        count(session, step, actor);
        String type = TYPES.get(step);
        if (type == null) {
            return;
        }
        UserModel user = session.users().getUserById(realm, userId);
        if (user == null) {
            return;
        }
        String connector = InvitationState.of(user).connector();
        if (connector == null && actor != null && actor.startsWith("scim:")) {
            connector = actor.substring("scim:".length());
        }
        UserDirectoryEvents.record(session, realm, user, type, connector, actor, details);
    }

    private static void count(KeycloakSession session, String step, String actor) {
        String invitation = INVITATION_STEPS.get(step);
        if (invitation != null) {
            EventMetrics.invitation(session, invitation);
        }
        String deprovisioning = DEPROVISIONING_STEPS.get(step);
        if (deprovisioning != null) {
            EventMetrics.deprovisioning(session, deprovisioning, actorLabel(actor));
        }
    }

    /** Who acted, from a bounded set: {@code scim:<connector>} becomes {@code scim}. */
    private static String actorLabel(String actor) {
        if (actor == null) {
            return "other";
        }
        if (actor.startsWith("scim:")) {
            return "scim";
        }
        return switch (actor) {
            case LifecycleEvents.ADMIN -> "admin";
            case LifecycleEvents.SWEEP -> "sweep";
            case LifecycleEvents.WORKFLOW -> "workflow";
            case LifecycleEvents.USER -> "user";
            default -> "other";
        };
    }
}
