package dev.enterpriseconnect.lifecycle.invitation;

import java.util.Map;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

import dev.enterpriseconnect.lifecycle.events.LifecycleEvents;

/**
 * A fresh invitation someone asked for, rather than one provisioning or the sweep sends on its
 * own: an administrator (the REST endpoint, the console's "Resend invitation" box) or a workflow
 * step. A new link (the old one stops working) under the policy of the user's connector, of a
 * connector named by the caller, or the default policy (local password, 14 days) for a user made
 * by hand.
 */
public final class RequestedInvitation {

    /** The outcome; {@code problem} is what to tell the requester when nothing was sent. */
    public record Outcome(InvitationSender.Result result, String problem) {

        public boolean sent() {
            return result == InvitationSender.Result.SENT;
        }
    }

    private RequestedInvitation() {
    }

    /**
     * @param connector the connector whose policy applies, or null for the user's own connector
     *                  (the default policy for a hand-made user, or one whose connector was deleted)
     */
    public static Outcome send(KeycloakSession session, RealmModel realm, UserModel user, String connector,
            InvitationSender.Trigger trigger) {
        InvitationPolicy policy;
        if (connector != null) {
            String problem = connectorProblem(realm, connector);
            if (problem != null) {
                return new Outcome(null, problem);
            }
            policy = InvitationPolicy.ofConnector(realm, connector).orElseThrow();
        } else {
            connector = InvitationState.of(user).connector();
            try {
                policy = InvitationPolicy.ofConnector(realm, connector).orElse(null);
            } catch (IllegalArgumentException invalid) {
                return new Outcome(null, invalidSetting(connector, invalid));
            }
            if (policy == null) {
                // Hand-made user, or its connector was deleted.
                policy = InvitationPolicy.DEFAULT;
                connector = null;
            }
        }
        InvitationSender.Result result = InvitationSender.send(session, realm, user, policy, connector, true, trigger);
        return new Outcome(result, problem(result, connector));
    }

    /**
     * {@link #send}, for requesters who read no answer (the console's box is saved with the user, a
     * workflow step runs in the background): when nothing went out for a reason the sender does
     * not record itself (no email, no SMTP, invitations off, a bad connector), that reason becomes
     * an {@code invitation-failed} lifecycle event, so the administrator can see why.
     */
    public static Outcome sendAndRecordFailure(KeycloakSession session, RealmModel realm, UserModel user,
            String connector, InvitationSender.Trigger trigger) {
        Outcome outcome = send(session, realm, user, connector, trigger);
        boolean recorded = outcome.sent() || outcome.result() == InvitationSender.Result.EMAIL_FAILED
                || outcome.result() == InvitationSender.Result.NO_URL;
        if (!recorded) {
            LifecycleEvents.send(session, realm, user.getId(), user.getUsername(), LifecycleEvents.INVITATION_FAILED,
                    trigger.actor(), trigger.causedBy(), Map.of("reason", trigger.reason(), "error", outcome.problem()));
        }
        return outcome;
    }

    /** Why the realm's connector of this name cannot give an invitation policy, or null when it can. */
    public static String connectorProblem(RealmModel realm, String connector) {
        try {
            return InvitationPolicy.ofConnector(realm, connector).isPresent() ? null
                    : "Connector '" + connector + "' does not exist in realm '" + realm.getName() + "'";
        } catch (IllegalArgumentException invalid) {
            return invalidSetting(connector, invalid);
        }
    }

    /**
     * Why an invitation could not be sent to this user now, judged before saving (the console's
     * check of the box), or null when nothing stands in the way that can be known up front.
     */
    static String precheck(RealmModel realm, String email, String connector) {
        InvitationPolicy policy;
        try {
            policy = InvitationPolicy.ofConnector(realm, connector).orElse(InvitationPolicy.DEFAULT);
        } catch (IllegalArgumentException invalid) {
            return invalidSetting(connector, invalid);
        }
        if (!policy.enabled()) {
            return problem(InvitationSender.Result.INVITATIONS_DISABLED, connector);
        }
        if (email == null || email.isBlank()) {
            return problem(InvitationSender.Result.NO_EMAIL, connector);
        }
        if (!InvitationSender.smtpConfigured(realm)) {
            return problem(InvitationSender.Result.NO_SMTP, connector);
        }
        return null;
    }

    static String problem(InvitationSender.Result result, String connector) {
        return switch (result) {
            case SENT -> null;
            case INVITATIONS_DISABLED -> "Invitations are disabled on connector '" + connector + "'";
            case USER_DISABLED -> "The user is disabled; enable it first";
            case NO_EMAIL -> "The user has no email address";
            case NO_SMTP -> "The realm has no SMTP server (Realm settings > Email)";
            case NO_URL -> "The server's public URL is unknown";
            case EMAIL_FAILED -> "The invitation email could not be sent; the server log says why";
        };
    }

    private static String invalidSetting(String connector, IllegalArgumentException invalid) {
        return "Connector '" + connector + "' has an invalid setting: " + invalid.getMessage();
    }
}
