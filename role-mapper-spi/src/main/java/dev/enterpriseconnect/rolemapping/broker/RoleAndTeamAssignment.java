package dev.enterpriseconnect.rolemapping.broker;

import java.util.List;

import org.keycloak.broker.provider.BrokeredIdentityContext;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

import dev.enterpriseconnect.rolemapping.RoleAndTeamWriter;
import dev.enterpriseconnect.rolemapping.RoleDecision;
import dev.enterpriseconnect.rolemapping.RoleMappingException;
import dev.enterpriseconnect.rolemapping.RoleMappingPolicy;
import dev.enterpriseconnect.rolemapping.RoleReference;
import dev.enterpriseconnect.rolemapping.TeamDecision;

/**
 * The role and team a login gives a user under a policy. {@link #decide} only reads (so a refused
 * value is found before the user is created or changed); {@link #apply} grants the decided roles,
 * revokes only table roles a policy granted and that no other mapper grants in this login, and
 * moves the user between the policy's team groups.
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
            RoleAndTeamWriter.resolve(realm, reference);
        }
        TeamDecision team = policy.decideTeam(policy.teamAttribute().map(incoming::values)
                .flatMap(values -> values.stream().filter(v -> v != null && !v.isBlank()).findFirst()).orElse(null),
                RoleAndTeamWriter.teamNames(session, realm, policy));
        return new RoleAndTeamAssignment(session, realm, policy, role, team);
    }

    RoleDecision role() {
        return role;
    }

    TeamDecision team() {
        return team;
    }

    /**
     * Never revokes a role another mapper grants in this login ({@link MapperGrantedRoles}), and
     * records the decided roles there so that Keycloak's role mappers running after this one do not
     * revoke them.
     */
    void apply(UserModel user, BrokeredIdentityContext context) {
        RoleAndTeamWriter.applyRole(realm, user, policy, role, MapperGrantedRoles.of(session, realm, context));
        MapperGrantedRoles.record(context, role.roles());
        RoleAndTeamWriter.applyTeam(session, realm, user, policy, team);
    }
}
