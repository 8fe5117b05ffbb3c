package dev.enterpriseconnect.rolemapping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** Changing a user's team moves them between children of the team parent and nowhere else. */
class ManagedTeamDeltaTest {

    final RoleMappingPolicy policy = RoleMappingConfig.parse(Map.of(
            "teamAttribute", "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department",
            "defaultTeam", "General",
            "unknownTeam", "CREATE"));

    final Set<String> teams = Set.of("General", "Marketing", "Sales");

    @Test
    void moveBetweenTeams() {
        ManagedTeamDelta d = ManagedTeamDelta.of(teams, Set.of("Marketing"), policy.decideTeam("Sales", teams));
        assertEquals("Sales", d.join());
        assertFalse(d.create());
        assertEquals(Set.of("Marketing"), d.leave());
    }

    @Test
    void aNewTeamIsCreatedThenJoined() {
        ManagedTeamDelta d = ManagedTeamDelta.of(teams, Set.of("General"), policy.decideTeam("Partnerships", teams));
        assertEquals("Partnerships", d.join());
        assertTrue(d.create());
        assertEquals(Set.of("General"), d.leave());
    }

    @Test
    void removingTheAttributeFallsBackToTheDefaultTeam() {
        ManagedTeamDelta d = ManagedTeamDelta.of(teams, Set.of("Sales"), policy.decideTeam(null, teams));
        assertEquals("General", d.join());
        assertEquals(Set.of("Sales"), d.leave());
    }

    @Test
    void withoutDefaultTeamRemovingTheAttributeLeavesEveryTeam() {
        RoleMappingPolicy noDefault = RoleMappingConfig.parse(Map.of("teamAttribute", "division"));
        ManagedTeamDelta d = ManagedTeamDelta.of(teams, Set.of("Sales", "Marketing"), noDefault.decideTeam(" ", teams));
        assertNull(d.join());
        assertEquals(Set.of("Sales", "Marketing"), d.leave());
    }

    @Test
    void aUserInSeveralTeamsEndsInOne() {
        ManagedTeamDelta d = ManagedTeamDelta.of(teams, Set.of("Sales", "Marketing"), policy.decideTeam("Sales", teams));
        assertNull(d.join());
        assertEquals(Set.of("Marketing"), d.leave());
    }

    @Test
    void groupsOutsideTheTeamsAreNeverLeft() {
        // The caller passes only children of the team parent; anything else passed in is still ignored.
        ManagedTeamDelta d = ManagedTeamDelta.of(teams, Set.of("Marketing", "Okta Admins"),
                policy.decideTeam("Sales", teams));
        assertEquals(Set.of("Marketing"), d.leave());
    }

    @Test
    void aMemberOfTheRightTeamNeedsNoChange() {
        assertTrue(ManagedTeamDelta.of(teams, Set.of("Sales"), policy.decideTeam("Sales", teams)).isEmpty());
    }

    @Test
    void aPolicyWithoutTeamAttributeChangesNothing() {
        RoleMappingPolicy none = RoleMappingConfig.parse(Map.of());
        assertTrue(ManagedTeamDelta.of(teams, Set.of("Sales"), none.decideTeam("Marketing", teams)).isEmpty());
    }
}
