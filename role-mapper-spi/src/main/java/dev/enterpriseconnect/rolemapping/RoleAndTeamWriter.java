package dev.enterpriseconnect.rolemapping;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.keycloak.models.ClientModel;
import org.keycloak.models.GroupModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ModelDuplicateException;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;

/**
 * Carries a policy's decisions into Keycloak for both of its users, SCIM writes and brokered
 * logins: grants the decided roles and revokes only table roles a policy granted (never one an
 * administrator or another mapper granted, see {@link ManagedRoleDelta}), moves the user between the team
 * groups under the policy's team parent, and reads the realm's team names for the decision.
 */
public final class RoleAndTeamWriter {

    private RoleAndTeamWriter() {
    }

    /** The names of the team groups that exist now (the policy decides among them and its default). */
    public static List<String> teamNames(KeycloakSession session, RealmModel realm, RoleMappingPolicy policy) {
        if (!policy.managesTeams()) {
            return List.of();
        }
        GroupModel parent = teamParent(session, realm, policy, false);
        return parent == null ? List.of() : parent.getSubGroupsStream().map(GroupModel::getName).toList();
    }

    /**
     * A SCIM write: grants the decided roles and revokes only the table roles our policies granted
     * ({@link PolicyGrantedRoles}); a role an administrator or anything else granted stays.
     *
     * @throws IllegalStateException when a role of the table does not exist in the realm
     */
    public static ManagedRoleDelta applyRole(RealmModel realm, UserModel user, RoleMappingPolicy policy,
            RoleDecision role) {
        return applyRole(realm, user, policy, role, Set.of());
    }

    /**
     * @param grantedByOthers roles other identity-provider mappers grant in this login (Keycloak's
     *                        mapper-granted roles): never revoked
     * @return the changes made
     * @throws IllegalStateException when a role of the table does not exist in the realm
     */
    public static ManagedRoleDelta applyRole(RealmModel realm, UserModel user, RoleMappingPolicy policy,
            RoleDecision role, Set<RoleReference> grantedByOthers) {
        if (!role.managed()) {
            return new ManagedRoleDelta(Set.of(), Set.of(), Set.of());
        }
        Set<RoleReference> held = user.getRoleMappingsStream().map(RoleAndTeamWriter::reference).collect(Collectors.toSet());
        ManagedRoleDelta delta = ManagedRoleDelta.of(policy, held, PolicyGrantedRoles.read(user), grantedByOthers, role);
        delta.revoke().forEach(reference -> user.deleteRoleMapping(resolve(realm, reference)));
        delta.grant().forEach(reference -> user.grantRole(resolve(realm, reference)));
        PolicyGrantedRoles.write(user, delta.recorded());
        return delta;
    }

    /** Creates the team parent and the team group on first use. */
    public static void applyTeam(KeycloakSession session, RealmModel realm, UserModel user, RoleMappingPolicy policy,
            TeamDecision team) {
        if (!team.managed()) {
            return;
        }
        GroupModel parent = teamParent(session, realm, policy, team.create());
        List<GroupModel> teams = parent == null ? List.of() : parent.getSubGroupsStream().toList();
        List<String> current = new ArrayList<>();
        if (parent != null) {
            user.getGroupsStream().filter(g -> parent.getId().equals(g.getParentId())).forEach(g -> current.add(g.getName()));
        }
        ManagedTeamDelta delta = ManagedTeamDelta.of(teams.stream().map(GroupModel::getName).toList(), current, team);
        for (GroupModel group : teams) {
            if (delta.leave().contains(group.getName())) {
                user.leaveGroup(group);
            }
        }
        delta.joining().ifPresent(name -> user.joinGroup(teams.stream().filter(g -> g.getName().equals(name))
                .findFirst().orElseGet(() -> session.groups().createGroup(realm, name, parent))));
    }

    /** @throws IllegalStateException when the role does not exist in the realm */
    public static RoleModel resolve(RealmModel realm, RoleReference reference) {
        RoleModel role;
        if (reference.isRealmRole()) {
            role = realm.getRole(reference.roleName());
        } else {
            ClientModel client = realm.getClientByClientId(reference.clientId());
            role = client == null ? null : client.getRole(reference.roleName());
        }
        if (role == null) {
            throw new IllegalStateException("The role mapping names " + reference + ", which does not exist in realm "
                    + realm.getName());
        }
        return role;
    }

    private static GroupModel teamParent(KeycloakSession session, RealmModel realm, RoleMappingPolicy policy,
            boolean create) {
        GroupModel parent = session.groups().getGroupByName(realm, null, policy.teamParent());
        if (parent == null && create) {
            try {
                parent = session.groups().createGroup(realm, policy.teamParent());
            } catch (ModelDuplicateException raced) {
                parent = session.groups().getGroupByName(realm, null, policy.teamParent());
            }
        }
        return parent;
    }

    /** The table form of a Keycloak role. */
    public static RoleReference reference(RoleModel role) {
        return role.isClientRole() ? RoleReference.client(((ClientModel) role.getContainer()).getClientId(), role.getName())
                : RoleReference.realm(role.getName());
    }
}
