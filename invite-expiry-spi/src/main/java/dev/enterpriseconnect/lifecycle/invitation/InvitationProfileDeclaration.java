package dev.enterpriseconnect.lifecycle.invitation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.representations.userprofile.config.UPAttribute;

import dev.enterpriseconnect.storage.UserProfileSection;

/**
 * The invitation attributes in the realm's user profile, section "Invitation": admins see them but
 * cannot edit them (only the invitation code writes them), users never see them; plus the
 * "Resend invitation" box admins tick.
 */
public final class InvitationProfileDeclaration {

    private static final Map<String, String> DISPLAY_NAMES = Map.of(
            InvitationAttributes.STATUS, "Invitation status",
            InvitationAttributes.SENT_AT, "Invitation sent at (epoch ms)",
            InvitationAttributes.EXPIRES_AT, "Invitation expires at (epoch ms)",
            InvitationAttributes.ACCEPTED_AT, "Invitation accepted at (epoch ms)",
            InvitationAttributes.CONNECTOR, "Invited by connector",
            InvitationAttributes.SENDS, "Invitation emails sent",
            InvitationAttributes.NONCE, "Current invitation link id",
            InvitationAttributes.DUE_AT, "Next sweep check at (epoch ms)");

    private static final UserProfileSection SECTION = new UserProfileSection("invitation", "Invitation",
            "The invitation email sent when this user was provisioned", attributes());

    private InvitationProfileDeclaration() {
    }

    /** Declares what is missing; a connector's creation calls this so the console shows the section at once. */
    /** @return whether this call had to declare the section (first use in the realm on this node) */
    public static boolean ensure(KeycloakSession session, RealmModel realm) {
        return SECTION.ensure(session, realm);
    }

    private static List<UPAttribute> attributes() {
        List<UPAttribute> attributes = new ArrayList<>();
        for (String name : InvitationAttributes.ALL) {
            attributes.add(UserProfileSection.adminAttribute(name, DISPLAY_NAMES.get(name), false, false));
        }
        attributes.add(resendBox());
        return attributes;
    }

    /** A checkbox admins may tick; see {@link ConsoleResendRequest}. */
    private static UPAttribute resendBox() {
        // Not multivalued: the console draws every multivalued attribute as a list of text fields.
        UPAttribute box = UserProfileSection.adminAttribute(InvitationAttributes.RESEND, "Resend invitation", true, false);
        box.getAnnotations().put("inputType", "multiselect-checkboxes");
        box.getAnnotations().put("inputOptionLabels", Map.of(InvitationAttributes.RESEND_NOW,
                "Send a new invitation email when I save (the current link stops working)"));
        box.setValidations(Map.of("options", Map.of("options", List.of(InvitationAttributes.RESEND_NOW)),
                InvitationResendValidator.ID, Map.of()));
        return box;
    }
}
