package dev.enterpriseconnect.rolemapping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** Changing a user's role replaces only what the policy manages. */
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

    @Test
    void aNewUserGetsTheDecidedRolesOnly() {
        ManagedRoleDelta d = ManagedRoleDelta.of(policy, Set.of(), policy.decide("ADMINISTRATOR", null));
        assertEquals(List.of(ADMIN, BILLING), List.copyOf(d.grant()));
        assertEquals(Set.of(), d.revoke());
    }

    @Test
    void promotionGrantsTheNewRolesRevokesTheOldAndKeepsShared() {
        Set<RoleReference> held = Set.of(MANAGER, BILLING, OFFLINE, OTHER_CLIENT);
        ManagedRoleDelta d = ManagedRoleDelta.of(policy, held, policy.decide("ADMINISTRATOR", null));
        assertEquals(Set.of(ADMIN), d.grant());
        assertEquals(Set.of(MANAGER), d.revoke(), "billing is held by both: kept; others are not managed");
    }

    @Test
    void rolesGrantedByOtherMeansAreNeverTouched() {
        Set<RoleReference> held = Set.of(ADMIN, BILLING, OFFLINE, SCIM_CONNECTOR, OTHER_CLIENT);
        ManagedRoleDelta d = ManagedRoleDelta.of(policy, held, policy.decide("ANALYST", null));
        assertEquals(Set.of(ANALYST), d.grant());
        assertEquals(Set.of(ADMIN, BILLING), d.revoke());
        for (RoleReference untouched : List.of(OFFLINE, SCIM_CONNECTOR, OTHER_CLIENT)) {
            assertTrue(!d.revoke().contains(untouched) && !d.grant().contains(untouched), untouched.toString());
        }
    }

    @Test
    void removingTheAttributeFallsBackToTheDefault() {
        Set<RoleReference> held = Set.of(MANAGER, BILLING, OFFLINE);
        ManagedRoleDelta d = ManagedRoleDelta.of(policy, held, policy.decide(List.of(), null));
        assertEquals(Set.of(ANALYST), d.grant());
        assertEquals(Set.of(MANAGER, BILLING), d.revoke());
    }

    @Test
    void aUserAlreadyInLineNeedsNoChange() {
        assertTrue(ManagedRoleDelta.of(policy, Set.of(ANALYST, OFFLINE), policy.decide("analyst", null)).isEmpty());
    }

    @Test
    void aPolicyWithoutRoleTableChangesNothing() {
        RoleMappingPolicy none = RoleMappingConfig.parse(Map.of());
        assertTrue(ManagedRoleDelta.of(none, Set.of(ADMIN, OFFLINE), none.decide("ADMINISTRATOR", null)).isEmpty());
    }

    @Test
    void aDecisionFromAnotherPolicyIsRefused() {
        RoleMappingPolicy other = RoleMappingConfig.parse(Map.of("roleAttribute", "role", "roles", "OWNER=realm:owner"));
        assertThrows(IllegalArgumentException.class,
                () -> ManagedRoleDelta.of(policy, Set.of(), other.decide("OWNER", null)));
    }
}
