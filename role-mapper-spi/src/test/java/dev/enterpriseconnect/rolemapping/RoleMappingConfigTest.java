package dev.enterpriseconnect.rolemapping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The configuration syntax an admin types, and the messages they get when it is wrong. */
class RoleMappingConfigTest {

    @Test
    void theIssueExampleReadsAsWritten() {
        RoleMappingPolicy p = RoleMappingConfig.parse(Map.ofEntries(
                Map.entry("roleAttribute", "role"),
                Map.entry("roles", "ADMINISTRATOR=realm:admin;MANAGER=realm:manager;ANALYST=realm:analyst"),
                Map.entry("defaultRole", "ANALYST"),
                Map.entry("caseSensitive", "false"),
                Map.entry("unknownRole", "REJECT"),
                Map.entry("groupRoles", "Okta Admins=ADMINISTRATOR"),
                Map.entry("precedence", "HIGHEST"),
                Map.entry("teamAttribute", "division"),
                Map.entry("defaultTeam", "General"),
                Map.entry("unknownTeam", "REJECT")));
        assertEquals("role", p.roleAttribute().orElseThrow());
        assertEquals(List.of("ADMINISTRATOR", "MANAGER", "ANALYST"), p.roleValues());
        assertEquals("ANALYST", p.defaultRole());
        assertFalse(p.caseSensitive());
        assertEquals(UnknownRoleBehaviour.REJECT, p.unknownRole());
        assertEquals(List.of(new GroupRoleRule("Okta Admins", "ADMINISTRATOR")), p.groupRules());
        assertEquals(RolePrecedence.HIGHEST, p.precedence());
        assertEquals("division", p.teamAttribute().orElseThrow());
        assertEquals("Teams", p.teamParent(), "the default team parent");
        assertEquals("General", p.defaultTeam().orElseThrow());
        assertEquals(UnknownTeamBehaviour.REJECT, p.unknownTeam());
    }

    @Test
    void defaultsWhenOnlyTheTableIsGiven() {
        RoleMappingPolicy p = RoleMappingConfig.parse(Map.of("roleAttribute", "userType", "roles", "a=realm:a;b=realm:b"));
        assertEquals("b", p.defaultRole());
        assertFalse(p.caseSensitive());
        assertEquals(UnknownRoleBehaviour.REJECT, p.unknownRole());
        assertEquals(RolePrecedence.HIGHEST, p.precedence());
        assertFalse(p.managesTeams());
        assertTrue(p.groupRules().isEmpty());
    }

    @Test
    void entriesMaySpanLinesAndHoldSeveralRolesIncludingClientsNamedByUrl() {
        List<RoleEntry> entries = RoleMappingConfig.parseRoles("""
                ADMINISTRATOR = realm:admin, client:https://sp.example.com/saml:owner
                MANAGER=client:my-app:editor;
                ANALYST=
                """);
        assertEquals(3, entries.size());
        assertEquals(List.of(RoleReference.realm("admin"), RoleReference.client("https://sp.example.com/saml", "owner")),
                entries.get(0).roles());
        assertEquals("client:my-app:editor", entries.get(1).roles().get(0).toString());
        assertEquals(List.of(), entries.get(2).roles());
    }

    @Test
    void groupNamesMayContainEqualsSigns() {
        assertEquals(List.of(new GroupRoleRule("a=b team", "MANAGER")), RoleMappingConfig.parseGroupRoles("a=b team=MANAGER"));
    }

    @Test
    void choicesAndBooleansIgnoreCase() {
        RoleMappingPolicy p = RoleMappingConfig.parse(Map.of("roles", "a=realm:a", "caseSensitive", "TRUE",
                "unknownRole", "default", "precedence", "Groups"));
        assertTrue(p.caseSensitive());
        assertEquals(UnknownRoleBehaviour.DEFAULT, p.unknownRole());
        assertEquals(RolePrecedence.GROUPS, p.precedence());
    }

    @Test
    void otherKeysInTheSameMapAndBlankValuesAreIgnored() {
        RoleMappingPolicy p = RoleMappingConfig.parse(Map.of("roles", "a=realm:a", "credentialType", "bearer",
                "defaultRole", " ", "groupRoles", ""));
        assertEquals("a", p.defaultRole());
    }

    @Test
    void roleReferencesRoundTrip() {
        for (String ref : List.of("realm:admin", "realm:a:b", "client:my-app:editor", "client:urn:x:y:viewer")) {
            assertEquals(ref, RoleReference.parse(ref).toString());
        }
        assertEquals("urn:x:y", RoleReference.parse("client:urn:x:y:viewer").clientId());
    }

    @Test
    void invalidSettingsAreExplained() {
        assertInvalid("Invalid role reference 'admin'; expected realm:<role> or client:<clientId>:<role> "
                + "in roles entry 'ADMINISTRATOR=admin'", "roles", "ADMINISTRATOR=admin");
        assertInvalid("Invalid role reference 'client:my-app'; expected realm:<role> or client:<clientId>:<role> "
                + "in roles entry 'A=client:my-app'", "roles", "A=client:my-app");
        assertInvalid("Invalid roles entry 'ADMINISTRATOR'; expected VALUE=realm:<role> or "
                + "VALUE=client:<clientId>:<role>, several separated by ','", "roles", "ADMINISTRATOR");
        assertInvalid("Invalid roles entry '=realm:x'; expected VALUE=realm:<role> or "
                + "VALUE=client:<clientId>:<role>, several separated by ','", "roles", "=realm:x");
        assertInvalid("Role value 'admin' appears twice in the role table (values are compared ignoring case)",
                "roles", "ADMIN=realm:a;admin=realm:b");
        assertInvalid("Invalid caseSensitive 'yes'; allowed: true, false", "roles", "a=realm:a", "caseSensitive", "yes");
        assertInvalid("Invalid unknownRole 'IGNORE'; allowed: REJECT, DEFAULT", "roles", "a=realm:a", "unknownRole", "IGNORE");
        assertInvalid("Invalid precedence 'LOWEST'; allowed: HIGHEST, ATTRIBUTE, GROUPS", "roles", "a=realm:a",
                "precedence", "LOWEST");
        assertInvalid("Invalid unknownTeam 'IGNORE'; allowed: REJECT, CREATE", "teamAttribute", "division",
                "unknownTeam", "IGNORE");
        assertInvalid("Default role 'OWNER' is not in the role table; allowed: ADMINISTRATOR, ANALYST",
                "roles", "ADMINISTRATOR=realm:admin;ANALYST=realm:analyst", "defaultRole", "OWNER");
        assertInvalid("Group 'Okta Admins' maps to role 'OWNER', which is not in the role table; allowed: ADMINISTRATOR",
                "roles", "ADMINISTRATOR=realm:admin", "groupRoles", "Okta Admins=OWNER");
        assertInvalid("Group 'okta admins' has more than one group rule", "roles", "A=realm:a;B=realm:b",
                "groupRoles", "Okta Admins=A;okta admins=B");
        assertInvalid("Invalid groupRoles entry 'Okta Admins'; expected GROUP=ROLE_VALUE", "roles", "A=realm:a",
                "groupRoles", "Okta Admins");
        assertInvalid("A role table (roles) is required when a role attribute, group rules or a default role is set",
                "roleAttribute", "role");
        assertInvalid("unknownRole is set but roles is not", "unknownRole", "DEFAULT");
        assertInvalid("A team attribute (teamAttribute) is required when a default team or an unknown-team behaviour is set",
                "defaultTeam", "General");
        assertInvalid("unknownTeam is set but teamAttribute is not", "unknownTeam", "REJECT");
        assertInvalid("teamParent is set but teamAttribute is not", "teamParent", "Teams");
    }

    @Test
    void aCaseSensitiveTableMayHoldValuesDifferingInCaseOnly() {
        RoleMappingPolicy p = RoleMappingConfig.parse(Map.of("roles", "Admin=realm:a;admin=realm:b", "caseSensitive", "true"));
        assertEquals(List.of("Admin", "admin"), p.roleValues());
    }

    @Test
    void everyPropertyNameIsListed() {
        assertEquals(11, RoleMappingConfig.PROPERTY_NAMES.size());
        assertTrue(RoleMappingConfig.PROPERTY_NAMES.contains(RoleMappingConfig.TEAM_PARENT));
    }

    private static void assertInvalid(String message, String... keyValues) {
        Map<String, String> config = new HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            config.put(keyValues[i], keyValues[i + 1]);
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RoleMappingConfig.parse(config));
        assertEquals(message, e.getMessage());
    }
}
