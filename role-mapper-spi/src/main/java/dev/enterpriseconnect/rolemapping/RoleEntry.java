package dev.enterpriseconnect.rolemapping;

import java.util.List;
import java.util.Objects;

/**
 * One row of a role table: an incoming value (as the identity provider sends it, e.g.
 * {@code ADMINISTRATOR} or {@code department_admin}) and the Keycloak roles a user with that value
 * holds. A row may hold no Keycloak role at all (a "lowest" value that grants nothing extra).
 */
public record RoleEntry(String value, List<RoleReference> roles) {

    public RoleEntry {
        Objects.requireNonNull(value, "value");
        if (value.isBlank()) {
            throw new IllegalArgumentException("A role value cannot be blank");
        }
        roles = List.copyOf(roles);
    }
}
