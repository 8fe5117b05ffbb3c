package dev.enterpriseconnect.scim.discovery;

import java.util.List;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.enterpriseconnect.scim.endpoint.ScimRequestContext;
import dev.enterpriseconnect.scim.protocol.ScimException;
import dev.enterpriseconnect.scim.protocol.ScimJson;
import dev.enterpriseconnect.scim.protocol.ScimSchemas;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

/** RFC 7644 §4 {@code /Schemas}: the RFC 7643 §7 definitions of every schema this server serves. */
public final class SchemasResource {

    private final ScimRequestContext context;
    private final ScimSchemaCatalog catalog;

    public SchemasResource(ScimRequestContext context) {
        this(context, ScimSchemaCatalog.standard());
    }

    /** For a connector that publishes more schemas than the built-in ones. */
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
}
