package dev.enterpriseconnect.rolemapping;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * The group changes that bring a user in line with a {@link TeamDecision}.
 *
 * <p>The managed teams are the direct children of the policy's {@link RoleMappingPolicy#teamParent()
 * team parent group}, whatever their number: a team created later (by an admin, or by the policy
 * with {@link UnknownTeamBehaviour#CREATE}) is managed from then on, with no list to keep up to date.
 * The user's other groups, including pushed SCIM groups and groups under other parents with the
 * same name as a team, are never touched: pass only names of children of the team parent.
 *
 * @param join   the team group to add the user to, or {@code null}
 * @param create {@code true} when {@link #join} does not exist yet and must first be created under the
 *               team parent
 * @param leave  the team groups to remove the user from
 */
public record ManagedTeamDelta(String join, boolean create, Set<String> leave) {

    public ManagedTeamDelta {
        leave = Collections.unmodifiableSet(new LinkedHashSet<>(leave));
        if (create && join == null) {
            throw new IllegalArgumentException("Only a team to join can be created");
        }
    }

    /**
     * @param managedTeams names of the existing team groups (children of the team parent)
     * @param currentTeams names of the team groups (children of the team parent) the user is in now
     * @param decision     the team the user should be in
     */
    public static ManagedTeamDelta of(Collection<String> managedTeams, Collection<String> currentTeams,
            TeamDecision decision) {
        if (!decision.managed()) {
            return new ManagedTeamDelta(null, false, Set.of());
        }
        String team = decision.team();
        Set<String> leave = new LinkedHashSet<>();
        for (String current : currentTeams) {
            if (managedTeams.contains(current) && !current.equals(team)) {
                leave.add(current);
            }
        }
        boolean member = team != null && currentTeams.contains(team);
        String join = team == null || member ? null : team;
        boolean create = join != null && decision.create() && !managedTeams.contains(join);
        return new ManagedTeamDelta(join, create, leave);
    }

    public Optional<String> joining() {
        return Optional.ofNullable(join);
    }

    public boolean isEmpty() {
        return join == null && leave.isEmpty();
    }
}
