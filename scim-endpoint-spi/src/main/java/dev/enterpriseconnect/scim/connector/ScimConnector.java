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
        String configured = component.get(ScimConnectorConfig.DEPROVISION_RETENTION);
        return configured == null || configured.isBlank() ? ScimConnectorConfig.DEFAULT_DEPROVISION_RETENTION : configured;
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

    /** The current secret, or the previous one during its rotation overlap. */
    public boolean acceptsSecret(String presented) {
        if (ConnectorSecret.matches(presented, component.get(ScimConnectorConfig.SECRET_HASH))) {
            return true;
        }
        String until = component.get(ScimConnectorConfig.PREVIOUS_SECRET_EXPIRES_AT);
        return until != null && java.time.Instant.now().isBefore(java.time.Instant.parse(until))
                && ConnectorSecret.matches(presented, component.get(ScimConnectorConfig.PREVIOUS_SECRET_HASH));
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
