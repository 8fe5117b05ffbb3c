package dev.enterpriseconnect.scim.user;

import java.util.List;
import java.util.Locale;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

import dev.enterpriseconnect.rolemapping.RoleAndTeamWriter;
import dev.enterpriseconnect.rolemapping.RoleDecision;
import dev.enterpriseconnect.rolemapping.RoleMappingException;
import dev.enterpriseconnect.rolemapping.RoleMappingPolicy;
import dev.enterpriseconnect.rolemapping.TeamDecision;
import dev.enterpriseconnect.scim.filter.AttributePath;
import dev.enterpriseconnect.scim.protocol.ScimException;

/**
 * Applies a connector's role and team mapping to a SCIM write. {@link #decide} runs before anything
 * is stored, so a refused value changes nothing; {@link #apply} then grants and revokes only the
 * roles and teams the policy manages.
 */
final class UserRoleAssignment {

    private final KeycloakSession session;
    private final RealmModel realm;
    private final RoleMappingPolicy policy;
    private RoleDecision role;
    private TeamDecision team;

    UserRoleAssignment(KeycloakSession session, RealmModel realm, RoleMappingPolicy policy) {
        this.session = session;
        this.realm = realm;
        this.policy = policy;
    }

    /** @param groups the user's pushed groups (displayNames), which group rules read */
    void decide(ScimUserMapping.IncomingUser incoming, List<String> groups) {
        try {
            role = policy.decide(policy.roleAttribute().map(name -> values(incoming, name)).orElse(List.of()), groups);
            team = policy.decideTeam(policy.teamAttribute().map(name -> values(incoming, name))
                    .filter(v -> !v.isEmpty()).map(v -> v.get(0)).orElse(null),
                    RoleAndTeamWriter.teamNames(session, realm, policy));
        } catch (RoleMappingException e) {
            throw ScimException.invalidValue(e.getMessage());
        }
        if (role.managed()) {
            incoming.attributes().put(ScimUserAttributes.MAPPED_ROLES.keycloakName(), List.of(role.role()));
        }
        if (policy.roleAttribute().filter(name -> name.equalsIgnoreCase("roles")).isPresent()) {
            incoming.attributes().put(ScimUserAttributes.ROLES_SENT.keycloakName(), incoming.rolesSent());
        }
    }

    /**
     * Decides the role again after the user's pushed groups changed, from the role values stored at
     * the last write; the team is left alone (groups never decide it).
     *
     * @return whether the managed role changed
     */
    boolean redecideRole(UserModel user, List<String> groups) {
        String attribute = policy.roleAttribute().orElse(null);
        List<String> sent = attribute == null ? List.of()
                : user.getAttributeStream(attribute.equalsIgnoreCase("roles") ? ScimUserAttributes.ROLES_SENT.keycloakName()
                        : storedName(attribute)).toList();
        try {
            role = policy.decide(sent, groups);
        } catch (RoleMappingException e) {
            // The stored value passed the policy when it was written; a policy edited since then decides at the next write.
            return false;
        }
        if (!role.managed() || List.of(role.role()).equals(user.getAttributeStream(
                ScimUserAttributes.MAPPED_ROLES.keycloakName()).toList())) {
            return false;
        }
        user.setAttribute(ScimUserAttributes.MAPPED_ROLES.keycloakName(), List.of(role.role()));
        team = null;
        apply(user);
        return true;
    }

    private static String storedName(String attribute) {
        int colon = attribute.lastIndexOf(':');
        String schema = colon < 0 ? null : attribute.substring(0, colon);
        String name = (colon < 0 ? attribute : attribute.substring(colon + 1)).toLowerCase(Locale.ROOT);
        return ScimUserAttributes.forFilterPath(schema, name).or(() -> ScimUserAttributes.forFilterPath(null, name))
                .map(ScimUserAttributes.Mapped::keycloakName).orElse(ScimUserAttributes.PREFIX + name);
    }

    void apply(UserModel user) {
        try {
            RoleAndTeamWriter.applyRole(realm, user, policy, role);
        } catch (IllegalStateException missingRole) {
            // A role of the table was deleted after the connector was set up: the server's fault, not the IdP's.
            throw ScimException.of(500, null, missingRole.getMessage());
        }
        if (team != null) {
            RoleAndTeamWriter.applyTeam(session, realm, user, policy, team);
        }
    }

    /** The incoming values of an attribute the policy names: {@code roles}, {@code role}, {@code userType}, {@code division}... */
    private static List<String> values(ScimUserMapping.IncomingUser incoming, String name) {
        if (name.equalsIgnoreCase("roles")) {
            return incoming.rolesSent();
        }
        int colon = name.lastIndexOf(':');
        String schema = colon < 0 ? null : name.substring(0, colon);
        String attribute = (colon < 0 ? name : name.substring(colon + 1)).toLowerCase(Locale.ROOT);
        return ScimUserAttributes.forFilterPath(schema, attribute)
                .or(() -> ScimUserAttributes.forFilterPath(null, attribute))
                .map(mapped -> incoming.attributes().getOrDefault(mapped.keycloakName(), List.of()))
                .orElseThrow(() -> ScimException.invalidValue("The connector's role mapping reads '"
                        + AttributePath.of(name) + "', which is not a User attribute this server keeps"));
    }
}
