package dev.enterpriseconnect.scim.user;

import java.util.ArrayList;
import java.util.List;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.representations.userprofile.config.UPAttribute;

import dev.enterpriseconnect.lifecycle.deprovisioning.DeprovisioningState;
import dev.enterpriseconnect.scim.sourceoftruth.SourceOfTruth;
import dev.enterpriseconnect.storage.UserProfileSection;

/**
 * Declares the SCIM attributes in the realm's user profile. Keycloak 26 silently drops attributes
 * its user profile does not declare, so without this a SCIM write would lose them. They are
 * admin-only (never shown to the user) and grouped in sections an administrator can read: which
 * connector manages the user, then what the IdP sent, by kind. Nobody edits them by hand (see
 * {@code SourceOfTruthUserProfile}); an attribute without a value is not shown.
 */
public final class UserProfileDeclaration {

    public static final String GROUP = "scim";

    private static final List<UserProfileSection> SECTIONS = List.of(
            new UserProfileSection("scim-source", "Source of truth",
                    "The SCIM connector that manages this user. Its fields are read-only here until an administrator"
                            + " detaches the user from the connector", sourceAttributes()),
            new UserProfileSection(GROUP, "SCIM: identity (provisioned)",
                    "What the identity provider sent through SCIM; read-only", attributes(ScimUserAttributes.USER_NAME,
                            ScimUserAttributes.PRIMARY_EMAIL, ScimUserAttributes.EXTERNAL_ID, ScimUserAttributes.DISPLAY_NAME, ScimUserAttributes.NICK_NAME, ScimUserAttributes.FORMATTED_NAME,
                            ScimUserAttributes.MIDDLE_NAME, ScimUserAttributes.HONORIFIC_PREFIX,
                            ScimUserAttributes.HONORIFIC_SUFFIX, ScimUserAttributes.TITLE, ScimUserAttributes.USER_TYPE,
                            ScimUserAttributes.PROFILE_URL, ScimUserAttributes.PREFERRED_LANGUAGE, ScimUserAttributes.LOCALE,
                            ScimUserAttributes.TIMEZONE)),
            new UserProfileSection("scim-contact", "SCIM: contact (provisioned)",
                    "Phone numbers, further emails and addresses the identity provider sent; read-only",
                    attributes(ScimUserAttributes.PHONE_NUMBERS, ScimUserAttributes.OTHER_EMAILS, ScimUserAttributes.ADDRESSES,
                            ScimUserAttributes.IMS, ScimUserAttributes.PHOTOS)),
            new UserProfileSection("scim-enterprise", "SCIM: enterprise (provisioned)",
                    "The enterprise extension the identity provider sent; read-only",
                    attributes(ScimUserAttributes.EMPLOYEE_NUMBER, ScimUserAttributes.COST_CENTER,
                            ScimUserAttributes.ORGANIZATION, ScimUserAttributes.DIVISION, ScimUserAttributes.DEPARTMENT,
                            ScimUserAttributes.MANAGER, ScimUserAttributes.MANAGER_REF)),
            new UserProfileSection("scim-roles", "SCIM: roles (provisioned)",
                    "The role values sent and the role the connector's mapping chose, and custom extension attributes;"
                            + " read-only (the role mappings themselves are under Role mapping)",
                    attributes(ScimUserAttributes.ROLE, ScimUserAttributes.ROLES, ScimUserAttributes.ROLES_SENT,
                            ScimUserAttributes.MAPPED_ROLES, ScimUserAttributes.ENTITLEMENTS,
                            ScimUserAttributes.X509_CERTIFICATES, ScimUserAttributes.EXTENSIONS)));

    static {
        // An attribute the SCIM mapping keeps but no section declares would be dropped by the user profile.
        java.util.Set<String> declared = new java.util.HashSet<>();
        SECTIONS.forEach(section -> section.attributes().forEach(attribute -> declared.add(attribute.getName())));
        for (ScimUserAttributes.Mapped mapped : ScimUserAttributes.ALL) {
            if (!declared.contains(mapped.keycloakName())) {
                throw new IllegalStateException("SCIM attribute " + mapped.keycloakName() + " is in no user-profile section");
            }
        }
    }

    private UserProfileDeclaration() {
    }

    /** @return whether this call had to declare a section (first use in the realm on this node) */
    public static boolean ensure(KeycloakSession session, RealmModel realm) {
        boolean declared = false;
        for (UserProfileSection section : SECTIONS) {
            declared |= section.ensure(session, realm);
        }
        return declared;
    }

    private static List<UPAttribute> attributes(ScimUserAttributes.Mapped... mapped) {
        List<UPAttribute> attributes = new ArrayList<>();
        for (ScimUserAttributes.Mapped attribute : mapped) {
            // Admin-editable in the configuration so the connector's profile write may set them.
            attributes.add(UserProfileSection.adminAttribute(attribute.keycloakName(), attribute.displayName(), true,
                    attribute.multiValued()));
        }
        return attributes;
    }

    private static List<UPAttribute> sourceAttributes() {
        List<UPAttribute> attributes = new ArrayList<>();
        attributes.add(UserProfileSection.adminAttribute(SourceOfTruth.MANAGED_BY, "Managed by SCIM connector", false, false));
        attributes.add(UserProfileSection.adminAttribute(SourceOfTruth.DETACHED_FROM, "Detached from SCIM connector", false,
                false));
        for (DeprovisioningState.Attribute lifecycle : DeprovisioningState.ATTRIBUTES) {
            attributes.add(UserProfileSection.adminAttribute(lifecycle.name(), lifecycle.displayName(), true, false));
        }
        return attributes;
    }
}
