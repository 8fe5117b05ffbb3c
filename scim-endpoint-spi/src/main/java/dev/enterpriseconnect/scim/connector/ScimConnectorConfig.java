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

    /**
     * SCIM attribute paths every user this connector writes must carry, comma-separated, e.g.
     * {@code userName,name.givenName,name.familyName,emails} (Oktopost's list). Checked on the
     * resource a create, PUT or PATCH would store; a missing one is 400 invalidValue.
     */
    public static final String REQUIRED_ATTRIBUTES = "requiredAttributes";

    /** When true, a user's userName must equal its primary email (ignoring case), as Oktopost requires. */
    public static final String USERNAME_MATCHES_EMAIL = "userNameMatchesEmail";

    /**
     * What a {@code password} sent by the IdP does: {@code ignore} (default: accepted, not stored,
     * recorded as an event; what an IdP with password sync off expects), {@code refuse} (400) or
     * {@code set} (stored through Keycloak's credential API and the realm's password policy).
     */
    public static final String PASSWORD_POLICY = "passwordPolicy";
    public static final java.util.List<String> PASSWORD_POLICIES = java.util.List.of("ignore", "refuse", "set");

    /**
     * The fields the IdP owns for the users this connector manages, as SCIM names, comma-separated
     * (default {@code userName,name,emails,roles}): read-only in the admin and account consoles.
     */
    public static final String MANAGED_FIELDS = "managedFields";

    /** When true, administrators and users may edit the managed fields anyway (the next push overwrites them). */
    public static final String ALLOW_MANAGED_EDITS = "allowManagedEdits";

    public static final String MAX_PAGE_SIZE = "maxPageSize";
    public static final int DEFAULT_MAX_PAGE_SIZE = 1000;

    // Credential checks: failure throttling and request rate.

    /** Failed credential checks per (connector, client address) in one window before 429; default 10. */
    public static final String AUTH_FAILURE_LIMIT = "authFailureLimit";
    public static final int DEFAULT_AUTH_FAILURE_LIMIT = 10;
    /** The failure-counting window: ISO-8601 duration or whole seconds, 1 second to 1 hour; default PT1M. */
    public static final String AUTH_FAILURE_WINDOW = "authFailureWindow";
    public static final String DEFAULT_AUTH_FAILURE_WINDOW = "PT1M";
    public static final java.time.Duration MAX_AUTH_FAILURE_WINDOW = java.time.Duration.ofHours(1);
    /** Authenticated requests per second a connector may make (per node); default 250, above what one Okta import client sustains (135/s measured). */
    public static final String REQUEST_RATE_LIMIT = "requestRateLimit";
    public static final int DEFAULT_REQUEST_RATE_LIMIT = 250;
    /** Requests a connector may make at once above its rate (token bucket size); default 500. */
    public static final String REQUEST_RATE_BURST = "requestRateBurst";
    public static final int DEFAULT_REQUEST_RATE_BURST = 500;

    /** The settings above, as the connector admin API accepts them on create. */
    public static final java.util.List<String> CREDENTIAL_GUARD_SETTINGS = java.util.List.of(AUTH_FAILURE_LIMIT,
            AUTH_FAILURE_WINDOW, REQUEST_RATE_LIMIT, REQUEST_RATE_BURST);

    /** An ISO-8601 duration ({@code PT1M}) or whole seconds, from 1 second to 1 hour; empty when invalid. */
    private static final java.util.regex.Pattern WHOLE_SECONDS = java.util.regex.Pattern.compile("\\d{1,7}");

    public static java.util.Optional<java.time.Duration> parseAuthFailureWindow(String value) {
        if (value == null || value.isBlank()) {
            return java.util.Optional.empty();
        }
        java.time.Duration duration;
        try {
            duration = WHOLE_SECONDS.matcher(value.trim()).matches() ? java.time.Duration.ofSeconds(Long.parseLong(value.trim()))
                    : java.time.Duration.parse(value.trim());
        } catch (java.time.format.DateTimeParseException e) {
            return java.util.Optional.empty();
        }
        return duration.compareTo(java.time.Duration.ofSeconds(1)) < 0 || duration.compareTo(MAX_AUTH_FAILURE_WINDOW) > 0
                ? java.util.Optional.empty() : java.util.Optional.of(duration);
    }

    /** {@link #DEFAULT_AUTH_FAILURE_WINDOW} parsed once (after {@link #WHOLE_SECONDS}, which parsing needs). */
    public static final java.time.Duration DEFAULT_AUTH_FAILURE_WINDOW_DURATION =
            parseAuthFailureWindow(DEFAULT_AUTH_FAILURE_WINDOW).orElseThrow();

    /** A connector's name is a path segment of its SCIM base URL. */
    public static final Pattern NAME_PATTERN = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

    private ScimConnectorConfig() {
    }
}
