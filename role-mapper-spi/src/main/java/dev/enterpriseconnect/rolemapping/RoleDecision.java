package dev.enterpriseconnect.rolemapping;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The role a user holds under a policy, and why.
 *
 * @param role          the chosen value of the role table (canonical spelling), or {@code null} when
 *                      the policy manages no role ({@link RoleSource#NOT_MANAGED})
 * @param roles         the Keycloak roles that value holds; all other roles of the table are to be revoked
 * @param source        where the choice came from
 * @param attributeRole what the attribute alone named (highest known value), or {@code null}
 * @param groupRole     what group rules alone named (highest), or {@code null}
 */
public record RoleDecision(String role, List<RoleReference> roles, RoleSource source, String attributeRole,
        String groupRole) {

    public RoleDecision {
        Objects.requireNonNull(source, "source");
        roles = List.copyOf(roles);
        if ((role == null) != (source == RoleSource.NOT_MANAGED)) {
            throw new IllegalArgumentException("A decision has a role exactly when the policy manages roles");
        }
    }

    static RoleDecision notManaged() {
        return new RoleDecision(null, List.of(), RoleSource.NOT_MANAGED, null, null);
    }

    public boolean managed() {
        return source != RoleSource.NOT_MANAGED;
    }

    /** The chosen role value, empty when the policy manages no role. */
    public Optional<String> chosen() {
        return Optional.ofNullable(role);
    }
}
