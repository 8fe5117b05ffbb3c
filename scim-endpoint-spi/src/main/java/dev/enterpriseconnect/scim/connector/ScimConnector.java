package dev.enterpriseconnect.scim.connector;

import java.util.Optional;
import java.util.stream.Stream;

import org.keycloak.component.ComponentModel;

import dev.enterpriseconnect.lifecycle.invitation.InvitationPolicy;
import dev.enterpriseconnect.lifecycle.deprovisioning.DeprovisioningPolicy;
import dev.enterpriseconnect.lifecycle.deprovisioning.RetentionPeriod;
import dev.enterpriseconnect.rolemapping.RoleMappingConfig;
import dev.enterpriseconnect.rolemapping.RoleMappingPolicy;
import org.keycloak.models.RealmModel;

/** A SCIM connector as the rest of the code sees it: a read-only view of its realm component. */
public final class ScimConnector {

    private final ComponentModel component;

    private ScimConnector(ComponentModel component) {
        this.component = component;
    }

    public static ScimConnector of(ComponentModel component) {
        return new ScimConnector(component);
    }

    public static Stream<ScimConnector> all(RealmModel realm) {
        return realm.getComponentsStream(realm.getId(), ScimConnectorProvider.class.getName()).map(ScimConnector::new);
    }

    public static Optional<ScimConnector> byName(RealmModel realm, String name) {
        return all(realm).filter(c -> c.name().equals(name)).findFirst();
    }

    public static Optional<ScimConnector> byId(RealmModel realm, String id) {
        return all(realm).filter(c -> c.id().equals(id)).findFirst();
    }

    public String id() {
        return component.getId();
    }

    public String name() {
        return component.getName();
    }

    public String credentialType() {
        return component.get(ScimConnectorConfig.CREDENTIAL_TYPE, ScimConnectorConfig.CREDENTIAL_BEARER);
    }

    public String secretCreatedAt() {
        return component.get(ScimConnectorConfig.SECRET_CREATED_AT);
    }

    /** The id of the Organization the connector is scoped to, or null for the whole realm. */
    public String organizationId() {
        return component.get(ScimConnectorConfig.ORGANIZATION_ID);
    }

    /** Pushed groups live under this top-level group, apart from groups managed by hand. */
    public String groupsParentName() {
        String configured = component.get(ScimConnectorConfig.GROUPS_PARENT);
        return configured == null || configured.isBlank() ? "scim-" + name() : configured;
    }

    /** The most operations one /Bulk request may carry. */
    public int bulkMaxOperations() {
        return Integer.parseInt(component.get(ScimConnectorConfig.BULK_MAX_OPERATIONS,
                String.valueOf(ScimConnectorConfig.DEFAULT_BULK_MAX_OPERATIONS)));
    }

    /** The largest /Bulk request body, in bytes. */
    public int bulkMaxPayloadSize() {
        return Integer.parseInt(component.get(ScimConnectorConfig.BULK_MAX_PAYLOAD_SIZE,
                String.valueOf(ScimConnectorConfig.DEFAULT_BULK_MAX_PAYLOAD_SIZE)));
    }

    /** The largest single-resource request body, in bytes. */
    public int maxRequestSize() {
        return Integer.parseInt(component.get(ScimConnectorConfig.MAX_REQUEST_SIZE,
                String.valueOf(ScimConnectorConfig.DEFAULT_MAX_REQUEST_SIZE)));
    }

    /** Whether this connector may write users who hold admin roles, and service accounts. */
    public boolean allowsPrivilegedUsers() {
        return Boolean.parseBoolean(component.get(ScimConnectorConfig.ALLOW_PRIVILEGED_USERS, "false"));
    }

    /** SCIM attribute paths every user this connector writes must carry. */
    public java.util.List<String> requiredAttributes() {
        String configured = component.get(ScimConnectorConfig.REQUIRED_ATTRIBUTES);
        if (configured == null || configured.isBlank()) {
            return java.util.List.of();
        }
        return java.util.Arrays.stream(configured.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    /** Whether userName must equal the primary email. */
    public boolean userNameMatchesEmail() {
        return Boolean.parseBoolean(component.get(ScimConnectorConfig.USERNAME_MATCHES_EMAIL, "false"));
    }

    /** The SCIM fields the IdP owns for this connector's users (read-only in the consoles). */
    public java.util.List<String> managedFields() {
        String configured = component.get(ScimConnectorConfig.MANAGED_FIELDS);
        if (configured == null) {
            return dev.enterpriseconnect.scim.sourceoftruth.ManagedFields.DEFAULT;
        }
        return java.util.Arrays.stream(configured.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    /** Whether people may edit the managed fields of this connector's users anyway. */
    public boolean allowsManagedEdits() {
        return Boolean.parseBoolean(component.get(ScimConnectorConfig.ALLOW_MANAGED_EDITS, "false"));
    }

    /** {@code ignore}, {@code refuse} or {@code set}: what a password the IdP sends does. */
    public String passwordPolicy() {
        String configured = component.get(ScimConnectorConfig.PASSWORD_POLICY);
        return configured == null || configured.isBlank() ? "ignore" : configured;
    }

    /** Custom User schema extensions this connector may send, e.g. {@code urn:acme:scim:User}. */
    public java.util.List<String> extensionSchemas() {
        String configured = component.get(ScimConnectorConfig.EXTENSION_SCHEMAS);
        if (configured == null || configured.isBlank()) {
            return java.util.List.of();
        }
        return java.util.Arrays.stream(configured.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    /**
     * The connector's role and team mapping (keys of {@code RoleMappingConfig} in its config), or
     * empty when it sets neither roles nor teams.
     */
    public java.util.Optional<RoleMappingPolicy> roleMapping() {
        java.util.Map<String, String> settings = new java.util.HashMap<>();
        for (String key : RoleMappingConfig.PROPERTY_NAMES) {
            String value = component.get(key);
            if (value != null && !value.isBlank()) {
                settings.put(key, value);
            }
        }
        if (settings.isEmpty()) {
            return java.util.Optional.empty();
        }
        RoleMappingPolicy policy = RoleMappingConfig.parse(settings);
        return policy.managesRoles() || policy.managesTeams() ? java.util.Optional.of(policy) : java.util.Optional.empty();
    }

    /** How this connector invites the users it provisions (keys of {@code InvitationPolicy} in its config). */
    public InvitationPolicy invitationPolicy() {
        return InvitationPolicy.parse(component::get);
    }

    /** What a SCIM DELETE does to the user. */
    public DeprovisioningPolicy onDelete() {
        return policy(ScimConnectorConfig.DEPROVISION_ON_DELETE);
    }

    /** What {@code active=false} does to the user. */
    public DeprovisioningPolicy onDeactivate() {
        return policy(ScimConnectorConfig.DEPROVISION_ON_DEACTIVATE);
    }

    /** How long a disable-then-delete policy keeps the disabled user before the sweep purges it. */
    public java.time.Duration deprovisionRetention() {
        return RetentionPeriod.parse(retentionSetting()).orElseThrow(() -> new IllegalStateException(
                "Connector " + name() + " has an invalid " + ScimConnectorConfig.DEPROVISION_RETENTION));
    }

    /** The retention as configured (ISO-8601 or seconds), shown by the admin API. */
    public String retentionSetting() {
        return durationSetting(ScimConnectorConfig.DEPROVISION_RETENTION, ScimConnectorConfig.DEFAULT_DEPROVISION_RETENTION);
    }

    /**
     * A duration setting as the administrator wrote it ({@code PT72H} stays {@code PT72H}, {@code 3600}
     * stays {@code 3600}), or {@code defaultValue} when unset: the admin API reads back what was sent,
     * not {@link java.time.Duration#toString()}, which turns {@code P14D} into {@code PT336H}.
     */
    public String durationSetting(String key, String defaultValue) {
        String configured = component.get(key);
        return configured == null || configured.isBlank() ? defaultValue : configured.trim();
    }

    private DeprovisioningPolicy policy(String key) {
        String configured = component.get(key);
        if (configured == null || configured.isBlank()) {
            return DeprovisioningPolicy.DISABLE;
        }
        return DeprovisioningPolicy.parse(configured).orElseThrow(() -> new IllegalStateException(
                "Connector " + name() + " has an invalid " + key));
    }

    /** The largest page a list request gets, whatever {@code count} it asks for. */
    public int maxPageSize() {
        return Integer.parseInt(component.get(ScimConnectorConfig.MAX_PAGE_SIZE,
                String.valueOf(ScimConnectorConfig.DEFAULT_MAX_PAGE_SIZE)));
    }

    /** Which stored secret a presented one matched. */
    public enum SecretMatch { NONE, CURRENT, PREVIOUS }

    /** The current secret, or the previous one during its rotation overlap. */
    public boolean acceptsSecret(String presented) {
        return matchSecret(presented) != SecretMatch.NONE;
    }

    /** Like {@link #acceptsSecret}, telling which stored hash matched (one SHA-256 each, constant-time). */
    public SecretMatch matchSecret(String presented) {
        if (ConnectorSecret.matches(presented, component.get(ScimConnectorConfig.SECRET_HASH))) {
            return SecretMatch.CURRENT;
        }
        String until = component.get(ScimConnectorConfig.PREVIOUS_SECRET_EXPIRES_AT);
        boolean overlapping = until != null && org.keycloak.common.util.Time.currentTimeMillis() < java.time.Instant.parse(until).toEpochMilli();
        return overlapping && ConnectorSecret.matches(presented, component.get(ScimConnectorConfig.PREVIOUS_SECRET_HASH))
                ? SecretMatch.PREVIOUS : SecretMatch.NONE;
    }

    /** True while a stored hash is still in the slow PBKDF2 form of earlier versions. */
    public boolean hasLegacySecretHash() {
        return ConnectorSecret.needsUpgrade(component.get(ScimConnectorConfig.SECRET_HASH))
                || ConnectorSecret.needsUpgrade(component.get(ScimConnectorConfig.PREVIOUS_SECRET_HASH));
    }

    /**
     * After {@code presented} matched a hash of the slow earlier form: a copy of the component
     * storing that hash as {@link ConnectorSecret#hash}, to be saved; empty when nothing is to change.
     */
    public Optional<ComponentModel> upgradedSecretHash(SecretMatch match, String presented) {
        String key = switch (match) {
            case CURRENT -> ScimConnectorConfig.SECRET_HASH;
            case PREVIOUS -> ScimConnectorConfig.PREVIOUS_SECRET_HASH;
            case NONE -> null;
        };
        if (key == null || !ConnectorSecret.needsUpgrade(component.get(key))) {
            return Optional.empty();
        }
        ComponentModel upgraded = new ComponentModel(component);
        upgraded.getConfig().putSingle(key, ConnectorSecret.hash(presented));
        return Optional.of(upgraded);
    }

    /** Failed credential checks per (connector, client address) in one window before 429. */
    public int authFailureLimit() {
        return intSetting(ScimConnectorConfig.AUTH_FAILURE_LIMIT, ScimConnectorConfig.DEFAULT_AUTH_FAILURE_LIMIT);
    }

    /** The window in which failed checks are counted. */
    public java.time.Duration authFailureWindow() {
        return ScimConnectorConfig.parseAuthFailureWindow(component.get(ScimConnectorConfig.AUTH_FAILURE_WINDOW))
                .orElse(ScimConnectorConfig.DEFAULT_AUTH_FAILURE_WINDOW_DURATION);
    }

    /** Authenticated requests per second this connector may make (per node). */
    public int requestRateLimit() {
        return intSetting(ScimConnectorConfig.REQUEST_RATE_LIMIT, ScimConnectorConfig.DEFAULT_REQUEST_RATE_LIMIT);
    }

    /** Requests this connector may make at once above its rate. */
    public int requestRateBurst() {
        return intSetting(ScimConnectorConfig.REQUEST_RATE_BURST, ScimConnectorConfig.DEFAULT_REQUEST_RATE_BURST);
    }

    private int intSetting(String key, int fallback) {
        String configured = component.get(key);
        if (configured == null || configured.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(configured.trim());
        } catch (NumberFormatException invalid) {
            return fallback;
        }
    }

    /** The username HTTP Basic callers present. */
    public String basicUsername() {
        return name();
    }

    /** The realm role whose holders' Keycloak access tokens this connector accepts (oauth only). */
    public String oauthRole() {
        return ScimConnectorConfig.ROLE_PREFIX + name();
    }

    public String previousSecretExpiresAt() {
        return component.get(ScimConnectorConfig.PREVIOUS_SECRET_EXPIRES_AT);
    }

    public ComponentModel component() {
        return component;
    }
}
