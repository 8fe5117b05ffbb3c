package dev.enterpriseconnect.rolemapping;

import java.util.Objects;

/**
 * Membership in a group (a pushed SCIM group's displayName or externalId, or a value of a SAML/OIDC
 * {@code groups} claim) grants the role value {@code roleValue} of the policy's table.
 */
public record GroupRoleRule(String group, String roleValue) {

    public GroupRoleRule {
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(roleValue, "roleValue");
        if (group.isBlank()) {
            throw new IllegalArgumentException("A group name in a group rule cannot be blank");
        }
    }
}
