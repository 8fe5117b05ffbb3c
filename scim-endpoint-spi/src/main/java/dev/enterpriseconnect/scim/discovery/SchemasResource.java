package dev.enterpriseconnect.scim.discovery;

import java.util.List;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.enterpriseconnect.scim.endpoint.ScimFallback;
import dev.enterpriseconnect.scim.endpoint.ScimRequestContext;
import dev.enterpriseconnect.scim.protocol.ScimException;
import dev.enterpriseconnect.scim.protocol.ScimJson;
import dev.enterpriseconnect.scim.protocol.ScimSchemas;
import dev.enterpriseconnect.scim.schema.ScimSchemaCatalog;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

/** RFC 7644 §4 {@code /Schemas}: the RFC 7643 §7 definitions of every schema this server serves. */
public final class SchemasResource {

    private final ScimRequestContext context;
    private final ScimSchemaCatalog catalog;

    /** @param catalog the connector's schemas in its realm ({@link ScimRequestContext#schemas()}) */
    public SchemasResource(ScimRequestContext context, ScimSchemaCatalog catalog) {
        this.context = context;
        this.catalog = catalog;
    }

    @GET
    public Response list(@QueryParam("filter") String filter) {
        DiscoveryResponses.rejectFilter(filter);
        String baseUrl = context.baseUrl().toString();
        List<ObjectNode> schemas = catalog.all();
        schemas.forEach(schema -> decorate(schema, baseUrl));
        return ScimJson.response(200, DiscoveryResponses.listResponse(schemas)).build();
    }

    @GET
    @Path("{id}")
    public Response get(@PathParam("id") String id) {
        ObjectNode schema = catalog.byId(id)
                .orElseThrow(() -> ScimException.notFound("Schema " + id + " not found"));
        return ScimJson.response(200, decorate(schema, context.baseUrl().toString())).build();
    }

    /** Adds the {@code schemas} member (if absent) and the runtime {@code meta}. */
    private static ObjectNode decorate(ObjectNode schema, String baseUrl) {
        if (!schema.has("schemas")) {
            // Put "schemas" first, as in every other SCIM resource representation.
            ObjectNode ordered = ScimJson.object();
            ArrayNode uris = ordered.putArray("schemas");
            uris.add(ScimSchemas.SCHEMA);
            ordered.setAll(schema);
            schema.removeAll();
            schema.setAll(ordered);
        }
        return DiscoveryResponses.withMeta(schema, "Schema", baseUrl + "/Schemas/" + schema.get("id").asText());
    }

    // Wrong methods answer 405 with Allow, as a SCIM error (RFC 7644 §3.12).

    @POST
    public Response postNotAllowed() {
        throw ScimException.methodNotAllowed("POST", "/Schemas", "GET");
    }

    @PUT
    public Response putNotAllowed() {
        throw ScimException.methodNotAllowed("PUT", "/Schemas", "GET");
    }

    @PATCH
    public Response patchNotAllowed() {
        throw ScimException.methodNotAllowed("PATCH", "/Schemas", "GET");
    }

    @DELETE
    public Response deleteNotAllowed() {
        throw ScimException.methodNotAllowed("DELETE", "/Schemas", "GET");
    }

    @POST
    @Path("{id}")
    public Response postIdNotAllowed() {
        throw ScimException.methodNotAllowed("POST", "/Schemas/{id}", "GET");
    }

    @PUT
    @Path("{id}")
    public Response putIdNotAllowed() {
        throw ScimException.methodNotAllowed("PUT", "/Schemas/{id}", "GET");
    }

    @PATCH
    @Path("{id}")
    public Response patchIdNotAllowed() {
        throw ScimException.methodNotAllowed("PATCH", "/Schemas/{id}", "GET");
    }

    @DELETE
    @Path("{id}")
    public Response deleteIdNotAllowed() {
        throw ScimException.methodNotAllowed("DELETE", "/Schemas/{id}", "GET");
    }

    /** Nothing lives below this endpoint: 404 as a SCIM error. */
    @Path("{id}/{rest: .+}")
    public ScimFallback below() {
        return ScimFallback.unknownEndpoint();
    }
}
