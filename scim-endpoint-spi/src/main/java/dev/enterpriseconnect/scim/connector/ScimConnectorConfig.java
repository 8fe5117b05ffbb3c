package dev.enterpriseconnect.scim.connector;

import java.util.regex.Pattern;

/** Names of the settings a connector component stores, and the rules on their values. */
public final class ScimConnectorConfig {

    /** The component provider id of every connector. */
    public static final String PROVIDER_ID = "scim-connector";

    public static final String CREDENTIAL_TYPE = "credentialType";
    /** Salted hash of the current secret; the secret itself is never stored. */
    public static final String SECRET_HASH = "secretHash";
    public static final String SECRET_CREATED_AT = "secretCreatedAt";

    /** Previous secret's hash, accepted until {@link #PREVIOUS_SECRET_EXPIRES_AT} (rotation overlap). */
    public static final String PREVIOUS_SECRET_HASH = "previousSecretHash";
    public static final String PREVIOUS_SECRET_EXPIRES_AT = "previousSecretExpiresAt";

    /** Static bearer token (Okta "HTTP Header", Entra "Secret Token"). */
    public static final String CREDENTIAL_BEARER = "bearer";
    /** HTTP Basic: the connector's name as username, a generated password. */
    public static final String CREDENTIAL_BASIC = "basic";
    /** Keycloak access tokens of users or service accounts holding the connector's realm role. */
    public static final String CREDENTIAL_OAUTH = "oauth";
    public static final java.util.List<String> CREDENTIAL_TYPES = java.util.List.of(CREDENTIAL_BEARER, CREDENTIAL_BASIC,
            CREDENTIAL_OAUTH);

    /** Prefix of the realm role that grants SCIM access to an oauth connector. */
    public static final String ROLE_PREFIX = "scim-connector-";

    /** When set, the connector provisions into this Keycloak Organization and sees only its members. */
    public static final String ORGANIZATION_ID = "organizationId";

    /** Name of the top-level Keycloak group under which this connector's pushed groups live. */
    public static final String GROUPS_PARENT = "groupsParent";

    public static final String BULK_MAX_OPERATIONS = "bulkMaxOperations";
    public static final int DEFAULT_BULK_MAX_OPERATIONS = 1000;
    public static final String BULK_MAX_PAYLOAD_SIZE = "bulkMaxPayloadSize";
    public static final int DEFAULT_BULK_MAX_PAYLOAD_SIZE = 1_048_576;

    /** Comma-separated URNs of custom User schema extensions whose attributes are kept as sent. */
    public static final String EXTENSION_SCHEMAS = "extensionSchemas";

    /** What a SCIM DELETE does: a {@code DeprovisioningPolicy} value, default disable. */
    public static final String DEPROVISION_ON_DELETE = "deprovisionOnDelete";
    /** What {@code active=false} does: a {@code DeprovisioningPolicy} value, default disable. */
    public static final String DEPROVISION_ON_DEACTIVATE = "deprovisionOnDeactivate";
    /** How long disable-then-delete keeps the user: ISO-8601 duration or seconds. */
    public static final String DEPROVISION_RETENTION = "deprovisionRetention";
    public static final String DEFAULT_DEPROVISION_RETENTION = "P30D";

    /**
     * The largest body of a single-resource request (POST, PUT, PATCH, .search), in bytes; larger
     * ones answer 413 before they are parsed. /Bulk has its own {@link #BULK_MAX_PAYLOAD_SIZE}.
     * 512 KiB holds a group PUT of several thousand members.
     */
    public static final String MAX_REQUEST_SIZE = "maxRequestSize";
    public static final int DEFAULT_MAX_REQUEST_SIZE = 524_288;

    /**
     * Whether the connector may change users holding admin roles (any realm-management role, an
     * admin composite) or service accounts. Off by default: a directory must not take over an admin.
     */
    public static final String ALLOW_PRIVILEGED_USERS = "allowPrivilegedUsers";

    public static final String MAX_PAGE_SIZE = "maxPageSize";
    public static final int DEFAULT_MAX_PAGE_SIZE = 1000;

    /** A connector's name is a path segment of its SCIM base URL. */
    public static final Pattern NAME_PATTERN = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

    private ScimConnectorConfig() {
    }
}
