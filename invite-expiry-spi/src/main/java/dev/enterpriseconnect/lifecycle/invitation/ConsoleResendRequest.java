package dev.enterpriseconnect.lifecycle.invitation;

import org.keycloak.events.admin.AdminEvent;
import org.keycloak.events.admin.OperationType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

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
        // The admin asked, so a reason the sender does not record itself becomes an invitation-failed event.
        RequestedInvitation.sendAndRecordFailure(session, realm, user, null,
                InvitationSender.Trigger.administrator(event.getAuthDetails()));
    }
}
