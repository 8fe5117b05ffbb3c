package dev.enterpriseconnect.rolemapping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

/**
 * Changing a user's role grants what the policy decides and takes back only what our policies
 * granted: never a role another mapper or an administrator granted.
 */
class ManagedRoleDeltaTest {

    final RoleMappingPolicy policy = RoleMappingConfig.parse(Map.of(
            "roleAttribute", "role",
            "roles", "ADMINISTRATOR=realm:admin,client:courier-app:billing;"
                    + "MANAGER=realm:manager,client:courier-app:billing;"
                    + "ANALYST=realm:analyst"));

    static final RoleReference ADMIN = RoleReference.realm("admin");
    static final RoleReference MANAGER = RoleReference.realm("manager");
    static final RoleReference ANALYST = RoleReference.realm("analyst");
    static final RoleReference BILLING = RoleReference.client("courier-app", "billing");
    static final RoleReference OFFLINE = RoleReference.realm("offline_access");
    static final RoleReference SCIM_CONNECTOR = RoleReference.realm("scim-connector-okta");
    static final RoleReference OTHER_CLIENT = RoleReference.client("reports", "viewer");

    /** A write outside a login (SCIM): no other mapper is at work. */
    ManagedRoleDelta scim(Set<RoleReference> held, Set<RoleReference> ours, RoleDecision decision) {
        return ManagedRoleDelta.of(policy, held, ours, Set.of(), decision);
    }

    @Test
    void aNewUserGetsTheDecidedRolesAndTheyAreRecorded() {
        ManagedRoleDelta d = scim(Set.of(), Set.of(), policy.decide("ADMINISTRATOR", null));
        assertEquals(List.of(ADMIN, BILLING), List.copyOf(d.grant()));
        assertEquals(Set.of(), d.revoke());
        assertEquals(List.of(ADMIN, BILLING), List.copyOf(d.recorded()));
    }

    @Test
    void promotionGrantsTheNewRolesRevokesTheOldAndKeepsShared() {
        Set<RoleReference> held = Set.of(MANAGER, BILLING, OFFLINE, OTHER_CLIENT);
        ManagedRoleDelta d = scim(held, Set.of(MANAGER, BILLING), policy.decide("ADMINISTRATOR", null));
        assertEquals(Set.of(ADMIN), d.grant());
        assertEquals(Set.of(MANAGER), d.revoke(), "billing is held by both: kept; others are not managed");
        assertEquals(Set.of(ADMIN, BILLING), d.recorded());
    }

    @Test
    void rolesGrantedByOtherMeansAreNeverTouched() {
        Set<RoleReference> held = Set.of(ADMIN, BILLING, OFFLINE, SCIM_CONNECTOR, OTHER_CLIENT);
        ManagedRoleDelta d = scim(held, Set.of(ADMIN, BILLING), policy.decide("ANALYST", null));
        assertEquals(Set.of(ANALYST), d.grant());
        assertEquals(Set.of(ADMIN, BILLING), d.revoke());
        for (RoleReference untouched : List.of(OFFLINE, SCIM_CONNECTOR, OTHER_CLIENT)) {
            assertTrue(!d.revoke().contains(untouched) && !d.grant().contains(untouched), untouched.toString());
        }
    }

    @Test
    void aTableRoleAnAdministratorGrantedIsKept() {
        // The policy granted manager; an administrator then gave analyst (a table role) by hand.
        Set<RoleReference> held = Set.of(MANAGER, BILLING, ANALYST);
        ManagedRoleDelta d = scim(held, Set.of(MANAGER, BILLING), policy.decide("ADMINISTRATOR", null));
        assertEquals(Set.of(ADMIN), d.grant());
        assertEquals(Set.of(MANAGER), d.revoke(), "analyst was not the policy's to take");
        assertEquals(Set.of(ADMIN, BILLING), d.recorded());
    }

    @Test
    void aDecidedRoleTheUserAlreadyHeldIsNotAdoptedSoItOutlivesTheDecision() {
        // An administrator granted manager; the policy then decides MANAGER too: nothing to grant.
        ManagedRoleDelta first = scim(Set.of(MANAGER), Set.of(), policy.decide("MANAGER", null));
        assertEquals(Set.of(BILLING), first.grant());
        assertEquals(Set.of(BILLING), first.recorded(), "manager stays the administrator's");
        ManagedRoleDelta later = scim(Set.of(MANAGER, BILLING), first.recorded(), policy.decide("ANALYST", null));
        assertEquals(Set.of(ANALYST), later.grant());
        assertEquals(Set.of(BILLING), later.revoke());
        assertEquals(Set.of(ANALYST), later.recorded());
    }

    @Test
    void aUserWrittenBeforeTheRecordExistedLosesNoTableRole() {
        ManagedRoleDelta d = scim(Set.of(MANAGER, BILLING, OFFLINE), Set.of(), policy.decide("ANALYST", null));
        assertEquals(Set.of(ANALYST), d.grant());
        assertEquals(Set.of(), d.revoke());
        assertEquals(Set.of(ANALYST), d.recorded());
    }

    @Test
    void aRecordedRoleTheUserNoLongerHoldsLeavesTheRecord() {
        // An administrator revoked the policy's manager by hand: the next write grants it afresh if decided.
        ManagedRoleDelta d = scim(Set.of(BILLING), Set.of(MANAGER, BILLING), policy.decide("ANALYST", null));
        assertEquals(Set.of(BILLING), d.revoke());
        assertEquals(Set.of(ANALYST), d.recorded());
        ManagedRoleDelta again = scim(Set.of(BILLING), Set.of(MANAGER, BILLING), policy.decide("MANAGER", null));
        assertEquals(Set.of(MANAGER), again.grant());
        assertEquals(Set.of(MANAGER, BILLING), again.recorded());
    }

    @Test
    void aRoleAnotherMapperGrantsInTheSameLoginIsNotRevokedAndLeavesTheRecord() {
        // The policy granted manager earlier; in this login a Keycloak role mapper grants manager too.
        ManagedRoleDelta d = ManagedRoleDelta.of(policy, Set.of(MANAGER, BILLING), Set.of(MANAGER, BILLING),
                Set.of(MANAGER), policy.decide("ANALYST", null));
        assertEquals(Set.of(ANALYST), d.grant());
        assertEquals(Set.of(BILLING), d.revoke());
        assertEquals(Set.of(ANALYST), d.recorded(), "manager is the other mapper's to keep or take now");
    }

    @Test
    void anotherPolicysRecordedRolesOutsideThisTableStayRecorded() {
        RoleReference sender = RoleReference.realm("sender");
        ManagedRoleDelta d = scim(Set.of(MANAGER, BILLING, sender), Set.of(MANAGER, BILLING, sender),
                policy.decide("ANALYST", null));
        assertEquals(Set.of(MANAGER, BILLING), d.revoke());
        assertEquals(Set.of(sender, ANALYST), d.recorded());
    }

    @Test
    void removingTheAttributeFallsBackToTheDefault() {
        Set<RoleReference> held = Set.of(MANAGER, BILLING, OFFLINE);
        ManagedRoleDelta d = scim(held, Set.of(MANAGER, BILLING), policy.decide(List.of(), null));
        assertEquals(Set.of(ANALYST), d.grant());
        assertEquals(Set.of(MANAGER, BILLING), d.revoke());
    }

    @Test
    void aUserAlreadyInLineNeedsNoChange() {
        ManagedRoleDelta d = scim(Set.of(ANALYST, OFFLINE), Set.of(ANALYST), policy.decide("analyst", null));
        assertTrue(d.isEmpty());
        assertEquals(Set.of(ANALYST), d.recorded());
    }

    @Test
    void aPolicyWithoutRoleTableChangesNothing() {
        RoleMappingPolicy none = RoleMappingConfig.parse(Map.of());
        assertTrue(ManagedRoleDelta.of(none, Set.of(ADMIN, OFFLINE), Set.of(ADMIN), Set.of(), none.decide("ADMINISTRATOR",
                null)).isEmpty());
    }

    @Test
    void aDecisionFromAnotherPolicyIsRefused() {
        RoleMappingPolicy other = RoleMappingConfig.parse(Map.of("roleAttribute", "role", "roles", "OWNER=realm:owner"));
        assertThrows(IllegalArgumentException.class, () -> scim(Set.of(), Set.of(), other.decide("OWNER", null)));
    }
}
