package dev.enterpriseconnect.scim.user;

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

/** The SCIM {@code /Users} resource type of one connector: HTTP in and out; {@link UserProvisioning} decides. */
public final class ScimUserResource {

    private final ScimRequestContext context;

    public ScimUserResource(ScimRequestContext context) {
        this.context = context;
    }

    @POST
    public Response create(InputStream body) {
        ObjectNode resource = ScimJson.parseObject(context.readBody(body));
        return ProvisioningTransaction.run(context, scope -> new UserProvisioning(scope).create(resource)).toResponse(context, "Users");
    }

    @GET
    public Response list() {
        ScimSearchRequest request = ScimSearchRequest.fromQuery(context.session().getContext().getUri().getQueryParameters());
        return ScimJson.response(200, new UserProvisioning(context).search(request)).build();
    }

    @POST
    @Path(".search")
    public Response searchByPost(InputStream body) {
        return ScimJson.response(200, new UserProvisioning(context).search(ScimSearchRequest.fromBody(context.readBody(body)))).build();
    }

    @GET
    @Path("{id}")
    public Response get(@PathParam("id") String id, @QueryParam("attributes") String attributes,
            @QueryParam("excludedAttributes") String excludedAttributes,
            @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        ObjectNode resource = new UserProvisioning(context).get(id);
        String version = resource.at("/meta/version").asText();
        if (ifNoneMatch != null && (ifNoneMatch.equals(version) || ifNoneMatch.equals("*"))) {
            return Response.notModified().tag(ScimJson.entityTag(version)).build();
        }
        return ScimJson.versioned(200, ScimProjection.of(attributes, excludedAttributes).apply(resource), version).build();
    }

    @PUT
    @Path("{id}")
    public Response replace(@PathParam("id") String id, InputStream body,
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        ObjectNode resource = ScimJson.parseObject(context.readBody(body));
        return ProvisioningTransaction.run(context, scope -> new UserProvisioning(scope).replace(id, resource, ifMatch)).toResponse(context, "Users");
    }

    @PATCH
    @Path("{id}")
    public Response patch(@PathParam("id") String id, InputStream body, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        ObjectNode operations = ScimJson.parseObject(context.readBody(body));
        return ProvisioningTransaction.run(context, scope -> new UserProvisioning(scope).patch(id, operations, ifMatch)).toResponse(context, "Users");
    }

    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        return ProvisioningTransaction.run(context, scope -> new UserProvisioning(scope).delete(id, ifMatch)).toResponse(context, "Users");
    }



    // Wrong methods answer 405 with Allow, as a SCIM error (RFC 7644 §3.12).

    @PUT
    public Response putNotAllowed() {
        throw ScimException.methodNotAllowed("PUT", "/Users", "GET", "POST");
    }

    @PATCH
    public Response patchNotAllowed() {
        throw ScimException.methodNotAllowed("PATCH", "/Users", "GET", "POST");
    }

    @DELETE
    public Response deleteNotAllowed() {
        throw ScimException.methodNotAllowed("DELETE", "/Users", "GET", "POST");
    }

    @GET
    @Path(".search")
    public Response getSearchNotAllowed() {
        throw ScimException.methodNotAllowed("GET", "/Users/.search", "POST");
    }

    @PUT
    @Path(".search")
    public Response putSearchNotAllowed() {
        throw ScimException.methodNotAllowed("PUT", "/Users/.search", "POST");
    }

    @PATCH
    @Path(".search")
    public Response patchSearchNotAllowed() {
        throw ScimException.methodNotAllowed("PATCH", "/Users/.search", "POST");
    }

    @DELETE
    @Path(".search")
    public Response deleteSearchNotAllowed() {
        throw ScimException.methodNotAllowed("DELETE", "/Users/.search", "POST");
    }

    @POST
    @Path("{id}")
    public Response postIdNotAllowed() {
        throw ScimException.methodNotAllowed("POST", "/Users/{id}", "GET", "PUT", "PATCH", "DELETE");
    }

    /** Nothing lives below this endpoint: 404 as a SCIM error. */
    @Path("{id}/{rest: .+}")
    public ScimFallback below() {
        return ScimFallback.unknownEndpoint();
    }
}
