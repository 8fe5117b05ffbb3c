package dev.enterpriseconnect.scim.user;

import java.util.ArrayList;
import java.util.List;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.representations.userprofile.config.UPAttribute;

import dev.enterpriseconnect.lifecycle.deprovisioning.DeprovisioningState;
import dev.enterpriseconnect.storage.UserProfileSection;

/**
 * Declares the SCIM attributes in the realm's user profile. Keycloak 26 silently drops attributes
 * its user profile does not declare, so without this a SCIM write would lose them. They are
 * admin-only (visible and editable in the admin console, never by the user) and grouped under
 * "SCIM (provisioned)", with the deprovisioning records (purge deadline, deleted-by-connector).
 */
public final class UserProfileDeclaration {

    public static final String GROUP = "scim";

    private static final UserProfileSection SECTION = new UserProfileSection(GROUP, "SCIM (provisioned)",
            "Attributes your identity provider sets through SCIM", attributes());

    private UserProfileDeclaration() {
    }

    /** @return whether this call had to declare the section (first use in the realm on this node) */
    public static boolean ensure(KeycloakSession session, RealmModel realm) {
        return SECTION.ensure(session, realm);
    }

    private static List<UPAttribute> attributes() {
        List<UPAttribute> attributes = new ArrayList<>();
        for (ScimUserAttributes.Mapped mapped : ScimUserAttributes.ALL) {
            attributes.add(UserProfileSection.adminAttribute(mapped.keycloakName(), mapped.displayName(), true,
                    mapped.multiValued()));
        }
        for (DeprovisioningState.Attribute lifecycle : DeprovisioningState.ATTRIBUTES) {
            attributes.add(UserProfileSection.adminAttribute(lifecycle.name(), lifecycle.displayName(), true, false));
        }
        return attributes;
    }
}
