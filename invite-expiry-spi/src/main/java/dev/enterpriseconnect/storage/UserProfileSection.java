package dev.enterpriseconnect.storage;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.representations.userprofile.config.UPAttribute;
import org.keycloak.representations.userprofile.config.UPAttributePermissions;
import org.keycloak.representations.userprofile.config.UPConfig;
import org.keycloak.representations.userprofile.config.UPGroup;
import org.keycloak.userprofile.UserProfileProvider;

/**
 * A section of attributes we keep on users, declared in the realm's user profile: Keycloak 26
 * silently drops attributes its profile does not declare. Users never see them; admins see them
 * in the console under the section's header. Only what is missing is added, so an admin's edits
 * to a declared attribute stay.
 */
public final class UserProfileSection {

    private final String group;
    private final String header;
    private final String description;
    private final List<UPAttribute> attributes;
    // Once per realm and node: the check reads the profile configuration, which is not free.
    private final Map<String, Boolean> declared = new ConcurrentHashMap<>();

    public UserProfileSection(String group, String header, String description, List<UPAttribute> attributes) {
        this.group = group;
        this.header = header;
        this.description = description;
        this.attributes = List.copyOf(attributes);
        this.attributes.forEach(attribute -> attribute.setGroup(group));
    }

    /** An attribute of the section that admins view and, when {@code adminEdits}, edit. */
    /** The attributes this section declares. */
    public List<UPAttribute> attributes() {
        return attributes;
    }

    public static UPAttribute adminAttribute(String name, String displayName, boolean adminEdits, boolean multivalued) {
        UPAttribute attribute = new UPAttribute(name, new UPAttributePermissions(Set.of("admin"),
                adminEdits ? Set.of("admin") : Set.of()));
        attribute.setDisplayName(displayName);
        attribute.setMultivalued(multivalued);
        // Keycloak's preview SCIM reads every attribute's annotations and fails on null.
        attribute.setAnnotations(new HashMap<>());
        return attribute;
    }

    /**
     * Declares what is missing, in a transaction of its own that is committed before this returns,
     * once per realm and node. Concurrent first requests wait for one writer instead of all
     * rewriting the realm's profile at once (which timed out on the database's locks); work that
     * must see the declaration runs in a session opened after this returns.
     */
    /** @return whether this call declared (and committed) anything; false once the realm is known declared */
    public boolean ensure(KeycloakSession session, RealmModel realm) {
        String realmId = realm.getId();
        if (declared.containsKey(realmId)) {
            return false;
        }
        synchronized (this) {
            if (declared.containsKey(realmId)) {
                return false;
            }
            KeycloakModelUtils.runJobInTransaction(session.getKeycloakSessionFactory(), session.getContext(), inner -> {
                RealmModel innerRealm = inner.realms().getRealm(realmId);
                inner.getContext().setRealm(innerRealm);
                declare(inner);
            });
            declared.put(realmId, Boolean.TRUE);
            return true;
        }
    }

    private void declare(KeycloakSession session) {
        UserProfileProvider profiles = session.getProvider(UserProfileProvider.class);
        UPConfig config = profiles.getConfiguration();
        boolean changed = false;
        if (config.getGroups().stream().noneMatch(g -> group.equals(g.getName()))) {
            UPGroup section = new UPGroup(group);
            section.setDisplayHeader(header);
            section.setDisplayDescription(description);
            section.setAnnotations(new HashMap<>());
            config.addGroup(section);
            changed = true;
        }
        for (UPAttribute attribute : attributes) {
            if (config.getAttribute(attribute.getName()) == null) {
                config.addOrReplaceAttribute(attribute);
                changed = true;
            }
        }
        if (changed) {
            profiles.setConfiguration(config);
        }
    }
}
