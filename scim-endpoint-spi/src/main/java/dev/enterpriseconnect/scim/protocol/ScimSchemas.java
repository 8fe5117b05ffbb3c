package dev.enterpriseconnect.scim.protocol;

/** Schema and message URNs of RFC 7643 / 7644. */
public final class ScimSchemas {

    public static final String USER = "urn:ietf:params:scim:schemas:core:2.0:User";
    public static final String ENTERPRISE_USER = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
    /** Our read-only extension: the user's invitation (status, sentAt, expiresAt, acceptedAt). */
    public static final String INVITATION_USER = "urn:enterpriseconnect:params:scim:schemas:extension:invitation:2.0:User";
    /** Our read-only extension: what the server decided from what the IdP sent (the mapped role). */
    public static final String ACCESS_USER = "urn:enterpriseconnect:params:scim:schemas:extension:access:2.0:User";
    public static final String GROUP = "urn:ietf:params:scim:schemas:core:2.0:Group";
    public static final String SERVICE_PROVIDER_CONFIG = "urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig";
    public static final String RESOURCE_TYPE = "urn:ietf:params:scim:schemas:core:2.0:ResourceType";
    public static final String SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:Schema";
    public static final String LIST_RESPONSE = "urn:ietf:params:scim:api:messages:2.0:ListResponse";
    public static final String ERROR = "urn:ietf:params:scim:api:messages:2.0:Error";
    public static final String BULK_REQUEST = "urn:ietf:params:scim:api:messages:2.0:BulkRequest";
    public static final String BULK_RESPONSE = "urn:ietf:params:scim:api:messages:2.0:BulkResponse";
    public static final String PATCH_OP = "urn:ietf:params:scim:api:messages:2.0:PatchOp";

    public static final String MEDIA_TYPE = "application/scim+json";

    private ScimSchemas() {
    }
}
