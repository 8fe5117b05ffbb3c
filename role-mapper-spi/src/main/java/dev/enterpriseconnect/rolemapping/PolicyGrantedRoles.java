package dev.enterpriseconnect.rolemapping;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.keycloak.models.UserModel;

/**
 * The record, kept on the user, of the roles our role-mapping policies (SCIM connectors, the
 * SAML/OIDC role-mapping mappers) granted and have not revoked since: the only roles a role write
 * may revoke ({@link ManagedRoleDelta}). One value per role, in {@link RoleReference}'s form
 * ({@code realm:manager}, {@code client:courier-app:billing}).
 *
 * <p>Written on the user model directly, not through the user profile: the attribute is not declared,
 * and Keycloak treats an undeclared attribute as read-only in every profile context (unless the
 * realm lets administrators edit unmanaged attributes), so no SCIM, console or account update
 * removes it. Shared by all our policies of the realm, so that SCIM and single sign-on, which apply
 * the same table, can each take back a role the other granted.
 */
public final class PolicyGrantedRoles {

    /** The user attribute. */
    public static final String ATTRIBUTE = "ec_policy_granted_roles";

    private PolicyGrantedRoles() {
    }

    /** The recorded roles; a value that is not a role reference (edited by hand) is ignored. */
    public static Set<RoleReference> read(UserModel user) {
        Set<RoleReference> roles = new LinkedHashSet<>();
        user.getAttributeStream(ATTRIBUTE).forEach(value -> {
            try {
                roles.add(RoleReference.parse(value));
            } catch (IllegalArgumentException ignored) {
                // Not ours to interpret: such a value grants nothing and protects nothing.
            }
        });
        return roles;
    }

    /** Replaces the record, writing only when it changed. */
    public static void write(UserModel user, Set<RoleReference> roles) {
        List<String> values = roles.stream().map(RoleReference::toString).toList();
        if (values.equals(user.getAttributeStream(ATTRIBUTE).toList())) {
            return;
        }
        if (values.isEmpty()) {
            user.removeAttribute(ATTRIBUTE);
        } else {
            user.setAttribute(ATTRIBUTE, values);
        }
    }
}
