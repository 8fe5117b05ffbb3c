package dev.enterpriseconnect.rolemapping;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * How one connector or identity provider maps incoming values to Keycloak roles and a team group.
 * Immutable; read from configuration by {@link RoleMappingConfig#parse(Map)} or made with
 * {@link #builder()}. Pure: values in, decisions out; the caller reads attributes and applies
 * decisions (see {@link ManagedRoleDelta}, {@link ManagedTeamDelta}).
 *
 * <h2>Roles</h2>
 * The role table is ordered: the first entry is the highest role, the last the lowest. A user holds
 * exactly one entry's Keycloak roles. Incoming values are compared after stripping surrounding
 * whitespace, ignoring case unless {@link #caseSensitive()}; the same applies to group names in group
 * rules. {@link #decide} picks:
 * <ul>
 * <li>from the attribute: the highest known value (a multi-valued {@code roles} yields one role);</li>
 * <li>from groups: the highest role of any matching group rule; groups without a rule are ignored;</li>
 * <li>when both name a role: per {@link #precedence()};</li>
 * <li>when neither does (attribute missing or blank, no rule matched): the {@link #defaultRole()},
 * which is the lowest entry unless configured otherwise.</li>
 * </ul>
 * An unknown attribute value is refused with a {@link RoleMappingException} naming the allowed values,
 * or, with {@link UnknownRoleBehaviour#DEFAULT}, ignored (falling back to the default if nothing known
 * remains). A policy without a role table manages no role at all.
 *
 * <h2>Teams</h2>
 * When a team attribute is configured, the user belongs to at most one team: a Keycloak group that is a
 * direct child of {@link #teamParent()} and whose name equals the attribute's value exactly (case and
 * whitespace included, as Sendoso's "exact match to the team name"). A missing or blank value means the
 * {@link #defaultTeam()}, or no team if there is none. A team that does not exist is refused or
 * created, per {@link #unknownTeam()}.
 */
public final class RoleMappingPolicy {

    /** Longest piece of an incoming value quoted back in an error message. */
    private static final int QUOTE_LIMIT = 100;
    /** Most known teams listed in an error message. */
    private static final int LIST_LIMIT = 20;

    private final String roleAttribute;
    private final List<RoleEntry> roles;
    private final boolean caseSensitive;
    private final String defaultRole;
    private final UnknownRoleBehaviour unknownRole;
    private final List<GroupRoleRule> groupRules;
    private final RolePrecedence precedence;
    private final String teamAttribute;
    private final String teamParent;
    private final String defaultTeam;
    private final UnknownTeamBehaviour unknownTeam;

    private final Map<String, Integer> rankByKey;
    private final Map<String, Integer> groupRankByKey;
    private final Set<RoleReference> managedRoles;

    private RoleMappingPolicy(Builder b) {
        this.roleAttribute = blankToNull(b.roleAttribute);
        this.roles = List.copyOf(b.roles);
        this.caseSensitive = b.caseSensitive;
        this.unknownRole = Objects.requireNonNull(b.unknownRole, "unknownRole");
        this.precedence = Objects.requireNonNull(b.precedence, "precedence");
        this.teamAttribute = blankToNull(b.teamAttribute);
        this.teamParent = blankToNull(b.teamParent);
        this.defaultTeam = blankToNull(b.defaultTeam);
        this.unknownTeam = Objects.requireNonNull(b.unknownTeam, "unknownTeam");

        if (roles.isEmpty() && (roleAttribute != null || !b.groupRules.isEmpty() || blankToNull(b.defaultRole) != null)) {
            throw new IllegalArgumentException(
                    "A role table (roles) is required when a role attribute, group rules or a default role is set");
        }
        Map<String, Integer> ranks = new HashMap<>();
        for (int i = 0; i < roles.size(); i++) {
            String value = roles.get(i).value();
            if (ranks.putIfAbsent(key(value), i) != null) {
                throw new IllegalArgumentException("Role value '" + value + "' appears twice in the role table"
                        + (caseSensitive ? "" : " (values are compared ignoring case)"));
            }
        }
        this.rankByKey = Map.copyOf(ranks);

        if (roles.isEmpty()) {
            this.defaultRole = null;
        } else if (blankToNull(b.defaultRole) == null) {
            this.defaultRole = roles.get(roles.size() - 1).value();
        } else {
            this.defaultRole = canonical(b.defaultRole).orElseThrow(() -> new IllegalArgumentException(
                    "Default role '" + b.defaultRole.strip() + "' is not in the role table; allowed: " + allowedList()));
        }

        List<GroupRoleRule> rules = new ArrayList<>();
        Map<String, Integer> groupRanks = new HashMap<>();
        for (GroupRoleRule rule : b.groupRules) {
            String value = canonical(rule.roleValue()).orElseThrow(() -> new IllegalArgumentException(
                    "Group '" + rule.group() + "' maps to role '" + rule.roleValue()
                            + "', which is not in the role table; allowed: " + allowedList()));
            if (groupRanks.putIfAbsent(key(rule.group()), rankByKey.get(key(value))) != null) {
                throw new IllegalArgumentException("Group '" + rule.group().strip() + "' has more than one group rule");
            }
            rules.add(new GroupRoleRule(rule.group().strip(), value));
        }
        this.groupRules = List.copyOf(rules);
        this.groupRankByKey = Map.copyOf(groupRanks);

        Set<RoleReference> managed = new LinkedHashSet<>();
        roles.forEach(e -> managed.addAll(e.roles()));
        this.managedRoles = Collections.unmodifiableSet(managed);

        if (teamAttribute == null && (defaultTeam != null || unknownTeam != UnknownTeamBehaviour.REJECT)) {
            throw new IllegalArgumentException("A team attribute (teamAttribute) is required when a default team or an unknown-team behaviour is set");
        }
        if (teamAttribute != null && teamParent == null) {
            throw new IllegalArgumentException("A team parent group (teamParent) is required when a team attribute is set");
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    // ---------------------------------------------------------------- settings

    /** The incoming attribute or claim carrying the role ({@code role}, {@code roles}, {@code userType}, ...). */
    public Optional<String> roleAttribute() {
        return Optional.ofNullable(roleAttribute);
    }

    /** The role table, highest first. */
    public List<RoleEntry> roleEntries() {
        return roles;
    }

    /** The role table's values, highest first, as configured. */
    public List<String> roleValues() {
        return roles.stream().map(RoleEntry::value).collect(Collectors.toUnmodifiableList());
    }

    public boolean managesRoles() {
        return !roles.isEmpty();
    }

    /** Every Keycloak role named in the table: the only roles this policy ever grants or revokes. */
    public Set<RoleReference> managedRoles() {
        return managedRoles;
    }

    public boolean caseSensitive() {
        return caseSensitive;
    }

    /** The role given when no source names one; {@code null} when the policy manages no role. */
    public String defaultRole() {
        return defaultRole;
    }

    public UnknownRoleBehaviour unknownRole() {
        return unknownRole;
    }

    public List<GroupRoleRule> groupRules() {
        return groupRules;
    }

    public RolePrecedence precedence() {
        return precedence;
    }

    public Optional<String> teamAttribute() {
        return Optional.ofNullable(teamAttribute);
    }

    public boolean managesTeams() {
        return teamAttribute != null;
    }

    /** The top-level group whose direct children are the managed teams; {@code null} when teams are not managed. */
    public String teamParent() {
        return teamAttribute == null ? null : teamParent;
    }

    public Optional<String> defaultTeam() {
        return Optional.ofNullable(defaultTeam);
    }

    public UnknownTeamBehaviour unknownTeam() {
        return unknownTeam;
    }

    /** The table value matching {@code value} under this policy's case rule, in the table's spelling. */
    public Optional<String> canonical(String value) {
        if (value == null) {
            return Optional.empty();
        }
        Integer rank = rankByKey.get(key(value));
        return rank == null ? Optional.empty() : Optional.of(roles.get(rank).value());
    }

    // ---------------------------------------------------------------- decisions

    /**
     * The role a user holds.
     *
     * @param attributeValues the role attribute's values as sent (one for {@code role}/{@code userType},
     *                        several for {@code roles}); {@code null}, empty or blank values mean missing.
     *                        Ignored when the policy has no role attribute.
     * @param groupsOrClaims  the user's pushed SCIM groups (pass both displayName and externalId of each)
     *                        or the values of the login's {@code groups} claim; {@code null} means none
     * @throws RoleMappingException when an attribute value is unknown and the policy rejects unknown values
     */
    public RoleDecision decide(List<String> attributeValues, Collection<String> groupsOrClaims) {
        if (!managesRoles()) {
            return RoleDecision.notManaged();
        }
        Integer attributeRank = null;
        if (roleAttribute != null && attributeValues != null) {
            List<String> unknown = new ArrayList<>();
            for (String value : attributeValues) {
                if (value == null || value.isBlank()) {
                    continue;
                }
                Integer rank = rankByKey.get(key(value));
                if (rank == null) {
                    unknown.add(value);
                } else if (attributeRank == null || rank < attributeRank) {
                    attributeRank = rank;
                }
            }
            if (!unknown.isEmpty() && unknownRole == UnknownRoleBehaviour.REJECT) {
                throw unknownRoles(unknown);
            }
        }
        Integer groupRank = null;
        if (groupsOrClaims != null) {
            for (String group : groupsOrClaims) {
                if (group == null || group.isBlank()) {
                    continue;
                }
                Integer rank = groupRankByKey.get(key(group));
                if (rank != null && (groupRank == null || rank < groupRank)) {
                    groupRank = rank;
                }
            }
        }
        String attributeRole = attributeRank == null ? null : roles.get(attributeRank).value();
        String groupRole = groupRank == null ? null : roles.get(groupRank).value();

        RoleSource source;
        if (attributeRank == null && groupRank == null) {
            source = RoleSource.DEFAULT;
        } else if (groupRank == null) {
            source = RoleSource.ATTRIBUTE;
        } else if (attributeRank == null) {
            source = RoleSource.GROUPS;
        } else {
            source = switch (precedence) {
                case HIGHEST -> groupRank < attributeRank ? RoleSource.GROUPS : RoleSource.ATTRIBUTE;
                case ATTRIBUTE -> RoleSource.ATTRIBUTE;
                case GROUPS -> RoleSource.GROUPS;
            };
        }
        String chosen = switch (source) {
            case ATTRIBUTE -> attributeRole;
            case GROUPS -> groupRole;
            default -> defaultRole;
        };
        return new RoleDecision(chosen, roles.get(rankByKey.get(key(chosen))).roles(), source, attributeRole, groupRole);
    }

    /** {@link #decide(List, Collection)} for a single-valued attribute ({@code role}, {@code userType}). */
    public RoleDecision decide(String attributeValue, Collection<String> groupsOrClaims) {
        return decide(attributeValue == null ? List.of() : Arrays.asList(attributeValue), groupsOrClaims);
    }

    /**
     * The team a user belongs to.
     *
     * @param teamValue  the team attribute's value as sent; {@code null} or blank means missing
     * @param teamExists whether a team group of exactly that name exists under {@link #teamParent()}
     * @throws RoleMappingException when the team does not exist and the policy rejects unknown teams
     */
    public TeamDecision decideTeam(String teamValue, Predicate<String> teamExists) {
        return decideTeam(teamValue, teamExists, List.of());
    }

    /**
     * {@link #decideTeam(String, Predicate)} against the names of the existing team groups, which an
     * error message then lists (at most {@value #LIST_LIMIT}).
     */
    public TeamDecision decideTeam(String teamValue, Collection<String> existingTeams) {
        Set<String> existing = Set.copyOf(existingTeams);
        return decideTeam(teamValue, existing::contains, existing);
    }

    private TeamDecision decideTeam(String teamValue, Predicate<String> teamExists, Collection<String> known) {
        if (!managesTeams()) {
            return TeamDecision.notManaged();
        }
        String team;
        TeamSource source;
        if (teamValue == null || teamValue.isBlank()) {
            if (defaultTeam == null) {
                return TeamDecision.noTeam();
            }
            team = defaultTeam;
            source = TeamSource.DEFAULT;
        } else {
            team = teamValue;
            source = TeamSource.ATTRIBUTE;
        }
        if (teamExists.test(team)) {
            return new TeamDecision(team, false, source);
        }
        if (unknownTeam == UnknownTeamBehaviour.CREATE) {
            return new TeamDecision(team, true, source);
        }
        List<String> allowed = new ArrayList<>(new TreeSet<>(known));
        String existing = allowed.isEmpty() ? "" : "; existing teams: " + list(allowed, LIST_LIMIT);
        if (source == TeamSource.DEFAULT) {
            throw new RoleMappingException(RoleMappingException.Subject.TEAM, null, List.of(team), allowed,
                    "The default team '" + quote(team) + "' does not exist under '" + teamParent + "'" + existing);
        }
        throw new RoleMappingException(RoleMappingException.Subject.TEAM, teamAttribute, List.of(team), allowed,
                "Unknown team '" + quote(team) + "' in attribute '" + teamAttribute
                        + "'; it must match the name of a team exactly" + existing);
    }

    // ---------------------------------------------------------------- helpers

    private RoleMappingException unknownRoles(List<String> unknown) {
        String quoted = unknown.stream().map(v -> "'" + quote(v) + "'").collect(Collectors.joining(", "));
        String message = (unknown.size() == 1 ? "Unknown role " : "Unknown roles ") + quoted + " in attribute '"
                + roleAttribute + "'; allowed: " + allowedList();
        return new RoleMappingException(RoleMappingException.Subject.ROLE, roleAttribute, unknown, roleValues(),
                message);
    }

    private String allowedList() {
        return String.join(", ", roleValues());
    }

    private String key(String value) {
        String stripped = value.strip();
        return caseSensitive ? stripped : stripped.toLowerCase(Locale.ROOT);
    }

    private static String quote(String value) {
        return value.length() <= QUOTE_LIMIT ? value : value.substring(0, QUOTE_LIMIT) + "…";
    }

    private static String list(List<String> values, int limit) {
        if (values.size() <= limit) {
            return String.join(", ", values);
        }
        return String.join(", ", values.subList(0, limit)) + " and " + (values.size() - limit) + " more";
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    @Override
    public String toString() {
        return "RoleMappingPolicy[roleAttribute=" + roleAttribute + ", roles=" + roles + ", caseSensitive="
                + caseSensitive + ", defaultRole=" + defaultRole + ", unknownRole=" + unknownRole + ", groupRules="
                + groupRules + ", precedence=" + precedence + ", teamAttribute=" + teamAttribute + ", teamParent="
                + teamParent + ", defaultTeam=" + defaultTeam + ", unknownTeam=" + unknownTeam + "]";
    }

    /** Collects settings; {@link #build()} checks them and throws {@link IllegalArgumentException} on nonsense. */
    public static final class Builder {
        private String roleAttribute;
        private final List<RoleEntry> roles = new ArrayList<>();
        private boolean caseSensitive = RoleMappingConfig.DEFAULT_CASE_SENSITIVE;
        private String defaultRole;
        private UnknownRoleBehaviour unknownRole = UnknownRoleBehaviour.REJECT;
        private final List<GroupRoleRule> groupRules = new ArrayList<>();
        private RolePrecedence precedence = RolePrecedence.HIGHEST;
        private String teamAttribute;
        private String teamParent = RoleMappingConfig.DEFAULT_TEAM_PARENT;
        private String defaultTeam;
        private UnknownTeamBehaviour unknownTeam = UnknownTeamBehaviour.REJECT;

        private Builder() {
        }

        public Builder roleAttribute(String name) {
            this.roleAttribute = name;
            return this;
        }

        /** Appends a row below those already added (lower rank). */
        public Builder role(RoleEntry entry) {
            roles.add(Objects.requireNonNull(entry, "entry"));
            return this;
        }

        /** Appends a row: {@code role("MANAGER", "realm:manager", "client:app:editor")}. */
        public Builder role(String value, String... roleReferences) {
            return role(new RoleEntry(value.strip(),
                    Arrays.stream(roleReferences).map(RoleReference::parse).collect(Collectors.toList())));
        }

        public Builder caseSensitive(boolean caseSensitive) {
            this.caseSensitive = caseSensitive;
            return this;
        }

        public Builder defaultRole(String value) {
            this.defaultRole = value;
            return this;
        }

        public Builder unknownRole(UnknownRoleBehaviour behaviour) {
            this.unknownRole = behaviour;
            return this;
        }

        public Builder groupRole(String group, String roleValue) {
            groupRules.add(new GroupRoleRule(group, roleValue));
            return this;
        }

        public Builder precedence(RolePrecedence precedence) {
            this.precedence = precedence;
            return this;
        }

        public Builder teamAttribute(String name) {
            this.teamAttribute = name;
            return this;
        }

        public Builder teamParent(String groupName) {
            this.teamParent = groupName;
            return this;
        }

        public Builder defaultTeam(String team) {
            this.defaultTeam = team;
            return this;
        }

        public Builder unknownTeam(UnknownTeamBehaviour behaviour) {
            this.unknownTeam = behaviour;
            return this;
        }

        public RoleMappingPolicy build() {
            return new RoleMappingPolicy(this);
        }
    }
}
