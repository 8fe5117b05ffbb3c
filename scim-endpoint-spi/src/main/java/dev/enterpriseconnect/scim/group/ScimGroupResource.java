package dev.enterpriseconnect.scim.group;

import java.io.InputStream;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.enterpriseconnect.scim.endpoint.ScimFallback;
import dev.enterpriseconnect.scim.endpoint.ScimRequestContext;
import dev.enterpriseconnect.scim.protocol.ScimException;
import dev.enterpriseconnect.scim.provisioning.ProvisioningTransaction;
import dev.enterpriseconnect.scim.protocol.ScimJson;
import dev.enterpriseconnect.scim.protocol.ScimProjection;
import dev.enterpriseconnect.scim.protocol.ScimSearchRequest;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

/** The SCIM {@code /Groups} resource type of one connector: HTTP in and out; {@link GroupProvisioning} decides. */
public final class ScimGroupResource {

    private final ScimRequestContext context;

    public ScimGroupResource(ScimRequestContext context) {
        this.context = context;
    }

    @POST
    public Response create(InputStream body) {
        ObjectNode group = ScimJson.parseObject(context.readBody(body));
        return ProvisioningTransaction.run(context, scope -> new GroupProvisioning(scope).create(group)).toResponse(context, "Groups");
    }

    @GET
    public Response list() {
        ScimSearchRequest request = ScimSearchRequest.fromQuery(context.session().getContext().getUri().getQueryParameters());
        return ScimJson.response(200, new GroupProvisioning(context).search(request)).build();
    }

    @POST
    @Path(".search")
    public Response searchByPost(InputStream body) {
        return ScimJson.response(200, new GroupProvisioning(context).search(ScimSearchRequest.fromBody(context.readBody(body)))).build();
    }

    @GET
    @Path("{id}")
    public Response get(@PathParam("id") String id, @QueryParam("attributes") String attributes,
            @QueryParam("excludedAttributes") String excludedAttributes,
            @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        GroupProvisioning groups = new GroupProvisioning(context);
        String version = groups.version(id);
        if (ifNoneMatch != null && (ifNoneMatch.equals(version) || ifNoneMatch.equals("*"))) {
            return Response.notModified().tag(ScimJson.entityTag(version)).build();
        }
        ObjectNode resource = groups.get(id, ScimProjection.of(attributes, excludedAttributes));
        return ScimJson.versioned(200, resource, version).build();
    }

    @PUT
    @Path("{id}")
    public Response replace(@PathParam("id") String id, InputStream body, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        ObjectNode group = ScimJson.parseObject(context.readBody(body));
        return ProvisioningTransaction.run(context, scope -> new GroupProvisioning(scope).replace(id, group, ifMatch)).toResponse(context, "Groups");
    }

    /**
     * 204 with the new ETag, unless the client asked for a representation with {@code attributes}
     * or {@code excludedAttributes}: then 200 with it (RFC 7644 §3.5.2).
     */
    @PATCH
    @Path("{id}")
    public Response patch(@PathParam("id") String id, InputStream body, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @QueryParam("attributes") String attributes, @QueryParam("excludedAttributes") String excludedAttributes) {
        ObjectNode operations = ScimJson.parseObject(context.readBody(body));
        ScimProjection shown = isBlank(attributes) && isBlank(excludedAttributes)
                ? null : ScimProjection.of(attributes, excludedAttributes);
        return ProvisioningTransaction.run(context,
                scope -> new GroupProvisioning(scope).patch(id, operations, ifMatch, shown)).toResponse(context, "Groups");
    }

    private static boolean isBlank(String text) {
        return text == null || text.isBlank();
    }

    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        return ProvisioningTransaction.run(context, scope -> new GroupProvisioning(scope).delete(id, ifMatch)).toResponse(context, "Groups");
    }



    // Wrong methods answer 405 with Allow, as a SCIM error (RFC 7644 §3.12).

    @PUT
    public Response putNotAllowed() {
        throw ScimException.methodNotAllowed("PUT", "/Groups", "GET", "POST");
    }

    @PATCH
    public Response patchNotAllowed() {
        throw ScimException.methodNotAllowed("PATCH", "/Groups", "GET", "POST");
    }

    @DELETE
    public Response deleteNotAllowed() {
        throw ScimException.methodNotAllowed("DELETE", "/Groups", "GET", "POST");
    }

    @GET
    @Path(".search")
    public Response getSearchNotAllowed() {
        throw ScimException.methodNotAllowed("GET", "/Groups/.search", "POST");
    }

    @PUT
    @Path(".search")
    public Response putSearchNotAllowed() {
        throw ScimException.methodNotAllowed("PUT", "/Groups/.search", "POST");
    }

    @PATCH
    @Path(".search")
    public Response patchSearchNotAllowed() {
        throw ScimException.methodNotAllowed("PATCH", "/Groups/.search", "POST");
    }

    @DELETE
    @Path(".search")
    public Response deleteSearchNotAllowed() {
        throw ScimException.methodNotAllowed("DELETE", "/Groups/.search", "POST");
    }

    @POST
    @Path("{id}")
    public Response postIdNotAllowed() {
        throw ScimException.methodNotAllowed("POST", "/Groups/{id}", "GET", "PUT", "PATCH", "DELETE");
    }

    /** Nothing lives below this endpoint: 404 as a SCIM error. */
    @Path("{id}/{rest: .+}")
    public ScimFallback below() {
        return ScimFallback.unknownEndpoint();
    }
}
