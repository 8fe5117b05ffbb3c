package dev.enterpriseconnect.scim.sourceoftruth;

import java.util.HashSet;
import java.util.Set;
import java.util.function.Supplier;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

import dev.enterpriseconnect.lifecycle.invitation.InvitationAttributes;
import dev.enterpriseconnect.scim.connector.ScimConnector;

/**
 * Which connector is the source of truth of a user. A user a connector created or first wrote
 * carries the connector's name ({@link #MANAGED_BY}); the fields the connector manages are then
 * read-only in the admin and account consoles, and only a SCIM write of that connector changes
 * them. An administrator detaches the user to take it over: the mark goes, the connector no
 * longer sees the user ({@link #DETACHED_FROM}), and the fields are editable again.
 */
public final class SourceOfTruth {

    /** The name of the connector that manages the user. */
    public static final String MANAGED_BY = "ec_managed_by";
    /** The name of the connector an administrator detached the user from; that connector no longer sees it. */
    public static final String DETACHED_FROM = "ec_detached_from";

    /** Session attribute set while a connector's own profile write runs: the one writer the lock lets through. */
    private static final String PROVISIONING_WRITE = "enterpriseconnect.provisioning-write";
    private static final String LOCKED_PREFIX = "enterpriseconnect.locked-fields.";

    private SourceOfTruth() {
    }

    /** Runs a connector's profile write; the managed fields are writable for it alone. */
    public static <T> T provisioningWrite(KeycloakSession session, Supplier<T> write) {
        Object before = session.getAttribute(PROVISIONING_WRITE);
        session.setAttribute(PROVISIONING_WRITE, Boolean.TRUE);
        try {
            return write.get();
        } finally {
            if (before == null) {
                session.removeAttribute(PROVISIONING_WRITE);
            }
        }
    }

    static boolean inProvisioningWrite(KeycloakSession session) {
        return session.getAttribute(PROVISIONING_WRITE) != null;
    }

    /** Marks a user the connector created or wrote for the first time; the first connector keeps it. */
    public static void adopt(UserModel user, String connector) {
        if (user.getFirstAttribute(MANAGED_BY) == null) {
            user.setSingleAttribute(MANAGED_BY, connector);
        }
    }

    public static String managedBy(UserModel user) {
        return user.getFirstAttribute(MANAGED_BY);
    }

    public static boolean detachedFrom(UserModel user, String connector) {
        return connector.equals(user.getFirstAttribute(DETACHED_FROM));
    }

    /** Ends the connector's hold on the user: fields editable, the connector no longer sees it. */
    public static void detach(UserModel user, String connector) {
        user.removeAttribute(MANAGED_BY);
        user.setSingleAttribute(DETACHED_FROM, connector);
    }

    /**
     * The profile attributes that are read-only for this user outside its connector's writes:
     * none when no connector manages it, when that connector is gone, or when it allows edits.
     * Worked out once per user and request: the profile asks for every attribute, several times.
     */
    static Set<String> lockedAttributes(KeycloakSession session, RealmModel realm, UserModel user) {
        String key = LOCKED_PREFIX + user.getId();
        @SuppressWarnings("unchecked")
        Set<String> known = (Set<String>) session.getAttribute(key);
        if (known != null) {
            return known;
        }
        String connectorName = managedBy(user);
        Set<String> locked = connectorName == null ? Set.of()
                : ScimConnector.byName(realm, connectorName).map(SourceOfTruth::locks).orElse(Set.of());
        session.setAttribute(key, locked);
        return locked;
    }

    private static Set<String> locks(ScimConnector connector) {
        Set<String> locked = new HashSet<>();
        if (!connector.allowsManagedEdits()) {
            locked.addAll(ManagedFields.attributesOf(connector.managedFields()));
        }
        // Invitations of the connector's users go through the IdP; our resend box only where the connector sends any.
        if (!invitationsEnabled(connector)) {
            locked.add(InvitationAttributes.RESEND);
        }
        return locked;
    }

    private static boolean invitationsEnabled(ScimConnector connector) {
        try {
            return connector.invitationPolicy().enabled();
        } catch (IllegalArgumentException invalid) {
            return false;
        }
    }

    /** Forgets what {@link #lockedAttributes} worked out for the user in this request (after a detach). */
    public static void forget(KeycloakSession session, UserModel user) {
        session.removeAttribute(LOCKED_PREFIX + user.getId());
    }
}
