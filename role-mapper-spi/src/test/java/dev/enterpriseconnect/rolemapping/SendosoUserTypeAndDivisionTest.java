package dev.enterpriseconnect.rolemapping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

/**
 * Sendoso (Okta SAML/JIT + SCIM): {@code userType} is the role (admin, department_admin, manager,
 * sender, all lowercase; missing means sender, the lowest); {@code division} is the team and must match
 * a team's name exactly. Over SCIM a missing division puts the user in no team; with just-in-time
 * login it puts them in a team chosen by the customer.
 */
class SendosoUserTypeAndDivisionTest {

    static final String TABLE = "admin=realm:admin;department_admin=realm:department-admin;"
            + "manager=realm:manager;sender=realm:sender";

    final RoleMappingPolicy scim = RoleMappingConfig.parse(Map.of(
            "roleAttribute", "userType",
            "roles", TABLE,
            "caseSensitive", "true",
            "teamAttribute", "division"));

    final RoleMappingPolicy jit = RoleMappingConfig.parse(Map.of(
            "roleAttribute", "userType",
            "roles", TABLE,
            "teamAttribute", "division",
            "defaultTeam", "General"));

    final Set<String> teams = Set.of("General", "Marketing", "Sales EMEA");

    @Test
    void userTypeMapsToItsRoleAndMissingMeansSender() {
        assertEquals(List.of(RoleReference.realm("department-admin")), scim.decide("department_admin", null).roles());
        assertEquals("sender", scim.decide(List.of(), null).role());
        assertEquals("sender", jit.decide((String) null, null).role());
    }

    @Test
    void userTypeIsLowercaseOnlyWhenThePolicyIsCaseSensitive() {
        RoleMappingException e = assertThrows(RoleMappingException.class, () -> scim.decide("Admin", null));
        assertEquals("Unknown role 'Admin' in attribute 'userType'; allowed: admin, department_admin, manager, sender",
                e.getMessage());
        assertEquals("admin", jit.decide("Admin", null).role());
    }

    @Test
    void divisionPutsTheUserInTheTeamOfExactlyThatName() {
        TeamDecision d = scim.decideTeam("Marketing", teams::contains);
        assertEquals("Marketing", d.team());
        assertEquals(TeamSource.ATTRIBUTE, d.source());
        assertFalse(d.create());
    }

    @Test
    void aDivisionMatchingNoTeamIsRefused() {
        RoleMappingException e = assertThrows(RoleMappingException.class, () -> scim.decideTeam("marketing", teams));
        assertEquals("Unknown team 'marketing' in attribute 'division'; it must match the name of a team exactly; "
                + "existing teams: General, Marketing, Sales EMEA", e.getMessage());
        assertEquals(RoleMappingException.Subject.TEAM, e.subject());
        assertEquals("division", e.attribute());

        RoleMappingException byPredicate = assertThrows(RoleMappingException.class,
                () -> scim.decideTeam("Sales EMEA ", teams::contains));
        assertEquals("Unknown team 'Sales EMEA ' in attribute 'division'; it must match the name of a team exactly",
                byPredicate.getMessage());
    }

    @Test
    void overScimAMissingDivisionMeansNoTeam() {
        TeamDecision d = scim.decideTeam(null, teams::contains);
        assertEquals(TeamSource.NO_TEAM, d.source());
        assertNull(d.team());
        assertEquals(TeamSource.NO_TEAM, scim.decideTeam("", teams::contains).source());
    }

    @Test
    void withJustInTimeAMissingDivisionMeansTheChosenDefaultTeam() {
        TeamDecision d = jit.decideTeam(null, teams::contains);
        assertEquals("General", d.team());
        assertEquals(TeamSource.DEFAULT, d.source());
    }

    @Test
    void aMissingDefaultTeamIsReportedAsSuch() {
        RoleMappingException e = assertThrows(RoleMappingException.class,
                () -> jit.decideTeam(null, Set.of("Marketing")));
        assertEquals("The default team 'General' does not exist under 'Teams'; existing teams: Marketing",
                e.getMessage());
        assertNull(e.attribute());
    }

    @Test
    void unknownTeamsCanBeCreatedByPolicy() {
        RoleMappingPolicy creating = RoleMappingConfig.parse(Map.of(
                "roleAttribute", "userType", "roles", TABLE,
                "teamAttribute", "division", "teamParent", "Sendoso Teams", "unknownTeam", "CREATE"));
        TeamDecision d = creating.decideTeam("Partnerships", teams::contains);
        assertEquals("Partnerships", d.team());
        assertTrue(d.create());
        assertEquals("Sendoso Teams", creating.teamParent());
        assertFalse(creating.decideTeam("Marketing", teams::contains).create());
    }

    @Test
    void aPolicyWithoutTeamAttributeLeavesTeamsAlone() {
        RoleMappingPolicy rolesOnly = RoleMappingConfig.parse(Map.of("roleAttribute", "userType", "roles", TABLE));
        assertFalse(rolesOnly.managesTeams());
        assertEquals(TeamSource.NOT_MANAGED, rolesOnly.decideTeam("Marketing", teams::contains).source());
        assertNull(rolesOnly.teamParent());
    }

    @Test
    void aLongValueIsShortenedInTheMessage() {
        String longValue = "x".repeat(500);
        RoleMappingException e = assertThrows(RoleMappingException.class, () -> scim.decide(longValue, null));
        assertTrue(e.getMessage().length() < 250, e.getMessage());
        assertEquals(longValue, e.rejected().get(0));
    }
}
