package dev.enterpriseconnect.rolemapping;

import java.util.Objects;
import java.util.Optional;

/**
 * The team (a Keycloak group under the policy's team parent) a user belongs to under a policy.
 *
 * @param team   the team group's exact name, or {@code null} for no managed team
 * @param create {@code true} when the group does not exist yet and the policy says to create it
 * @param source where the team came from
 */
public record TeamDecision(String team, boolean create, TeamSource source) {

    public TeamDecision {
        Objects.requireNonNull(source, "source");
        boolean hasTeam = source == TeamSource.ATTRIBUTE || source == TeamSource.DEFAULT;
        if (hasTeam != (team != null)) {
            throw new IllegalArgumentException("A decision names a team exactly when its source is the attribute or the default");
        }
        if (create && team == null) {
            throw new IllegalArgumentException("Only a named team can be created");
        }
    }

    static TeamDecision notManaged() {
        return new TeamDecision(null, false, TeamSource.NOT_MANAGED);
    }

    static TeamDecision noTeam() {
        return new TeamDecision(null, false, TeamSource.NO_TEAM);
    }

    public boolean managed() {
        return source != TeamSource.NOT_MANAGED;
    }

    public Optional<String> chosen() {
        return Optional.ofNullable(team);
    }
}
