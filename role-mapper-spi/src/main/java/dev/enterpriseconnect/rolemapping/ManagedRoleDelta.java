package dev.enterpriseconnect.rolemapping;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The role changes that bring a user in line with a {@link RoleDecision}, confined to the roles the
 * policy manages (every role named in its table): roles granted by other means (other mappers,
 * admins, default roles) are never revoked, and nothing outside the table is ever granted.
 *
 * <p>Pass the user's <em>direct</em> role mappings as {@code held} (Keycloak's
 * {@code getRoleMappingsStream()}), not the effective ones: a role reached through a composite or a
 * group is not the user's own mapping and cannot be revoked from the user. A table role an admin
 * granted by hand is managed like any other and is revoked when the decision does not include it.
 *
 * @param grant  roles to add to the user, in table order
 * @param revoke roles to remove from the user
 */
public record ManagedRoleDelta(Set<RoleReference> grant, Set<RoleReference> revoke) {

    public ManagedRoleDelta {
        grant = Collections.unmodifiableSet(new LinkedHashSet<>(grant));
        revoke = Collections.unmodifiableSet(new LinkedHashSet<>(revoke));
    }

    /** The changes under {@code policy} for a user holding {@code held}. */
    public static ManagedRoleDelta of(RoleMappingPolicy policy, Collection<RoleReference> held, RoleDecision decision) {
        return of(policy.managedRoles(), held, decision);
    }

    /**
     * @param managed  the roles the policy manages ({@link RoleMappingPolicy#managedRoles()})
     * @param held     the user's direct role mappings now, managed or not
     * @param decision what the user should hold
     * @throws IllegalArgumentException if the decision names a role outside {@code managed}
     */
    public static ManagedRoleDelta of(Collection<RoleReference> managed, Collection<RoleReference> held,
            RoleDecision decision) {
        if (!decision.managed()) {
            return new ManagedRoleDelta(Set.of(), Set.of());
        }
        Set<RoleReference> heldSet = Set.copyOf(held);
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
        for (RoleReference role : managed) {
            if (heldSet.contains(role) && !wanted.contains(role)) {
                revoke.add(role);
            }
        }
        return new ManagedRoleDelta(grant, revoke);
    }

    public boolean isEmpty() {
        return grant.isEmpty() && revoke.isEmpty();
    }
}
