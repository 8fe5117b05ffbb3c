package dev.enterpriseconnect.scim.endpoint;

import dev.enterpriseconnect.scim.bulk.ScimBulkResource;
import dev.enterpriseconnect.scim.discovery.ResourceTypesResource;
import dev.enterpriseconnect.scim.discovery.SchemasResource;
import dev.enterpriseconnect.scim.discovery.ScimSchemaCatalog;
import dev.enterpriseconnect.scim.protocol.ScimJson;
import dev.enterpriseconnect.scim.discovery.ServiceProviderConfigResource;
import dev.enterpriseconnect.scim.group.ScimGroupResource;
import dev.enterpriseconnect.scim.user.ScimUserResource;
import com.fasterxml.jackson.databind.node.ObjectNode;

import jakarta.ws.rs.Path;

/** The SCIM base URL of one authenticated connector; one sub-resource per resource type. */
public final class ScimConnectorEndpoint {

    private final ScimRequestContext context;

    ScimConnectorEndpoint(ScimRequestContext context) {
        this.context = context;
    }

    @Path("ServiceProviderConfig")
    public ServiceProviderConfigResource serviceProviderConfig() {
        return new ServiceProviderConfigResource(context);
    }

    @Path("Schemas")
    public SchemasResource schemas() {
        return new SchemasResource(context, ScimSchemaCatalog.standard().with(
                context.connector().extensionSchemas().stream().map(ScimConnectorEndpoint::customExtension).toList()));
    }

    /** A custom extension's schema: its attributes are whatever the IdP sends, kept as sent. */
    private static ObjectNode customExtension(String urn) {
        ObjectNode schema = ScimJson.object();
        schema.put("id", urn);
        schema.put("name", urn.substring(urn.lastIndexOf(':') + 1));
        schema.put("description", "Custom extension configured on this connector; its attributes are kept as sent");
        schema.putArray("attributes");
        schema.putObject("meta").put("resourceType", "Schema");
        return schema;
    }

    @Path("ResourceTypes")
    public ResourceTypesResource resourceTypes() {
        return new ResourceTypesResource(context);
    }

    @Path("Users")
    public ScimUserResource users() {
        return new ScimUserResource(context);
    }

    @Path("Bulk")
    public ScimBulkResource bulk() {
        return new ScimBulkResource(context);
    }

    @Path("Groups")
    public ScimGroupResource groups() {
        return new ScimGroupResource(context);
    }
}
