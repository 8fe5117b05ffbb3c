package dev.enterpriseconnect.scim.connector;

import java.util.List;

import org.keycloak.Config;
import org.keycloak.component.ComponentModel;
import org.keycloak.component.ComponentValidationException;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.organization.OrganizationProvider;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

import dev.enterpriseconnect.lifecycle.invitation.InvitationPolicy;
import dev.enterpriseconnect.lifecycle.deprovisioning.DeprovisioningPolicy;
import dev.enterpriseconnect.lifecycle.deprovisioning.RetentionPeriod;
import dev.enterpriseconnect.scim.protocol.ScimSchemas;
import dev.enterpriseconnect.scim.sourceoftruth.ManagedFields;

public final class ScimConnectorComponentFactory implements ScimConnectorProviderFactory {

    private static final ScimConnectorProvider PROVIDER = new ScimConnectorProvider() {
    };

    // Typed as PASSWORD so the generic component admin API masks the hash instead of echoing it.
    private static final List<ProviderConfigProperty> PROPERTIES = ProviderConfigurationBuilder.create()
            .property().name(ScimConnectorConfig.CREDENTIAL_TYPE).label("Credential type")
            .type(ProviderConfigProperty.LIST_TYPE).options(ScimConnectorConfig.CREDENTIAL_TYPES)
            .defaultValue(ScimConnectorConfig.CREDENTIAL_BEARER).add()
            .property().name(ScimConnectorConfig.ORGANIZATION_ID).label("Organization")
            .helpText("Id of the Keycloak Organization this connector provisions into; empty for the whole realm")
            .type(ProviderConfigProperty.STRING_TYPE).add()
            .property().name(ScimConnectorConfig.GROUPS_PARENT).label("Parent group of pushed groups")
            .helpText("Top-level group that holds the groups this connector pushes; default scim-<connector name>")
            .type(ProviderConfigProperty.STRING_TYPE).add()
            .property().name(ScimConnectorConfig.BULK_MAX_OPERATIONS).label("Bulk: maximum operations")
            .type(ProviderConfigProperty.INTEGER_TYPE)
            .defaultValue(String.valueOf(ScimConnectorConfig.DEFAULT_BULK_MAX_OPERATIONS)).add()
            .property().name(ScimConnectorConfig.BULK_MAX_PAYLOAD_SIZE).label("Bulk: maximum payload size (bytes)")
            .type(ProviderConfigProperty.INTEGER_TYPE)
            .defaultValue(String.valueOf(ScimConnectorConfig.DEFAULT_BULK_MAX_PAYLOAD_SIZE)).add()
            .property().name(ScimConnectorConfig.MAX_REQUEST_SIZE).label("Maximum request size (bytes)")
            .helpText("Largest body of one POST, PUT, PATCH or .search; larger ones answer 413")
            .type(ProviderConfigProperty.INTEGER_TYPE)
            .defaultValue(String.valueOf(ScimConnectorConfig.DEFAULT_MAX_REQUEST_SIZE)).add()
            .property().name(ScimConnectorConfig.ALLOW_PRIVILEGED_USERS).label("May change privileged users")
            .helpText("Let this connector change users holding admin roles and service accounts (off: 403)")
            .type(ProviderConfigProperty.BOOLEAN_TYPE).defaultValue("false").add()
            .property().name(ScimConnectorConfig.REQUIRED_ATTRIBUTES).label("Required attributes")
            .helpText("SCIM attribute paths every provisioned user must carry, comma-separated, e.g."
                    + " userName,name.givenName,name.familyName,emails")
            .type(ProviderConfigProperty.STRING_TYPE).add()
            .property().name(ScimConnectorConfig.USERNAME_MATCHES_EMAIL).label("userName must equal the primary email")
            .type(ProviderConfigProperty.BOOLEAN_TYPE).defaultValue("false").add()
            .property().name(ScimConnectorConfig.PASSWORD_POLICY).label("Passwords sent by the IdP")
            .helpText("ignore: accept, do not store, record an event; refuse: 400; set: store as the user's password")
            .type(ProviderConfigProperty.LIST_TYPE).options(ScimConnectorConfig.PASSWORD_POLICIES)
            .defaultValue("ignore").add()
            .property().name(ScimConnectorConfig.MANAGED_FIELDS).label("Fields the IdP owns")
            .helpText("SCIM names, comma-separated (default userName,name,emails,roles): read-only in the admin and"
                    + " account consoles for the users this connector manages")
            .type(ProviderConfigProperty.STRING_TYPE).add()
            .property().name(ScimConnectorConfig.ALLOW_MANAGED_EDITS).label("Allow edits of IdP-owned fields")
            .type(ProviderConfigProperty.BOOLEAN_TYPE).defaultValue("false").add()
            .property().name(ScimConnectorConfig.EXTENSION_SCHEMAS).label("Custom User schema extensions")
            .helpText("Comma-separated schema URNs whose attributes are accepted and kept as sent")
            .type(ProviderConfigProperty.STRING_TYPE).add()
            .property().name(ScimConnectorConfig.MAX_PAGE_SIZE).label("Maximum page size")
            .helpText("The most resources one list or search response returns")
            .type(ProviderConfigProperty.INTEGER_TYPE)
            .defaultValue(String.valueOf(ScimConnectorConfig.DEFAULT_MAX_PAGE_SIZE)).add()
            .property().name(InvitationPolicy.ENABLED).label("Invitations")
            .helpText("Email an invitation to each user this connector creates or reactivates (needs the realm's SMTP server)")
            .type(ProviderConfigProperty.BOOLEAN_TYPE).defaultValue("true").add()
            .property().name(InvitationPolicy.LIFESPAN).label("Invitation lifespan")
            .helpText("How long an invitation link works: ISO-8601 (P14D, PT12H) or seconds; default P14D")
            .type(ProviderConfigProperty.STRING_TYPE).defaultValue("P14D").add()
            .property().name(InvitationPolicy.MAX_RESENDS).label("Invitation resends")
            .helpText("How many times the sweep resends an invitation that expired unaccepted (0-10; default 0)")
            .type(ProviderConfigProperty.INTEGER_TYPE).defaultValue("0").add()
            .property().name(InvitationPolicy.DISABLE_AFTER).label("Disable unaccepted users after")
            .helpText("Grace period after the last invitation expired, then the sweep disables the user; empty: never")
            .type(ProviderConfigProperty.STRING_TYPE).add()
            .property().name(InvitationPolicy.IDENTITY_PROVIDER).label("Invitation identity provider")
            .helpText("Alias of the identity provider invited users sign in with; empty: they set a local password")
            .type(ProviderConfigProperty.STRING_TYPE).add()
            .property().name(InvitationPolicy.CLIENT_ID).label("Invitation client")
            .helpText("Client whose login the invitation link starts; default account-console")
            .type(ProviderConfigProperty.STRING_TYPE).add()
            .property().name(InvitationPolicy.REDIRECT_URI).label("Invitation redirect URI")
            .helpText("Where users land after signing in; a valid redirect URI of the invitation client; default its base URL")
            .type(ProviderConfigProperty.STRING_TYPE).add()
            .property().name(ScimConnectorConfig.DEPROVISION_ON_DELETE).label("On SCIM DELETE")
            .helpText("disable: disable the user, revoke its access and hide it from this connector; delete: remove it;"
                    + " disable-then-delete: disable now, remove when the retention period ends")
            .type(ProviderConfigProperty.LIST_TYPE).options(DeprovisioningPolicy.VALUES)
            .defaultValue(DeprovisioningPolicy.DISABLE.value()).add()
            .property().name(ScimConnectorConfig.DEPROVISION_ON_DEACTIVATE).label("On deactivation (active=false)")
            .helpText("disable: disable the user and revoke its access; delete: remove it;"
                    + " disable-then-delete: disable now, remove when the retention period ends")
            .type(ProviderConfigProperty.LIST_TYPE).options(DeprovisioningPolicy.VALUES)
            .defaultValue(DeprovisioningPolicy.DISABLE.value()).add()
            .property().name(ScimConnectorConfig.DEPROVISION_RETENTION).label("Retention before purge")
            .helpText("For disable-then-delete: ISO-8601 duration (P30D, PT12H) or whole seconds")
            .type(ProviderConfigProperty.STRING_TYPE)
            .defaultValue(ScimConnectorConfig.DEFAULT_DEPROVISION_RETENTION).add()
            .property().name(ScimConnectorConfig.AUTH_FAILURE_LIMIT).label("Failed credential checks before 429")
            .helpText("Failed credential checks per client address in one window before further failures answer 429")
            .type(ProviderConfigProperty.INTEGER_TYPE)
            .defaultValue(String.valueOf(ScimConnectorConfig.DEFAULT_AUTH_FAILURE_LIMIT)).add()
            .property().name(ScimConnectorConfig.AUTH_FAILURE_WINDOW).label("Failed credential check window")
            .helpText("ISO-8601 duration (PT1M) or whole seconds, 1 second to 1 hour")
            .type(ProviderConfigProperty.STRING_TYPE).defaultValue(ScimConnectorConfig.DEFAULT_AUTH_FAILURE_WINDOW).add()
            .property().name(ScimConnectorConfig.REQUEST_RATE_LIMIT).label("Request rate limit (per second)")
            .helpText("Requests per second this connector may make, per Keycloak node; over it: 429 with Retry-After")
            .type(ProviderConfigProperty.INTEGER_TYPE)
            .defaultValue(String.valueOf(ScimConnectorConfig.DEFAULT_REQUEST_RATE_LIMIT)).add()
            .property().name(ScimConnectorConfig.REQUEST_RATE_BURST).label("Request burst")
            .helpText("Requests this connector may make at once above its rate")
            .type(ProviderConfigProperty.INTEGER_TYPE)
            .defaultValue(String.valueOf(ScimConnectorConfig.DEFAULT_REQUEST_RATE_BURST)).add()
            .property().name(ScimConnectorConfig.SECRET_HASH).label("Secret hash")
            .type(ProviderConfigProperty.PASSWORD).secret(true).add()
            .property().name(ScimConnectorConfig.PREVIOUS_SECRET_HASH).label("Previous secret hash")
            .type(ProviderConfigProperty.PASSWORD).secret(true).add()
            .property().name(ScimConnectorConfig.PREVIOUS_SECRET_EXPIRES_AT).label("Previous secret accepted until")
            .type(ProviderConfigProperty.STRING_TYPE).add()
            .property().name(ScimConnectorConfig.SECRET_CREATED_AT).label("Secret created at")
            .type(ProviderConfigProperty.STRING_TYPE).add()
            .build();

    @Override
    public ScimConnectorProvider create(KeycloakSession session, ComponentModel model) {
        return PROVIDER;
    }

    @Override
    public void validateConfiguration(KeycloakSession session, RealmModel realm, ComponentModel model)
            throws ComponentValidationException {
        if (model.getName() == null || !ScimConnectorConfig.NAME_PATTERN.matcher(model.getName()).matches()) {
            throw new ComponentValidationException(
                    "Connector name must be 1-63 lowercase letters, digits or '-', starting with a letter or digit");
        }
        String type = model.get(ScimConnectorConfig.CREDENTIAL_TYPE, ScimConnectorConfig.CREDENTIAL_BEARER);
        if (!ScimConnectorConfig.CREDENTIAL_TYPES.contains(type)) {
            throw new ComponentValidationException("credentialType must be one of " + ScimConnectorConfig.CREDENTIAL_TYPES);
        }
        String organization = model.get(ScimConnectorConfig.ORGANIZATION_ID);
        if (organization != null && !organization.isBlank()) {
            if (!realm.isOrganizationsEnabled()) {
                throw new ComponentValidationException("Organizations are not enabled in this realm");
            }
            if (session.getProvider(OrganizationProvider.class).getById(organization) == null) {
                throw new ComponentValidationException("No organization with id " + organization);
            }
        }
        for (String urn : ScimConnector.of(model).extensionSchemas()) {
            if (!urn.startsWith("urn:") || urn.contains("\"") || urn.equalsIgnoreCase(ScimSchemas.USER)
                    || urn.equalsIgnoreCase(ScimSchemas.ENTERPRISE_USER)) {
                throw new ComponentValidationException("extensionSchemas must be custom schema URNs, got " + urn);
            }
        }
        try {
            ScimConnector.of(model).roleMapping().ifPresent(policy -> policy.managedRoles().forEach(reference -> {
                boolean exists = reference.isRealmRole() ? realm.getRole(reference.roleName()) != null
                        : realm.getClientByClientId(reference.clientId()) != null
                                && realm.getClientByClientId(reference.clientId()).getRole(reference.roleName()) != null;
                if (!exists) {
                    throw new ComponentValidationException("Role mapping names " + reference + ", which does not exist");
                }
            }));
        } catch (IllegalArgumentException e) {
            throw new ComponentValidationException("Invalid role mapping: " + e.getMessage());
        }
        validateInvitations(session, realm, model);
        requirePolicy(model, ScimConnectorConfig.DEPROVISION_ON_DELETE, "deprovisioning.onDelete");
        requirePolicy(model, ScimConnectorConfig.DEPROVISION_ON_DEACTIVATE, "deprovisioning.onDeactivate");
        String retention = model.get(ScimConnectorConfig.DEPROVISION_RETENTION);
        if (retention != null && RetentionPeriod.parse(retention).isEmpty()) {
            throw new ComponentValidationException("deprovisioning.retention must be an ISO-8601 duration (P30D, PT12H)"
                    + " or whole seconds, from 1 second to 3650 days; got '" + retention + "'");
        }
        requirePositive(model, ScimConnectorConfig.MAX_PAGE_SIZE, 99_999);
        requirePositive(model, ScimConnectorConfig.BULK_MAX_OPERATIONS, 99_999);
        // Bodies are held in memory while parsed: 16 MiB keeps many concurrent ones within the heap.
        requirePositive(model, ScimConnectorConfig.BULK_MAX_PAYLOAD_SIZE, 16 * 1_048_576);
        requirePositive(model, ScimConnectorConfig.MAX_REQUEST_SIZE, 16 * 1_048_576);
        String passwords = model.get(ScimConnectorConfig.PASSWORD_POLICY);
        if (passwords != null && !passwords.isBlank() && !ScimConnectorConfig.PASSWORD_POLICIES.contains(passwords)) {
            throw new ComponentValidationException(ScimConnectorConfig.PASSWORD_POLICY + " must be one of "
                    + ScimConnectorConfig.PASSWORD_POLICIES + ", got '" + passwords + "'");
        }
        String matches = model.get(ScimConnectorConfig.USERNAME_MATCHES_EMAIL);
        if (matches != null && !matches.equals("true") && !matches.equals("false")) {
            throw new ComponentValidationException(ScimConnectorConfig.USERNAME_MATCHES_EMAIL + " must be true or false");
        }
        for (String path : ScimConnector.of(model).requiredAttributes()) {
            if (!dev.enterpriseconnect.scim.user.RequiredAttributes.isPath(path)) {
                throw new ComponentValidationException(ScimConnectorConfig.REQUIRED_ATTRIBUTES + " holds '" + path
                        + "', which is not a SCIM attribute path (attribute, attribute.subAttribute, or urn:...:attribute)");
            }
        }
        java.util.List<String> unknownFields = ManagedFields.unknown(ScimConnector.of(model).managedFields());
        if (!unknownFields.isEmpty()) {
            throw new ComponentValidationException(ScimConnectorConfig.MANAGED_FIELDS + " holds " + unknownFields
                    + ", which are no SCIM user fields; use e.g. userName, name, name.givenName, name.familyName, emails,"
                    + " roles, title, phoneNumbers");
        }
        String managedEdits = model.get(ScimConnectorConfig.ALLOW_MANAGED_EDITS);
        if (managedEdits != null && !managedEdits.equals("true") && !managedEdits.equals("false")) {
            throw new ComponentValidationException(ScimConnectorConfig.ALLOW_MANAGED_EDITS + " must be true or false");
        }
        String privileged = model.get(ScimConnectorConfig.ALLOW_PRIVILEGED_USERS);
        if (privileged != null && !privileged.equals("true") && !privileged.equals("false")) {
            throw new ComponentValidationException(ScimConnectorConfig.ALLOW_PRIVILEGED_USERS + " must be true or false");
        }
        requirePositive(model, ScimConnectorConfig.AUTH_FAILURE_LIMIT, 100_000);
        requirePositive(model, ScimConnectorConfig.REQUEST_RATE_LIMIT, 100_000);
        requirePositive(model, ScimConnectorConfig.REQUEST_RATE_BURST, 1_000_000);
        dev.enterpriseconnect.scim.log.LogSettings.validate(model);
        String window = model.get(ScimConnectorConfig.AUTH_FAILURE_WINDOW);
        if (window != null && ScimConnectorConfig.parseAuthFailureWindow(window).isEmpty()) {
            throw new ComponentValidationException(ScimConnectorConfig.AUTH_FAILURE_WINDOW + " must be an ISO-8601 duration"
                    + " (PT1M) or whole seconds, from 1 second to 1 hour; got '" + window + "'");
        }
    }

    private static void validateInvitations(KeycloakSession session, RealmModel realm, ComponentModel model) {
        InvitationPolicy policy;
        try {
            policy = InvitationPolicy.parse(model::get);
        } catch (IllegalArgumentException e) {
            throw new ComponentValidationException(e.getMessage());
        }
        if (policy.viaIdentityProvider() && session.identityProviders().getByAlias(policy.identityProvider()) == null) {
            throw new ComponentValidationException(InvitationPolicy.IDENTITY_PROVIDER + " names '"
                    + policy.identityProvider() + "', which is not an identity provider of this realm");
        }
        if (model.get(InvitationPolicy.CLIENT_ID) != null && !model.get(InvitationPolicy.CLIENT_ID).isBlank()
                && realm.getClientByClientId(policy.clientId()) == null) {
            throw new ComponentValidationException(InvitationPolicy.CLIENT_ID + " names '" + policy.clientId()
                    + "', which is not a client of this realm");
        }
    }

    private static void requirePolicy(ComponentModel model, String key, String field) {
        String value = model.get(key);
        if (value != null && DeprovisioningPolicy.parse(value).isEmpty()) {
            throw new ComponentValidationException(field + " must be one of " + String.join(", ", DeprovisioningPolicy.VALUES)
                    + "; got '" + value + "'");
        }
    }

    private static void requirePositive(ComponentModel model, String name, int max) {
        String value = model.get(name);
        if (value == null) {
            return;
        }
        try {
            int number = Integer.parseInt(value);
            if (number >= 1 && number <= max) {
                return;
            }
        } catch (NumberFormatException notANumber) {
            // reported below
        }
        throw new ComponentValidationException(name + " must be a whole number from 1 to " + max);
    }

    @Override
    public String getId() {
        return ScimConnectorConfig.PROVIDER_ID;
    }

    @Override
    public String getHelpText() {
        return "A SCIM 2.0 client (Okta, Entra ID) allowed to provision users into this realm.";
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return PROPERTIES;
    }

    @Override
    public void init(Config.Scope config) {
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
    }

    @Override
    public void close() {
    }
}
