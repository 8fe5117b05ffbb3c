package dev.enterpriseconnect.scim.sourceoftruth;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.keycloak.models.UserModel;

import dev.enterpriseconnect.scim.user.ScimUserAttributes;

/**
 * The fields a connector's identity provider owns, named as SCIM names them ({@code userName},
 * {@code name}, {@code emails}, {@code roles}, {@code title}, ...), and the user-profile
 * attributes each stands for. These are the fields that are read-only in the consoles for users
 * the connector manages.
 */
public final class ManagedFields {

    /** What an IdP pushes in every vendor guide: the names, the emails, the userName and the mapped role. */
    public static final List<String> DEFAULT = List.of("userName", "name", "emails", "roles");

    private static final Map<String, List<String>> ATTRIBUTES = table();

    private ManagedFields() {
    }

    /** The user-profile attributes of one field, or empty when the name is no field we know. */
    public static Optional<List<String>> attributes(String field) {
        return Optional.ofNullable(ATTRIBUTES.get(field.toLowerCase(Locale.ROOT)));
    }

    /** The user-profile attributes of a list of fields (unknown names are refused when the setting is saved). */
    public static Set<String> attributesOf(List<String> fields) {
        Set<String> names = new LinkedHashSet<>();
        fields.forEach(field -> attributes(field).ifPresent(names::addAll));
        return names;
    }

    private static Map<String, List<String>> table() {
        Map<String, List<String>> table = new LinkedHashMap<>();
        table.put("username", List.of(UserModel.USERNAME));
        table.put("name", List.of(UserModel.FIRST_NAME, UserModel.LAST_NAME,
                ScimUserAttributes.FORMATTED_NAME.keycloakName(), ScimUserAttributes.MIDDLE_NAME.keycloakName(),
                ScimUserAttributes.HONORIFIC_PREFIX.keycloakName(), ScimUserAttributes.HONORIFIC_SUFFIX.keycloakName()));
        table.put("name.givenname", List.of(UserModel.FIRST_NAME));
        table.put("name.familyname", List.of(UserModel.LAST_NAME));
        table.put("emails", List.of(UserModel.EMAIL, ScimUserAttributes.OTHER_EMAILS.keycloakName()));
        // The role the mapping chose and what was sent; Keycloak's role mappings themselves are not profile fields.
        table.put("roles", List.of(ScimUserAttributes.MAPPED_ROLES.keycloakName(), ScimUserAttributes.ROLES_SENT.keycloakName()));
        for (ScimUserAttributes.Mapped mapped : ScimUserAttributes.ALL) {
            table.putIfAbsent(mapped.scimPath().toLowerCase(Locale.ROOT), List.of(mapped.keycloakName()));
        }
        return table;
    }

    /** Names a setting holds that are no field, for the refusal. */
    public static List<String> unknown(List<String> fields) {
        List<String> unknown = new ArrayList<>();
        fields.stream().filter(field -> attributes(field).isEmpty()).forEach(unknown::add);
        return unknown;
    }
}
