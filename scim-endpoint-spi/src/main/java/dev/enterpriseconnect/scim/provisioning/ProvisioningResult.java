package dev.enterpriseconnect.scim.provisioning;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.enterpriseconnect.scim.endpoint.ScimRequestContext;
import dev.enterpriseconnect.scim.protocol.ScimJson;
import jakarta.ws.rs.core.Response;

/**
 * What a committed write produced, for the HTTP resource or a /Bulk operation to render.
 *
 * @param status   the HTTP status to answer (201, 200, 204)
 * @param id       the resource's id
 * @param resource the resource as SCIM shows it, or null (204)
 * @param version  the resource's {@code meta.version} after the write, or null (deleted)
 */
public record ProvisioningResult(int status, String id, ObjectNode resource, String version) {

    /** A result whose version is the one the resource shows (null when there is no resource). */
    public ProvisioningResult(int status, String id, ObjectNode resource) {
        this(status, id, resource, resource == null ? null : resource.at("/meta/version").asText(null));
    }

    /** The HTTP answer: the resource with its ETag, a Location for 201, or an empty body. */
    public Response toResponse(ScimRequestContext context, String resourceType) {
        if (resource == null) {
            Response.ResponseBuilder empty = Response.status(status);
            return (version() == null ? empty : empty.tag(ScimJson.entityTag(version()))).build();
        }
        Response.ResponseBuilder response = ScimJson.versioned(status, resource, version());
        if (status == 201) {
            response.location(context.location(resourceType, id));
        }
        return response.build();
    }
}
