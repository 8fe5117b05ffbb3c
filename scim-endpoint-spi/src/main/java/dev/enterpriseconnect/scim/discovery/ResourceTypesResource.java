package dev.enterpriseconnect.scim.discovery;

import java.util.List;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.enterpriseconnect.scim.endpoint.ScimFallback;
import dev.enterpriseconnect.scim.endpoint.ScimRequestContext;
import dev.enterpriseconnect.scim.protocol.ScimException;
import dev.enterpriseconnect.scim.protocol.ScimJson;
import dev.enterpriseconnect.scim.protocol.ScimSchemas;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

/** RFC 7644 §4 {@code /ResourceTypes}: the RFC 7643 §6 ResourceType of each endpoint. */
public final class ResourceTypesResource {

    private final ScimRequestContext context;

    public ResourceTypesResource(ScimRequestContext context) {
        this.context = context;
    }

    @GET
    public Response list(@QueryParam("filter") String filter) {
        DiscoveryResponses.rejectFilter(filter);
        List<ObjectNode> types = resourceTypes();
        return ScimJson.response(200, DiscoveryResponses.listResponse(types)).build();
    }

    @GET
    @Path("{name}")
    public Response get(@PathParam("name") String name) {
        ObjectNode type = resourceTypes().stream()
                .filter(candidate -> candidate.get("name").asText().equals(name))
                .findFirst()
                .orElseThrow(() -> ScimException.notFound("ResourceType " + name + " not found"));
        return ScimJson.response(200, type).build();
    }

    private List<ObjectNode> resourceTypes() {
        String baseUrl = context.baseUrl().toString();
        ObjectNode user = resourceType("User", "/Users", "User Account", ScimSchemas.USER);
        var extensions = user.putArray("schemaExtensions");
        context.schemas().userExtensions().forEach(extension ->
                extensions.addObject().put("schema", extension.id()).put("required", false));
        ObjectNode group = resourceType("Group", "/Groups", "Group", ScimSchemas.GROUP);
        return List.of(
                DiscoveryResponses.withMeta(user, "ResourceType", baseUrl + "/ResourceTypes/User"),
                DiscoveryResponses.withMeta(group, "ResourceType", baseUrl + "/ResourceTypes/Group"));
    }

    private static ObjectNode resourceType(String name, String endpoint, String description, String schema) {
        ObjectNode type = ScimJson.object();
        type.putArray("schemas").add(ScimSchemas.RESOURCE_TYPE);
        type.put("id", name);
        type.put("name", name);
        type.put("endpoint", endpoint);
        type.put("description", description);
        type.put("schema", schema);
        return type;
    }

    // Wrong methods answer 405 with Allow, as a SCIM error (RFC 7644 §3.12).

    @POST
    public Response postNotAllowed() {
        throw ScimException.methodNotAllowed("POST", "/ResourceTypes", "GET");
    }

    @PUT
    public Response putNotAllowed() {
        throw ScimException.methodNotAllowed("PUT", "/ResourceTypes", "GET");
    }

    @PATCH
    public Response patchNotAllowed() {
        throw ScimException.methodNotAllowed("PATCH", "/ResourceTypes", "GET");
    }

    @DELETE
    public Response deleteNotAllowed() {
        throw ScimException.methodNotAllowed("DELETE", "/ResourceTypes", "GET");
    }

    @POST
    @Path("{id}")
    public Response postIdNotAllowed() {
        throw ScimException.methodNotAllowed("POST", "/ResourceTypes/{id}", "GET");
    }

    @PUT
    @Path("{id}")
    public Response putIdNotAllowed() {
        throw ScimException.methodNotAllowed("PUT", "/ResourceTypes/{id}", "GET");
    }

    @PATCH
    @Path("{id}")
    public Response patchIdNotAllowed() {
        throw ScimException.methodNotAllowed("PATCH", "/ResourceTypes/{id}", "GET");
    }

    @DELETE
    @Path("{id}")
    public Response deleteIdNotAllowed() {
        throw ScimException.methodNotAllowed("DELETE", "/ResourceTypes/{id}", "GET");
    }

    /** Nothing lives below this endpoint: 404 as a SCIM error. */
    @Path("{id}/{rest: .+}")
    public ScimFallback below() {
        return ScimFallback.unknownEndpoint();
    }
}
