package dev.enterpriseconnect.scim.sourceoftruth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

class ManagedFieldsTest {

    @Test
    void theDefaultLocksTheNamesTheEmailsTheUserNameAndTheRoleRecord() {
        assertEquals(Set.of("username", "firstName", "lastName", "scim_formattedName", "scim_middleName",
                "scim_honorificPrefix", "scim_honorificSuffix", "email", "scim_otherEmails", "scim_mappedRoles",
                "scim_rolesSent"), ManagedFields.attributesOf(ManagedFields.DEFAULT));
    }

    @Test
    void singleNamePartsAndOtherScimAttributesMapOneToOneIgnoringCase() {
        assertEquals(Set.of("firstName", "scim_title", "scim_department"),
                ManagedFields.attributesOf(List.of("name.givenName", "TITLE", "department")));
    }

    @Test
    void unknownNamesAreReported() {
        assertEquals(List.of("shoeSize", "name.nickname"), ManagedFields.unknown(List.of("name", "shoeSize", "name.nickname")));
    }
}
