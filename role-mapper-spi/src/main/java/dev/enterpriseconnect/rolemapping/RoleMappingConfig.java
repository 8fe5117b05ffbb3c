package dev.enterpriseconnect.rolemapping;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Names of the mapping settings, as stored in a flat {@code Map<String, String>} (a Keycloak component
 * or identity-provider mapper config), and how they are read. Keys not listed here are ignored, so the
 * settings can share a map with others. Blank values count as absent. See {@code role-mapper-spi/README.md}.
 *
 * <pre>
 * roleAttribute = role
 * roles         = ADMINISTRATOR=realm:admin; MANAGER=realm:manager,client:my-app:editor; ANALYST=
 * defaultRole   = ANALYST            (default: the last, lowest, entry of roles)
 * caseSensitive = false              (default: false)
 * unknownRole   = REJECT | DEFAULT   (default: REJECT)
 * groupRoles    = Okta Admins=ADMINISTRATOR; 00g1abcd=MANAGER
 * precedence    = HIGHEST | ATTRIBUTE | GROUPS   (default: HIGHEST)
 * teamAttribute = division
 * teamParent    = Teams              (default: Teams)
 * defaultTeam   = General
 * unknownTeam   = REJECT | CREATE    (default: REJECT)
 * </pre>
 *
 * <p>{@code roles}: entries separated by {@code ;} or line breaks, highest first; each entry is
 * {@code VALUE=REF,REF,...} split at its first {@code =}; a REF is {@code realm:<role>} or
 * {@code client:<clientId>:<role>}; an entry may have no REF. A VALUE cannot contain {@code = ; ,}.
 *
 * <p>{@code groupRoles}: entries separated by {@code ;} or line breaks; each is {@code GROUP=VALUE}
 * split at its <em>last</em> {@code =} (a group name may contain {@code =}, not {@code ;}). GROUP is a
 * pushed SCIM group's displayName or externalId, or a value of the login's {@code groups} claim.
 */
public final class RoleMappingConfig {

    public static final String ROLE_ATTRIBUTE = "roleAttribute";
    public static final String ROLES = "roles";
    public static final String DEFAULT_ROLE = "defaultRole";
    public static final String CASE_SENSITIVE = "caseSensitive";
    public static final String UNKNOWN_ROLE = "unknownRole";
    public static final String GROUP_ROLES = "groupRoles";
    public static final String PRECEDENCE = "precedence";
    public static final String TEAM_ATTRIBUTE = "teamAttribute";
    public static final String TEAM_PARENT = "teamParent";
    public static final String DEFAULT_TEAM = "defaultTeam";
    public static final String UNKNOWN_TEAM = "unknownTeam";

    /** Every setting read here, in documentation order. */
    public static final List<String> PROPERTY_NAMES = List.of(ROLE_ATTRIBUTE, ROLES, DEFAULT_ROLE, CASE_SENSITIVE,
            UNKNOWN_ROLE, GROUP_ROLES, PRECEDENCE, TEAM_ATTRIBUTE, TEAM_PARENT, DEFAULT_TEAM, UNKNOWN_TEAM);

    public static final boolean DEFAULT_CASE_SENSITIVE = false;
    public static final String DEFAULT_TEAM_PARENT = "Teams";

    private RoleMappingConfig() {
    }

    /**
     * Reads a policy.
     *
     * @throws IllegalArgumentException naming the setting and what is wrong with it
     */
    public static RoleMappingPolicy parse(Map<String, String> config) {
        RoleMappingPolicy.Builder b = RoleMappingPolicy.builder()
                .roleAttribute(get(config, ROLE_ATTRIBUTE))
                .caseSensitive(bool(config, CASE_SENSITIVE, DEFAULT_CASE_SENSITIVE))
                .defaultRole(get(config, DEFAULT_ROLE))
                .unknownRole(choice(config, UNKNOWN_ROLE, UnknownRoleBehaviour.class, UnknownRoleBehaviour.REJECT))
                .precedence(choice(config, PRECEDENCE, RolePrecedence.class, RolePrecedence.HIGHEST))
                .teamAttribute(get(config, TEAM_ATTRIBUTE))
                .defaultTeam(get(config, DEFAULT_TEAM))
                .unknownTeam(choice(config, UNKNOWN_TEAM, UnknownTeamBehaviour.class, UnknownTeamBehaviour.REJECT));
        String teamParent = get(config, TEAM_PARENT);
        if (teamParent != null) {
            if (get(config, TEAM_ATTRIBUTE) == null) {
                throw new IllegalArgumentException(TEAM_PARENT + " is set but " + TEAM_ATTRIBUTE + " is not");
            }
            b.teamParent(teamParent);
        }
        if (get(config, UNKNOWN_TEAM) != null && get(config, TEAM_ATTRIBUTE) == null) {
            throw new IllegalArgumentException(UNKNOWN_TEAM + " is set but " + TEAM_ATTRIBUTE + " is not");
        }
        if (get(config, UNKNOWN_ROLE) != null && get(config, ROLES) == null) {
            throw new IllegalArgumentException(UNKNOWN_ROLE + " is set but " + ROLES + " is not");
        }
        parseRoles(get(config, ROLES)).forEach(b::role);
        for (GroupRoleRule rule : parseGroupRoles(get(config, GROUP_ROLES))) {
            b.groupRole(rule.group(), rule.roleValue());
        }
        return b.build();
    }

    /** Reads the {@value #ROLES} table, highest first. */
    public static List<RoleEntry> parseRoles(String text) {
        List<RoleEntry> entries = new ArrayList<>();
        for (String entry : entries(text)) {
            int eq = entry.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("Invalid " + ROLES + " entry '" + entry
                        + "'; expected VALUE=realm:<role> or VALUE=client:<clientId>:<role>, several separated by ','");
            }
            String value = entry.substring(0, eq).strip();
            if (value.isEmpty() || value.contains(",")) {
                throw new IllegalArgumentException("Invalid role value '" + value + "' in " + ROLES + " entry '"
                        + entry + "'");
            }
            List<RoleReference> refs = new ArrayList<>();
            String refsText = entry.substring(eq + 1).strip();
            if (!refsText.isEmpty()) {
                for (String ref : refsText.split(",", -1)) {
                    try {
                        refs.add(RoleReference.parse(ref));
                    } catch (IllegalArgumentException e) {
                        throw new IllegalArgumentException(e.getMessage() + " in " + ROLES + " entry '" + entry + "'", e);
                    }
                }
            }
            entries.add(new RoleEntry(value, refs));
        }
        return entries;
    }

    /** Reads the {@value #GROUP_ROLES} rules. */
    public static List<GroupRoleRule> parseGroupRoles(String text) {
        List<GroupRoleRule> rules = new ArrayList<>();
        for (String entry : entries(text)) {
            int eq = entry.lastIndexOf('=');
            String group = eq < 0 ? "" : entry.substring(0, eq).strip();
            String value = eq < 0 ? "" : entry.substring(eq + 1).strip();
            if (group.isEmpty() || value.isEmpty()) {
                throw new IllegalArgumentException("Invalid " + GROUP_ROLES + " entry '" + entry
                        + "'; expected GROUP=ROLE_VALUE");
            }
            rules.add(new GroupRoleRule(group, value));
        }
        return rules;
    }

    private static List<String> entries(String text) {
        if (text == null) {
            return List.of();
        }
        return Arrays.stream(text.split("[;\\r\\n]")).map(String::strip).filter(s -> !s.isEmpty())
                .collect(Collectors.toList());
    }

    private static String get(Map<String, String> config, String key) {
        String value = config.get(key);
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static boolean bool(Map<String, String> config, String key, boolean fallback) {
        String value = get(config, key);
        if (value == null) {
            return fallback;
        }
        if (value.equalsIgnoreCase("true")) {
            return true;
        }
        if (value.equalsIgnoreCase("false")) {
            return false;
        }
        throw new IllegalArgumentException("Invalid " + key + " '" + value + "'; allowed: true, false");
    }

    private static <E extends Enum<E>> E choice(Map<String, String> config, String key, Class<E> type, E fallback) {
        String value = get(config, key);
        if (value == null) {
            return fallback;
        }
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equalsIgnoreCase(value)) {
                return constant;
            }
        }
        throw new IllegalArgumentException("Invalid " + key + " '" + value + "'; allowed: "
                + Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.joining(", ")));
    }
}
