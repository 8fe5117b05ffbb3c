package dev.enterpriseconnect.scim.endpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The resource label is one of a fixed few, whatever the path holds (ids, unknown endpoints). */
class ScimRequestMetricsTest {

    @Test
    void resourcesComeFromAFixedList() {
        assertEquals("Users", ScimRequestMetrics.resource("/realms/acme/enterprise-scim/okta/v2/Users"));
        assertEquals("Users", ScimRequestMetrics.resource("realms/acme/enterprise-scim/okta/v2/Users/8d2f-6c0a"));
        assertEquals("Users", ScimRequestMetrics.resource("/realms/acme/enterprise-scim/okta/v2/Users/.search"));
        assertEquals("Groups", ScimRequestMetrics.resource("/realms/acme/enterprise-scim/okta/v2/Groups/a6e9"));
        assertEquals("Bulk", ScimRequestMetrics.resource("/realms/acme/enterprise-scim/okta/v2/Bulk"));
        assertEquals("search", ScimRequestMetrics.resource("/realms/acme/enterprise-scim/okta/v2/.search"));
        assertEquals("discovery", ScimRequestMetrics.resource("/realms/acme/enterprise-scim/okta/v2/Schemas/urn:x"));
        assertEquals("discovery", ScimRequestMetrics.resource("/realms/acme/enterprise-scim/okta/v2/ServiceProviderConfig"));
        assertEquals("other", ScimRequestMetrics.resource("/realms/acme/enterprise-scim/okta/v2/8d2f-6c0a"));
        assertEquals("other", ScimRequestMetrics.resource("/realms/acme/enterprise-scim/okta/v2"));
        assertEquals("other", ScimRequestMetrics.resource("/realms/acme/enterprise-scim/okta/v3/Users"));
        // A connector named like a path segment does not confuse it.
        assertEquals("Groups", ScimRequestMetrics.resource("/realms/v2/enterprise-scim/v2/v2/Groups"));
    }

    @Test
    void onlyTheScimMountIsTimed() {
        assertTrue(ScimRequestMetrics.isScim("/realms/acme/enterprise-scim/okta/v2/Users"));
        assertTrue(ScimRequestMetrics.isScim("realms/acme/enterprise-scim/okta/v2/Users"));
        assertFalse(ScimRequestMetrics.isScim("/realms/acme/scim/v2/Users"));
        assertFalse(ScimRequestMetrics.isScim("/admin/realms/acme/scim-connectors"));
        assertFalse(ScimRequestMetrics.isScim(null));
    }
}
