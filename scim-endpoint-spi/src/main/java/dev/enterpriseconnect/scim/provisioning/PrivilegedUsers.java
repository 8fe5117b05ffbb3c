package dev.enterpriseconnect.scim.provisioning;

import java.util.Optional;

import org.keycloak.Config;
import org.keycloak.models.AdminRoles;
import org.keycloak.models.ClientModel;
import org.keycloak.models.Constants;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.RoleUtils;

import dev.enterpriseconnect.scim.connector.ScimConnectorConfig;
import dev.enterpriseconnect.scim.endpoint.ScimRequestContext;
import dev.enterpriseconnect.scim.protocol.ScimException;

/**
 * Users a connector must not change unless its settings say so: service accounts, and whoever
 * holds (directly, through a group or a composite) a role of the realm's {@code realm-management}
 * client, or in the master realm an admin role. Otherwise a directory could take over an
 * administrator by changing their email and resetting their password.
 */
public final class PrivilegedUsers {

    private PrivilegedUsers() {
    }

    /** Read once: Keycloak resolves {@code Config.getAdminRealm()} through its configuration mappers on every call. */
    private static final class AdminRealm {
        static final String NAME = Config.getAdminRealm();
    }

    /** Refuses with 403 when the connector may not change this user. */
    public static void requireWritable(ScimRequestContext context, UserModel user) {
        requireWritable(context, user, null);
    }

    /** As {@link #requireWritable(ScimRequestContext, UserModel)}, walking holdings the caller has read. */
    public static void requireWritable(ScimRequestContext context, UserModel user, UserHoldings holdings) {
        if (context.connector().allowsPrivilegedUsers()) {
            return;
        }
        reason(context.realm(), user, holdings).ifPresent(reason -> {
            throw ScimException.forbidden("User " + user.getId() + " " + reason + "; this connector may not change"
                    + " privileged users (connector setting " + ScimConnectorConfig.ALLOW_PRIVILEGED_USERS + ")");
        });
    }

    /**
     * Whether any role the user holds, directly or through a group or a composite, belongs to the
     * realm-management client: a walk that compares container ids and stops at the first hit, so
     * the common case (default roles only) costs a few cached role reads.
     */
    private static boolean reachesRealmManagement(RealmModel realm, UserModel user, UserHoldings holdings) {
        ClientModel management = realm.getClientByClientId(Constants.REALM_MANAGEMENT_CLIENT_ID);
        if (management == null) {
            return false;
        }
        String managementId = management.getId();
        java.util.Deque<RoleModel> todo = new java.util.ArrayDeque<>();
        (holdings != null ? holdings.roles().stream() : user.getRoleMappingsStream()).forEach(todo::push);
        (holdings != null ? holdings.groups().stream() : user.getGroupsStream()).forEach(group -> {
            for (org.keycloak.models.GroupModel g = group; g != null; g = g.getParent()) {
                g.getRoleMappingsStream().forEach(todo::push);
            }
        });
        java.util.Set<String> seen = new java.util.HashSet<>();
        while (!todo.isEmpty()) {
            RoleModel role = todo.pop();
            if (!seen.add(role.getId())) {
                continue;
            }
            if (role.isClientRole() && managementId.equals(role.getContainerId())) {
                return true;
            }
            if (role.isComposite()) {
                role.getCompositesStream().forEach(todo::push);
            }
        }
        return false;
    }

    private static boolean privileged(RoleModel role, boolean master) {
        if (role.isClientRole() && role.getContainer() instanceof ClientModel client) {
            String clientId = client.getClientId();
            return Constants.REALM_MANAGEMENT_CLIENT_ID.equals(clientId) || master && clientId.endsWith("-realm");
        }
        return master && (AdminRoles.ADMIN.equals(role.getName()) || AdminRoles.CREATE_REALM.equals(role.getName()));
    }

    private static String name(RoleModel role) {
        return role.getContainer() instanceof ClientModel client ? client.getClientId() + "/" + role.getName()
                : role.getName();
    }

    /** Why the user is privileged, or empty. */
    public static Optional<String> reason(RealmModel realm, UserModel user) {
        return reason(realm, user, null);
    }

    private static Optional<String> reason(RealmModel realm, UserModel user, UserHoldings holdings) {
        if (user.getServiceAccountClientLink() != null) {
            return Optional.of("is a service account");
        }
        boolean master = AdminRealm.NAME.equals(realm.getName());
        if (!master && !reachesRealmManagement(realm, user, holdings)) {
            return Optional.empty();
        }
        java.util.Set<RoleModel> effective = RoleUtils.getDeepUserRoleMappings(user);
        // The user's own roles first, so the answer names the role an admin actually granted.
        for (RoleModel held : user.getRoleMappingsStream().toList()) {
            if (privileged(held, master)) {
                return Optional.of("holds the admin role " + name(held));
            }
            for (RoleModel included : RoleUtils.expandCompositeRoles(java.util.Set.of(held))) {
                if (privileged(included, master)) {
                    return Optional.of("holds the role " + name(held) + ", which includes the admin role " + name(included));
                }
            }
        }
        for (RoleModel reached : effective) {
            if (privileged(reached, master)) {
                return Optional.of("holds the admin role " + name(reached) + " through a group");
            }
        }
        return Optional.empty();
    }
}
