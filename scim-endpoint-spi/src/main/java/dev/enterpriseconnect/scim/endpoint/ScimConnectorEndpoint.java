package dev.enterpriseconnect.scim.endpoint;

import dev.enterpriseconnect.scim.discovery.ResourceTypesResource;
import dev.enterpriseconnect.scim.discovery.SchemasResource;
import dev.enterpriseconnect.scim.discovery.ServiceProviderConfigResource;
import dev.enterpriseconnect.scim.user.ScimUserResource;
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
        return new SchemasResource(context);
    }

    @Path("ResourceTypes")
    public ResourceTypesResource resourceTypes() {
        return new ResourceTypesResource(context);
    }

    @Path("Users")
    public ScimUserResource users() {
        return new ScimUserResource(context);
    }
}
