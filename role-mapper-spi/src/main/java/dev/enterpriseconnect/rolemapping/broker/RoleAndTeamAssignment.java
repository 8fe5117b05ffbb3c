package dev.enterpriseconnect.rolemapping.broker;

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

import dev.enterpriseconnect.rolemapping.ManagedRoleDelta;
import dev.enterpriseconnect.rolemapping.ManagedTeamDelta;
import dev.enterpriseconnect.rolemapping.RoleDecision;
import dev.enterpriseconnect.rolemapping.RoleMappingException;
import dev.enterpriseconnect.rolemapping.RoleMappingPolicy;
import dev.enterpriseconnect.rolemapping.RoleReference;
import dev.enterpriseconnect.rolemapping.TeamDecision;

/**
 * The role and team a login gives a user under a policy. {@link #decide} only reads (so a refused
 * value is found before the user is created or changed); {@link #apply} grants and revokes only the
 * roles and team groups the policy manages.
 */
final class RoleAndTeamAssignment {

    private final KeycloakSession session;
    private final RealmModel realm;
    private final RoleMappingPolicy policy;
    private final RoleDecision role;
    private final TeamDecision team;

    private RoleAndTeamAssignment(KeycloakSession session, RealmModel realm, RoleMappingPolicy policy,
            RoleDecision role, TeamDecision team) {
        this.session = session;
        this.realm = realm;
        this.policy = policy;
        this.role = role;
        this.team = team;
    }

    /**
     * @param groupsAttribute the attribute or claim listing the user's groups, read by group rules
     * @throws RoleMappingException when the policy refuses a value
     * @throws IllegalStateException when a role of the table does not exist in the realm
     */
    static RoleAndTeamAssignment decide(KeycloakSession session, RealmModel realm, RoleMappingPolicy policy,
            IncomingAttributes incoming, String groupsAttribute) {
        List<String> roleValues = policy.roleAttribute().map(incoming::values).orElse(List.of());
        List<String> groups = policy.groupRules().isEmpty() ? List.of() : incoming.values(groupsAttribute);
        RoleDecision role = policy.decide(roleValues, groups);
        for (RoleReference reference : role.roles()) {
            resolve(realm, reference);
        }
        TeamDecision team = policy.decideTeam(policy.teamAttribute().map(incoming::values)
                .flatMap(values -> values.stream().filter(v -> v != null && !v.isBlank()).findFirst()).orElse(null),
                teamNames(session, realm, policy));
        return new RoleAndTeamAssignment(session, realm, policy, role, team);
    }

    RoleDecision role() {
        return role;
    }

    TeamDecision team() {
        return team;
    }

    void apply(UserModel user) {
        if (role.managed()) {
            Set<RoleReference> held = user.getRoleMappingsStream().map(RoleAndTeamAssignment::reference)
                    .collect(Collectors.toSet());
            ManagedRoleDelta delta = ManagedRoleDelta.of(policy, held, role);
            delta.revoke().forEach(reference -> user.deleteRoleMapping(resolve(realm, reference)));
            delta.grant().forEach(reference -> user.grantRole(resolve(realm, reference)));
        }
        if (team.managed()) {
            GroupModel parent = teamParent(session, realm, policy, team.create());
            List<GroupModel> teams = parent == null ? List.of() : parent.getSubGroupsStream().toList();
            List<String> current = new ArrayList<>();
            if (parent != null) {
                user.getGroupsStream().filter(g -> parent.getId().equals(g.getParentId()))
                        .forEach(g -> current.add(g.getName()));
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
    }

    private static List<String> teamNames(KeycloakSession session, RealmModel realm, RoleMappingPolicy policy) {
        if (!policy.managesTeams()) {
            return List.of();
        }
        GroupModel parent = teamParent(session, realm, policy, false);
        return parent == null ? List.of() : parent.getSubGroupsStream().map(GroupModel::getName).toList();
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

    private static RoleModel resolve(RealmModel realm, RoleReference reference) {
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

    private static RoleReference reference(RoleModel role) {
        return role.isClientRole() ? RoleReference.client(((ClientModel) role.getContainer()).getClientId(), role.getName())
                : RoleReference.realm(role.getName());
    }
}
