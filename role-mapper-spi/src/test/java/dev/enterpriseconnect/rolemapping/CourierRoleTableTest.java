package dev.enterpriseconnect.rolemapping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * Courier (Okta SAML + SCIM): a custom core attribute {@code role}, enumerated ADMINISTRATOR, MANAGER,
 * DEVELOPER, DESIGNER, SUPPORT_SPECIALIST, ANALYST; a user without it is an Analyst, the lowest level.
 */
class CourierRoleTableTest {

    static final Map<String, String> COURIER = Map.of(
            "roleAttribute", "role",
            "roles", "ADMINISTRATOR=realm:courier-admin;"
                    + "MANAGER=realm:courier-manager;"
                    + "DEVELOPER=realm:courier-developer;"
                    + "DESIGNER=realm:courier-designer;"
                    + "SUPPORT_SPECIALIST=realm:courier-support;"
                    + "ANALYST=realm:courier-analyst");

    final RoleMappingPolicy courier = RoleMappingConfig.parse(COURIER);

    @Test
    void eachEnumeratedValueGrantsItsRole() {
        assertEquals(List.of(RoleReference.realm("courier-admin")), courier.decide("ADMINISTRATOR", null).roles());
        assertEquals(List.of(RoleReference.realm("courier-support")),
                courier.decide("SUPPORT_SPECIALIST", null).roles());
        RoleDecision developer = courier.decide("DEVELOPER", List.of());
        assertEquals("DEVELOPER", developer.role());
        assertEquals(RoleSource.ATTRIBUTE, developer.source());
    }

    @Test
    void aUserWithoutTheRoleAttributeIsAnAnalyst() {
        for (List<String> missing : List.of(List.<String>of(), List.of(""), List.of("   "))) {
            RoleDecision d = courier.decide(missing, List.of());
            assertEquals("ANALYST", d.role());
            assertEquals(RoleSource.DEFAULT, d.source());
            assertEquals(List.of(RoleReference.realm("courier-analyst")), d.roles());
        }
        assertEquals("ANALYST", courier.decide((String) null, null).role());
        assertEquals("ANALYST", courier.defaultRole(), "the default is the lowest entry");
    }

    @Test
    void anUnknownRoleIsRefusedNamingTheAllowedValues() {
        RoleMappingException e = assertThrows(RoleMappingException.class, () -> courier.decide("OWNER", null));
        assertEquals("Unknown role 'OWNER' in attribute 'role'; allowed: "
                + "ADMINISTRATOR, MANAGER, DEVELOPER, DESIGNER, SUPPORT_SPECIALIST, ANALYST", e.getMessage());
        assertEquals(RoleMappingException.Subject.ROLE, e.subject());
        assertEquals("role", e.attribute());
        assertEquals(List.of("OWNER"), e.rejected());
        assertEquals(courier.roleValues(), e.allowed());
    }

    @Test
    void theOktaDisplayNameIsNotTheValue() {
        // Okta shows "Admin" and "Support" but sends ADMINISTRATOR and SUPPORT_SPECIALIST.
        assertThrows(RoleMappingException.class, () -> courier.decide("Admin", null));
        assertThrows(RoleMappingException.class, () -> courier.decide("Support", null));
    }

    @Test
    void caseAndSurroundingSpacesAreIgnoredByDefaultAndTheTableSpellingIsReported() {
        RoleDecision d = courier.decide(" administrator ", null);
        assertEquals("ADMINISTRATOR", d.role());
        assertEquals("MANAGER", courier.canonical("manager").orElseThrow());
    }

    @Test
    void aCaseSensitivePolicyRefusesAnotherSpelling() {
        RoleMappingPolicy strict = RoleMappingConfig.parse(with(COURIER, "caseSensitive", "true"));
        assertEquals("MANAGER", strict.decide("MANAGER", null).role());
        RoleMappingException e = assertThrows(RoleMappingException.class, () -> strict.decide("manager", null));
        assertEquals("Unknown role 'manager' in attribute 'role'; allowed: "
                + "ADMINISTRATOR, MANAGER, DEVELOPER, DESIGNER, SUPPORT_SPECIALIST, ANALYST", e.getMessage());
    }

    @Test
    void anUnknownRoleCanFallBackToTheDefaultByPolicy() {
        RoleMappingPolicy lenient = RoleMappingConfig.parse(with(COURIER, "unknownRole", "DEFAULT"));
        RoleDecision d = lenient.decide("OWNER", null);
        assertEquals("ANALYST", d.role());
        assertEquals(RoleSource.DEFAULT, d.source());
    }

    @Test
    void aConfiguredDefaultReplacesTheLowest() {
        // Courier suggests DEVELOPER as the sensible default for most users.
        RoleMappingPolicy p = RoleMappingConfig.parse(with(COURIER, "defaultRole", "developer"));
        assertEquals("DEVELOPER", p.defaultRole());
        assertEquals("DEVELOPER", p.decide(List.of(), null).role());
        assertEquals("ANALYST", p.decide("ANALYST", null).role(), "an explicit value still wins over the default");
    }

    @Test
    void theManagedRolesAreExactlyTheTable() {
        assertEquals(6, courier.managedRoles().size());
        assertEquals(RoleReference.realm("courier-admin"), courier.managedRoles().iterator().next());
    }

    static Map<String, String> with(Map<String, String> base, String key, String value) {
        var m = new java.util.HashMap<>(base);
        m.put(key, value);
        return m;
    }
}
