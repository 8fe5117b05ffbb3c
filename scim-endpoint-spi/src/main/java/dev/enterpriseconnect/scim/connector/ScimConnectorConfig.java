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

    public static final String CREDENTIAL_BEARER = "bearer";

    /** A connector's name is a path segment of its SCIM base URL. */
    public static final Pattern NAME_PATTERN = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

    private ScimConnectorConfig() {
    }
}
