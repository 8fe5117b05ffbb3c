package dev.enterpriseconnect.lifecycle.invitation;

import java.util.Map;

import org.keycloak.events.admin.AdminEvent;
import org.keycloak.events.admin.OperationType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

import dev.enterpriseconnect.lifecycle.events.LifecycleEvents;

/**
 * The admin console's "Resend invitation" box (Users → user → Details, section Invitation, or the
 * Create user form): Keycloak's console has no extension point for a button on the user page that
 * works without experimental features, but it renders every user-profile attribute, so the box is
 * one. When a user is saved with it checked, the invitation goes out and the box is cleared, in
 * the same transaction. {@link InvitationResendValidator} has already refused a box that could not
 * work (no email, no SMTP, invitations off), with the reason next to the box.
 */
public final class ConsoleResendRequest {

    private ConsoleResendRequest() {
    }

    /** Called by the lifecycle listener for an admin's create or update of {@code user}. */
    public static void onUserSaved(KeycloakSession session, RealmModel realm, UserModel user, AdminEvent event) {
        if ((event.getOperationType() != OperationType.CREATE && event.getOperationType() != OperationType.UPDATE)
                || user.getFirstAttribute(InvitationAttributes.RESEND) == null) {
            return;
        }
        user.removeAttribute(InvitationAttributes.RESEND);
        AdminResend.Outcome outcome = AdminResend.resend(session, realm, user, event.getAuthDetails());
        boolean reported = outcome.sent() || outcome.result() == InvitationSender.Result.EMAIL_FAILED
                || outcome.result() == InvitationSender.Result.NO_URL;
        if (!reported) {
            // The sender reports only failures of the email itself; the admin asked, so say why nothing went out.
            LifecycleEvents.send(session, realm, user.getId(), user.getUsername(), LifecycleEvents.INVITATION_FAILED,
                    LifecycleEvents.ADMIN, event.getAuthDetails(),
                    Map.of("reason", "resent by an administrator", "error", outcome.problem()));
        }
    }
}
