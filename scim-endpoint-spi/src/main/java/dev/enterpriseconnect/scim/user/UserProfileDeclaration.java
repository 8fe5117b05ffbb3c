package dev.enterpriseconnect.scim.user;

import java.util.HashMap;
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

import dev.enterpriseconnect.lifecycle.deprovisioning.DeprovisioningState;

/**
 * Declares the SCIM attributes in the realm's user profile. Keycloak 26 silently drops attributes
 * its user profile does not declare, so without this a SCIM write would lose them. They are
 * admin-only (visible and editable in the admin console, never by the user) and grouped under
 * "SCIM".
 */
public final class UserProfileDeclaration {

    public static final String GROUP = "scim";

    // Once per realm and node: the check reads the profile configuration, which is not free.
    private static final Map<String, Boolean> DECLARED = new ConcurrentHashMap<>();

    private UserProfileDeclaration() {
    }

    public static void ensure(KeycloakSession session, RealmModel realm) {
        if (DECLARED.containsKey(realm.getId())) {
            return;
        }
        UserProfileProvider profiles = session.getProvider(UserProfileProvider.class);
        UPConfig config = profiles.getConfiguration();
        boolean changed = false;
        if (config.getGroups().stream().noneMatch(g -> GROUP.equals(g.getName()))) {
            UPGroup group = new UPGroup(GROUP);
            group.setDisplayHeader("SCIM (provisioned)");
            group.setDisplayDescription("Attributes your identity provider sets through SCIM");
            group.setAnnotations(new HashMap<>());
            config.addGroup(group);
            changed = true;
        }
        for (ScimUserAttributes.Mapped mapped : ScimUserAttributes.ALL) {
            if (config.getAttribute(mapped.keycloakName()) == null) {
                UPAttribute attribute = new UPAttribute(mapped.keycloakName(),
                        new UPAttributePermissions(Set.of("admin"), Set.of("admin")));
                attribute.setDisplayName(mapped.displayName());
                // Keycloak's preview SCIM reads every attribute's annotations and fails on null.
                attribute.setAnnotations(new HashMap<>());
                attribute.setGroup(GROUP);
                attribute.setMultivalued(mapped.multiValued());
                config.addOrReplaceAttribute(attribute);
                changed = true;
            }
        }
        // Deprovisioning records (purge deadline, deleted-by-connector) on the user: admin-only too.
        for (DeprovisioningState.Attribute lifecycle : DeprovisioningState.ATTRIBUTES) {
            if (config.getAttribute(lifecycle.name()) == null) {
                UPAttribute attribute = new UPAttribute(lifecycle.name(),
                        new UPAttributePermissions(Set.of("admin"), Set.of("admin")));
                attribute.setDisplayName(lifecycle.displayName());
                attribute.setAnnotations(new HashMap<>());
                attribute.setGroup(GROUP);
                config.addOrReplaceAttribute(attribute);
                changed = true;
            }
        }
        if (changed) {
            profiles.setConfiguration(config);
        }
        DECLARED.put(realm.getId(), Boolean.TRUE);
    }

    /** Forget what this node knows, e.g. after the realm's profile was replaced. */
    public static void forget(RealmModel realm) {
        DECLARED.remove(realm.getId());
    }
}
