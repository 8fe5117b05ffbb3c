package dev.enterpriseconnect.scim.provisioning;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.keycloak.models.GroupModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;

import dev.enterpriseconnect.storage.KeycloakDatabase;

/**
 * The roles mapped to a user directly and the groups the user is a member of, read in one query.
 * A SCIM write needs both before it changes anything (the privileged-user check walks them, the
 * answer shows the pushed groups); Keycloak's cached user would load them in two queries.
 * The roles and groups themselves come from Keycloak's realm cache.
 */
public record UserHoldings(List<RoleModel> roles, List<GroupModel> groups) {

    public static UserHoldings of(KeycloakSession session, RealmModel realm, UserModel user) {
        if (user.getFederationLink() != null) {
            // A federated user's roles and groups may come from its provider's mappers, not the tables.
            return new UserHoldings(user.getRoleMappingsStream().toList(), user.getGroupsStream().toList());
        }
        List<Object[]> rows = KeycloakDatabase.entityManager(session).createQuery(
                        "select m.roleId, 0 from UserRoleMappingEntity m where m.user.id = :user"
                                + " union all select g.groupId, 1 from UserGroupMembershipEntity g where g.user.id = :user",
                        Object[].class)
                .setParameter("user", user.getId()).getResultList();
        List<RoleModel> roles = new ArrayList<>();
        List<GroupModel> groups = new ArrayList<>();
        for (Object[] row : rows) {
            String id = (String) row[0];
            if (((Number) row[1]).intValue() == 0) {
                roles.add(realm.getRoleById(id));
            } else {
                groups.add(session.groups().getGroupById(realm, id));
            }
        }
        roles.removeIf(Objects::isNull);
        groups.removeIf(Objects::isNull);
        return new UserHoldings(List.copyOf(roles), List.copyOf(groups));
    }
}
