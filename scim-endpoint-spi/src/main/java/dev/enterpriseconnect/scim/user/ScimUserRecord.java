package dev.enterpriseconnect.scim.user;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.keycloak.models.UserModel;

/**
 * What a SCIM User is built from: the user's columns plus its SCIM attributes. Built from a
 * {@link UserModel} for single reads, or from query rows for pages (see {@link ScimUserQuery}).
 */
record ScimUserRecord(String id, String userName, String email, String firstName, String lastName, boolean enabled,
        Long createdTimestamp, Long lastModifiedTimestamp, Map<String, List<String>> attributes) {

    /** Every user attribute a SCIM User shows: the SCIM ones and the invitation's. */
    static final List<String> LOADED_ATTRIBUTES = java.util.stream.Stream.concat(
            ScimUserAttributes.KEYCLOAK_NAMES.stream(), InvitationView.ATTRIBUTES.stream()).toList();

    static ScimUserRecord of(UserModel user) {
        Map<String, List<String>> attributes = new HashMap<>();
        for (String name : LOADED_ATTRIBUTES) {
            List<String> values = user.getAttributeStream(name).toList();
            if (!values.isEmpty()) {
                attributes.put(name, values);
            }
        }
        return new ScimUserRecord(user.getId(), user.getUsername(), user.getEmail(), user.getFirstName(),
                user.getLastName(), user.isEnabled(), user.getCreatedTimestamp(), user.getLastModifiedTimestamp(),
                attributes);
    }

    String first(String attribute) {
        List<String> values = attributes.get(attribute);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    List<String> all(String attribute) {
        return attributes.getOrDefault(attribute, List.of());
    }
}
