package dev.enterpriseconnect.scim.user;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;
import org.keycloak.models.UserModel;

import dev.enterpriseconnect.rolemapping.RoleMappingPolicy;
import dev.enterpriseconnect.scim.endpoint.ScimAdminEvents;
import dev.enterpriseconnect.scim.endpoint.ScimRequestContext;
import dev.enterpriseconnect.scim.group.UserGroupMemberships;
import dev.enterpriseconnect.scim.provisioning.PrivilegedUsers;

/**
 * Okta grants ADMINISTRATOR by pushing someone into a group, not by touching the user: when a
 * connector's role mapping has group rules, every membership change decides the members' role again.
 */
public final class GroupRoleRefresh {

    private GroupRoleRefresh() {
    }

    /** Whether membership changes of this connector can change roles at all (no rules: nothing to do). */
    public static boolean applies(ScimRequestContext context) {
        return context.connector().roleMapping().filter(policy -> !policy.groupRules().isEmpty()).isPresent();
    }

    /** Whether any group rule names one of these group names or externalIds (nulls ignored). */
    public static boolean mentions(ScimRequestContext context, String... names) {
        return context.connector().roleMapping().stream().flatMap(policy -> policy.groupRules().stream())
                .anyMatch(rule -> java.util.Arrays.stream(names).anyMatch(name -> name != null
                        && name.equalsIgnoreCase(rule.group())));
    }

    /** Re-decides the role of these users from their current pushed groups; one membership query for all. */
    public static void refresh(ScimRequestContext context, Collection<String> userIds) {
        Optional<RoleMappingPolicy> policy = context.connector().roleMapping().filter(p -> !p.groupRules().isEmpty());
        if (policy.isEmpty() || userIds.isEmpty()) {
            return;
        }
        Map<String, List<UserGroupMemberships.Membership>> memberships = UserGroupMemberships.of(context, List.copyOf(userIds));
        for (String id : userIds) {
            UserModel user = context.session().users().getUserById(context.realm(), id);
            // An admin someone else put into a pushed group keeps the roles an admin gave them.
            if (user == null || !context.connector().allowsPrivilegedUsers()
                    && PrivilegedUsers.reason(context.realm(), user).isPresent()) {
                continue;
            }
            List<String> groups = memberships.getOrDefault(id, List.of()).stream()
                    .flatMap(UserGroupMemberships.Membership::names).toList();
            if (new UserRoleAssignment(context.session(), context.realm(), policy.get()).redecideRole(user, groups)) {
                ScimAdminEvents.send(context, OperationType.UPDATE, ResourceType.REALM_ROLE_MAPPING,
                        "users/" + id + "/role-mappings", null);
            }
        }
    }
}
