package dev.enterpriseconnect.scim.endpoint;

import dev.enterpriseconnect.scim.bulk.ScimBulkResource;
import dev.enterpriseconnect.scim.discovery.ResourceTypesResource;
import dev.enterpriseconnect.scim.discovery.SchemasResource;
import dev.enterpriseconnect.scim.protocol.ScimJson;
import dev.enterpriseconnect.scim.discovery.ServiceProviderConfigResource;
import dev.enterpriseconnect.scim.group.ScimGroupResource;
import dev.enterpriseconnect.scim.user.ScimUserResource;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.InputStream;

import dev.enterpriseconnect.scim.protocol.ScimException;
import dev.enterpriseconnect.scim.protocol.ScimSearchRequest;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

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
        return new SchemasResource(context, context.schemas());
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

    /** RFC 7644 §3.4.3: Users and Groups searched together. */
    @POST
    @Path(".search")
    public Response search(InputStream body) {
        String request = context.readBody(body);
        return ScimJson.response(200, new RootSearch(context).search(ScimSearchRequest.fromBody(request))).build();
    }

    @GET
    @Path(".search")
    public Response getSearchNotAllowed() {
        throw ScimException.methodNotAllowed("GET", "/.search", "POST");
    }

    @PUT
    @Path(".search")
    public Response putSearchNotAllowed() {
        throw ScimException.methodNotAllowed("PUT", "/.search", "POST");
    }

    @PATCH
    @Path(".search")
    public Response patchSearchNotAllowed() {
        throw ScimException.methodNotAllowed("PATCH", "/.search", "POST");
    }

    @DELETE
    @Path(".search")
    public Response deleteSearchNotAllowed() {
        throw ScimException.methodNotAllowed("DELETE", "/.search", "POST");
    }

    @Path("Me")
    public ScimFallback me() {
        return ScimFallback.me();
    }

    /**
     * Anything else under the base URL, the base URL itself included: 404 as a SCIM error. The
     * endpoints above have more literal characters, so JAX-RS tries them first.
     */
    @Path("{any: .*}")
    public ScimFallback unknown() {
        return ScimFallback.unknownEndpoint();
    }
}
