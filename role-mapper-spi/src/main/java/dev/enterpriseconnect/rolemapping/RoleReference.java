package dev.enterpriseconnect.rolemapping;

import java.util.Objects;

/**
 * A Keycloak role named in a mapping table: {@code realm:<role>} or {@code client:<clientId>:<role>}.
 *
 * <p>A client id may itself contain colons (SAML clients are often named by an entity-id URL), so
 * a client reference is split at its <em>last</em> colon: the role name cannot contain one. A realm
 * role name is everything after {@code realm:}.
 *
 * @param clientId the client id, or {@code null} for a realm role
 * @param roleName the role's name
 */
public record RoleReference(String clientId, String roleName) {

    private static final String REALM_PREFIX = "realm:";
    private static final String CLIENT_PREFIX = "client:";

    public RoleReference {
        Objects.requireNonNull(roleName, "roleName");
        if (roleName.isBlank()) {
            throw new IllegalArgumentException("A role name cannot be blank");
        }
        if (clientId != null && clientId.isBlank()) {
            throw new IllegalArgumentException("A client id cannot be blank");
        }
    }

    public static RoleReference realm(String roleName) {
        return new RoleReference(null, roleName);
    }

    public static RoleReference client(String clientId, String roleName) {
        return new RoleReference(Objects.requireNonNull(clientId, "clientId"), roleName);
    }

    /**
     * Reads {@code realm:<role>} or {@code client:<clientId>:<role>}.
     *
     * @throws IllegalArgumentException naming the text and the expected forms
     */
    public static RoleReference parse(String text) {
        String t = text == null ? "" : text.strip();
        if (t.startsWith(REALM_PREFIX) && t.length() > REALM_PREFIX.length()) {
            return realm(t.substring(REALM_PREFIX.length()));
        }
        if (t.startsWith(CLIENT_PREFIX)) {
            String rest = t.substring(CLIENT_PREFIX.length());
            int colon = rest.lastIndexOf(':');
            if (colon > 0 && colon < rest.length() - 1) {
                return client(rest.substring(0, colon), rest.substring(colon + 1));
            }
        }
        throw new IllegalArgumentException(
                "Invalid role reference '" + t + "'; expected realm:<role> or client:<clientId>:<role>");
    }

    public boolean isRealmRole() {
        return clientId == null;
    }

    /** The form {@link #parse} reads. */
    @Override
    public String toString() {
        return isRealmRole() ? REALM_PREFIX + roleName : CLIENT_PREFIX + clientId + ":" + roleName;
    }
}
