package dev.enterpriseconnect.lifecycle.invitation;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.representations.userprofile.config.UPAttribute;
import org.keycloak.representations.userprofile.config.UPAttributePermissions;
import org.keycloak.representations.userprofile.config.UPConfig;
import org.keycloak.representations.userprofile.config.UPGroup;
import org.keycloak.userprofile.UserProfileProvider;

/**
 * Declares the invitation attributes in the realm's user profile: Keycloak 26 hides and drops
 * undeclared attributes. Admins see them (group "Invitation") but cannot edit them, and users
 * never see them.
 */
public final class InvitationProfileDeclaration {

    static final String GROUP = "invitation";

    private static final Map<String, String> DISPLAY_NAMES = Map.of(
            InvitationAttributes.STATUS, "Invitation status",
            InvitationAttributes.SENT_AT, "Invitation sent at (epoch ms)",
            InvitationAttributes.EXPIRES_AT, "Invitation expires at (epoch ms)",
            InvitationAttributes.ACCEPTED_AT, "Invitation accepted at (epoch ms)",
            InvitationAttributes.CONNECTOR, "Invited by connector",
            InvitationAttributes.SENDS, "Invitation emails sent",
            InvitationAttributes.NONCE, "Current invitation link id",
            InvitationAttributes.DUE_AT, "Next sweep check at (epoch ms)");

    // Once per realm and node: reading the profile configuration is not free.
    private static final Map<String, Boolean> DECLARED = new ConcurrentHashMap<>();

    private InvitationProfileDeclaration() {
    }

    /** A checkbox admins may tick; see {@link ConsoleResendRequest}. */
    private static UPAttribute resendBox() {
        UPAttribute box = new UPAttribute(InvitationAttributes.RESEND,
                new UPAttributePermissions(Set.of("admin"), Set.of("admin")));
        box.setDisplayName("Resend invitation");
        // Not multivalued: the console draws every multivalued attribute as a list of text fields.
        box.setGroup(GROUP);
        Map<String, Object> annotations = new HashMap<>();
        annotations.put("inputType", "multiselect-checkboxes");
        annotations.put("inputOptionLabels", Map.of(InvitationAttributes.RESEND_NOW,
                "Send a new invitation email when I save (the current link stops working)"));
        annotations.put("inputHelperTextAfter", "Uses the policy of the user's connector; the box clears itself.");
        box.setAnnotations(annotations);
        Map<String, Map<String, Object>> validations = new HashMap<>();
        validations.put("options", Map.of("options", List.of(InvitationAttributes.RESEND_NOW)));
        validations.put(InvitationResendValidator.ID, Map.of());
        box.setValidations(validations);
        return box;
    }

    /** Declares what is missing; a connector's creation calls this so the console shows the section at once. */
    public static void ensure(KeycloakSession session, RealmModel realm) {
        if (DECLARED.containsKey(realm.getId())) {
            return;
        }
        UserProfileProvider profiles = session.getProvider(UserProfileProvider.class);
        UPConfig config = profiles.getConfiguration();
        boolean changed = false;
        if (config.getGroups().stream().noneMatch(g -> GROUP.equals(g.getName()))) {
            UPGroup group = new UPGroup(GROUP);
            group.setDisplayHeader("Invitation");
            group.setDisplayDescription("The invitation email sent when this user was provisioned");
            group.setAnnotations(new HashMap<>());
            config.addGroup(group);
            changed = true;
        }
        for (String name : InvitationAttributes.ALL) {
            if (config.getAttribute(name) == null) {
                // Admins view, nobody edits: only the invitation code writes these.
                UPAttribute attribute = new UPAttribute(name, new UPAttributePermissions(Set.of("admin"), Set.of()));
                attribute.setDisplayName(DISPLAY_NAMES.get(name));
                // Keycloak's preview SCIM reads every attribute's annotations and fails on null.
                attribute.setAnnotations(new HashMap<>());
                attribute.setGroup(GROUP);
                config.addOrReplaceAttribute(attribute);
                changed = true;
            }
        }
        if (config.getAttribute(InvitationAttributes.RESEND) == null) {
            config.addOrReplaceAttribute(resendBox());
            changed = true;
        }
        if (changed) {
            profiles.setConfiguration(config);
        }
        DECLARED.put(realm.getId(), Boolean.TRUE);
    }
}
