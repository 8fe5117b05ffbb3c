package dev.enterpriseconnect.rolemapping;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The role changes that bring a user in line with a {@link RoleDecision}: a role write grants the
 * decided roles and revokes only table roles that a role-mapping policy itself granted earlier.
 *
 * <p>The rule: <em>a role write never removes a role another mapper or an administrator granted.</em>
 * Two kinds of bookkeeping say who granted what:
 * <ul>
 * <li>{@code grantedByPolicies}: the roles our policies (SCIM connectors and the broker mappers) have
 * granted to the user and not revoked since ({@link PolicyGrantedRoles}, kept on the user). Only
 * these are ever revoked. A table role the user already held when a policy decided it (an
 * administrator's, a default role, another mapper's) is not adopted: it stays the granter's, and
 * is kept when the decision moves on. A user written before this bookkeeping existed has no
 * record, so none of the table roles they hold are revoked; the record starts with the next grant.
 * <li>{@code grantedByOthers}: the roles another identity-provider mapper grants in the same login
 * (Keycloak's mapper-granted-role bookkeeping, see
 * {@code dev.enterpriseconnect.rolemapping.broker.MapperGrantedRoles}). Never revoked, even when
 * the policy granted them first; they leave the policy's record, since the decision no longer wants
 * them and the other mapper now keeps them. Empty for SCIM writes.
 * </ul>
 *
 * <p>Nothing outside the table is ever granted or revoked. Pass the user's <em>direct</em> role
 * mappings as {@code held} (Keycloak's {@code getRoleMappingsStream()}), not the effective ones: a
 * role reached through a composite or a group is not the user's own mapping and cannot be revoked
 * from the user.
 *
 * @param grant    roles to add to the user, in table order
 * @param revoke   roles to remove from the user
 * @param recorded what {@code grantedByPolicies} holds after the change: the grants, the decided roles
 *                 the policies had granted before, and the record's roles outside this policy's table
 *                 (another policy's) that the user still holds
 */
public record ManagedRoleDelta(Set<RoleReference> grant, Set<RoleReference> revoke, Set<RoleReference> recorded) {

    public ManagedRoleDelta {
        grant = Collections.unmodifiableSet(new LinkedHashSet<>(grant));
        revoke = Collections.unmodifiableSet(new LinkedHashSet<>(revoke));
        recorded = Collections.unmodifiableSet(new LinkedHashSet<>(recorded));
    }

    /** The changes under {@code policy} for a user holding {@code held}. */
    public static ManagedRoleDelta of(RoleMappingPolicy policy, Collection<RoleReference> held,
            Collection<RoleReference> grantedByPolicies, Collection<RoleReference> grantedByOthers, RoleDecision decision) {
        return of(policy.managedRoles(), held, grantedByPolicies, grantedByOthers, decision);
    }

    /**
     * @param managed           the roles the policy manages ({@link RoleMappingPolicy#managedRoles()})
     * @param held              the user's direct role mappings now, managed or not
     * @param grantedByPolicies the roles our policies granted the user earlier (their record)
     * @param grantedByOthers   the roles other mappers grant in this same login (empty outside a login)
     * @param decision          what the user should hold
     * @throws IllegalArgumentException if the decision names a role outside {@code managed}
     */
    public static ManagedRoleDelta of(Collection<RoleReference> managed, Collection<RoleReference> held,
            Collection<RoleReference> grantedByPolicies, Collection<RoleReference> grantedByOthers,
            RoleDecision decision) {
        Set<RoleReference> heldSet = Set.copyOf(held);
        Set<RoleReference> ours = new LinkedHashSet<>(grantedByPolicies);
        ours.retainAll(heldSet);
        if (!decision.managed()) {
            return new ManagedRoleDelta(Set.of(), Set.of(), ours);
        }
        Set<RoleReference> others = Set.copyOf(grantedByOthers);
        Set<RoleReference> wanted = new LinkedHashSet<>(decision.roles());
        for (RoleReference role : wanted) {
            if (!managed.contains(role)) {
                throw new IllegalArgumentException("Role " + role + " is not managed by the policy");
            }
        }
        Set<RoleReference> grant = new LinkedHashSet<>();
        for (RoleReference role : wanted) {
            if (!heldSet.contains(role)) {
                grant.add(role);
            }
        }
        Set<RoleReference> revoke = new LinkedHashSet<>();
        Set<RoleReference> recorded = new LinkedHashSet<>();
        for (RoleReference role : ours) {
            if (!managed.contains(role)) {
                recorded.add(role); // another policy's grant: its own writes decide it
            } else if (wanted.contains(role)) {
                recorded.add(role);
            } else if (!others.contains(role)) {
                revoke.add(role);
            }
        }
        recorded.addAll(grant);
        return new ManagedRoleDelta(grant, revoke, recorded);
    }

    /** Whether no role changes (the record may still shrink to what the user holds). */
    public boolean isEmpty() {
        return grant.isEmpty() && revoke.isEmpty();
    }
}
