package dev.enterpriseconnect.rolemapping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * The standard multi-valued {@code roles} attribute (NoMorePaper's ReadOnly / User / Admin /
 * EnterpriseAdmin), and roles granted by membership in pushed SCIM groups or by a {@code groups} claim.
 */
class GroupsAndMultiValuedRolesTest {

    static Map<String, String> config(String precedence) {
        return Map.of(
                "roleAttribute", "roles",
                "roles", "EnterpriseAdmin=realm:enterprise-admin;Admin=realm:admin;User=realm:user;ReadOnly=",
                "groupRoles", "Okta Admins=Admin; 00g1enterprise=EnterpriseAdmin; Everyone=User",
                "precedence", precedence);
    }

    final RoleMappingPolicy highest = RoleMappingConfig.parse(config("HIGHEST"));
    final RoleMappingPolicy attributeFirst = RoleMappingConfig.parse(config("ATTRIBUTE"));
    final RoleMappingPolicy groupsFirst = RoleMappingConfig.parse(config("groups"));

    @Test
    void severalRoleValuesGiveTheHighest() {
        RoleDecision d = highest.decide(List.of("User", "Admin", "ReadOnly"), List.of());
        assertEquals("Admin", d.role());
        assertEquals(List.of(RoleReference.realm("admin")), d.roles());
    }

    @Test
    void oneUnknownValueAmongSeveralIsRefusedUnlessThePolicyDefaults() {
        RoleMappingException e = assertThrows(RoleMappingException.class,
                () -> highest.decide(List.of("User", "Owner", "Root"), List.of()));
        assertEquals("Unknown roles 'Owner', 'Root' in attribute 'roles'; allowed: EnterpriseAdmin, Admin, User, ReadOnly",
                e.getMessage());
        assertEquals(List.of("Owner", "Root"), e.rejected());

        RoleMappingPolicy lenient = RoleMappingConfig.parse(CourierRoleTableTest.with(config("HIGHEST"), "unknownRole", "default"));
        assertEquals("User", lenient.decide(List.of("User", "Owner"), List.of()).role(), "unknown ones are ignored");
        assertEquals("ReadOnly", lenient.decide(List.of("Owner"), List.of()).role(), "nothing known left: default");
    }

    @Test
    void theLowestRoleMayHoldNoKeycloakRole() {
        RoleDecision d = highest.decide(List.of(), List.of());
        assertEquals("ReadOnly", d.role());
        assertEquals(List.of(), d.roles());
    }

    @Test
    void membershipInAMappedGroupGrantsItsRole() {
        RoleDecision byName = highest.decide(List.of(), List.of("Engineering", "Okta Admins"));
        assertEquals("Admin", byName.role());
        assertEquals(RoleSource.GROUPS, byName.source());
        assertNull(byName.attributeRole());

        // A pushed SCIM group matched by its externalId (Okta group id), a claim value ignoring case.
        assertEquals("EnterpriseAdmin", highest.decide(List.of(), List.of("Platform", "00g1enterprise")).role());
        assertEquals("Admin", highest.decide(List.of(), List.of("okta admins")).role());
    }

    @Test
    void groupsWithoutARuleAreIgnored() {
        RoleDecision d = highest.decide(List.of(), List.of("Engineering", "Berlin office"));
        assertEquals("ReadOnly", d.role());
        assertEquals(RoleSource.DEFAULT, d.source());
    }

    @Test
    void byDefaultTheHighestRoleOfEitherSourceWins() {
        RoleDecision groupHigher = highest.decide(List.of("User"), List.of("Okta Admins"));
        assertEquals("Admin", groupHigher.role());
        assertEquals(RoleSource.GROUPS, groupHigher.source());
        assertEquals("User", groupHigher.attributeRole());
        assertEquals("Admin", groupHigher.groupRole());

        RoleDecision attributeHigher = highest.decide(List.of("EnterpriseAdmin"), List.of("Okta Admins"));
        assertEquals("EnterpriseAdmin", attributeHigher.role());
        assertEquals(RoleSource.ATTRIBUTE, attributeHigher.source());

        assertEquals(RoleSource.ATTRIBUTE, highest.decide(List.of("Admin"), List.of("Okta Admins")).source(),
                "a tie is credited to the attribute");
    }

    @Test
    void attributePrecedenceLetsTheAttributeLowerWhatGroupsGrant() {
        assertEquals("User", attributeFirst.decide(List.of("User"), List.of("Okta Admins")).role());
        assertEquals("Admin", attributeFirst.decide(List.of(), List.of("Okta Admins")).role(),
                "groups still decide when the attribute is missing");
    }

    @Test
    void groupsPrecedenceLetsGroupsOverrideTheAttribute() {
        assertEquals("User", groupsFirst.decide(List.of("EnterpriseAdmin"), List.of("Everyone")).role());
        assertEquals("EnterpriseAdmin", groupsFirst.decide(List.of("EnterpriseAdmin"), List.of("Engineering")).role(),
                "the attribute still decides when no group rule matches");
    }

    @Test
    void anUnknownAttributeValueIsRefusedEvenWhenGroupsWouldDecide() {
        assertThrows(RoleMappingException.class, () -> groupsFirst.decide(List.of("Owner"), List.of("Okta Admins")));
    }

    @Test
    void aGroupsOnlyPolicyNeedsNoRoleAttribute() {
        RoleMappingPolicy p = RoleMappingConfig.parse(Map.of(
                "roles", "admin=realm:admin;member=realm:member",
                "groupRoles", "Okta Admins=admin"));
        assertEquals("admin", p.decide(List.of("ignored: no role attribute"), List.of("Okta Admins")).role());
        assertEquals("member", p.decide(List.of("whatever"), List.of()).role());
    }

    @Test
    void aPolicyWithoutRoleTableManagesNoRole() {
        RoleMappingPolicy p = RoleMappingConfig.parse(Map.of("teamAttribute", "division"));
        RoleDecision d = p.decide(List.of("ADMINISTRATOR"), List.of("Okta Admins"));
        assertEquals(RoleSource.NOT_MANAGED, d.source());
        assertEquals(List.of(), d.roles());
        assertEquals(0, p.managedRoles().size());
    }
}
