package dev.enterpriseconnect.lifecycle.invitation;

import org.keycloak.events.admin.AuthDetails;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

import dev.enterpriseconnect.lifecycle.events.LifecycleEvents;

/**
 * An administrator asks for a fresh invitation, through the REST endpoint or the console's
 * "Resend invitation" box: a new link (the old one stops working) under the policy of the user's
 * connector, or the default policy (local password, 14 days) for a user made by hand.
 */
final class AdminResend {

    /** The outcome; {@code problem} is what to tell the administrator when nothing was sent. */
    record Outcome(InvitationSender.Result result, String problem) {

        boolean sent() {
            return result == InvitationSender.Result.SENT;
        }
    }

    private AdminResend() {
    }

    static Outcome resend(KeycloakSession session, RealmModel realm, UserModel user, AuthDetails causedBy) {
        String connector = InvitationState.of(user).connector();
        InvitationPolicy policy;
        try {
            policy = InvitationPolicy.ofConnector(realm, connector).orElse(null);
        } catch (IllegalArgumentException invalid) {
            return new Outcome(null, "Connector '" + connector + "' has an invalid setting: " + invalid.getMessage());
        }
        if (policy == null) {
            // Hand-made user, or its connector was deleted.
            policy = InvitationPolicy.DEFAULT;
            connector = null;
        }
        InvitationSender.Result result = InvitationSender.send(session, realm, user, policy, connector, true,
                new InvitationSender.Trigger("resent by an administrator", LifecycleEvents.ADMIN, causedBy));
        return new Outcome(result, problem(result, connector));
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
            return "Connector '" + connector + "' has an invalid setting: " + invalid.getMessage();
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
}
