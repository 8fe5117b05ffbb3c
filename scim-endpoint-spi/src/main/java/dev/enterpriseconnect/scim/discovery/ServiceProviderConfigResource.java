package dev.enterpriseconnect.scim.discovery;

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
import jakarta.ws.rs.core.Response;

/** RFC 7643 §5: states only what this server really does. */
public final class ServiceProviderConfigResource {

    private final ScimRequestContext context;

    public ServiceProviderConfigResource(ScimRequestContext context) {
        this.context = context;
    }

    @GET
    public Response get() {
        ObjectNode body = ScimJson.object();
        body.putArray("schemas").add(ScimSchemas.SERVICE_PROVIDER_CONFIG);
        body.put("documentationUri", "https://github.com/enterprise-connect/enterprise-connect#readme");
        body.putObject("patch").put("supported", true);
        ObjectNode bulk = body.putObject("bulk");
        bulk.put("supported", true);
        bulk.put("maxOperations", context.connector().bulkMaxOperations());
        bulk.put("maxPayloadSize", context.connector().bulkMaxPayloadSize());
        ObjectNode filter = body.putObject("filter");
        filter.put("supported", true);
        filter.put("maxResults", context.connector().maxPageSize());
        // A password is stored only under the connector's passwordPolicy "set".
        body.putObject("changePassword").put("supported", "set".equals(context.connector().passwordPolicy()));
        body.putObject("sort").put("supported", true);
        body.putObject("etag").put("supported", true);
        // The one credential this connector accepts (RFC 7643 §5 type names).
        ObjectNode scheme = body.putArray("authenticationSchemes").addObject();
        switch (context.connector().credentialType()) {
            case "basic" -> scheme.put("type", "httpbasic").put("name", "HTTP Basic")
                    .put("description", "The connector's username and password, shown once when it was created or"
                            + " its secret rotated");
            case "oauth" -> scheme.put("type", "oauthbearertoken").put("name", "OAuth bearer token")
                    .put("description", "An access token of this realm whose user or service account holds the realm"
                            + " role " + context.connector().oauthRole())
                    .put("specUri", "https://www.rfc-editor.org/rfc/rfc6750");
            default -> scheme.put("type", "oauthbearertoken").put("name", "Connector bearer token")
                    .put("description", "The static token shown once when the connector was created or its secret"
                            + " rotated");
        }
        scheme.put("primary", true);
        ObjectNode meta = body.putObject("meta");
        meta.put("resourceType", "ServiceProviderConfig");
        meta.put("location", context.baseUrl() + "/ServiceProviderConfig");
        return ScimJson.response(200, body).build();
    }

    // Wrong methods answer 405 with Allow, as a SCIM error (RFC 7644 §3.12).

    @POST
    public Response postNotAllowed() {
        throw ScimException.methodNotAllowed("POST", "/ServiceProviderConfig", "GET");
    }

    @PUT
    public Response putNotAllowed() {
        throw ScimException.methodNotAllowed("PUT", "/ServiceProviderConfig", "GET");
    }

    @PATCH
    public Response patchNotAllowed() {
        throw ScimException.methodNotAllowed("PATCH", "/ServiceProviderConfig", "GET");
    }

    @DELETE
    public Response deleteNotAllowed() {
        throw ScimException.methodNotAllowed("DELETE", "/ServiceProviderConfig", "GET");
    }

    /** Nothing lives below this endpoint: 404 as a SCIM error. */
    @Path("{rest: .+}")
    public ScimFallback below() {
        return ScimFallback.unknownEndpoint();
    }
}
