package dev.enterpriseconnect.scim.endpoint;

import java.util.function.Supplier;

import dev.enterpriseconnect.scim.protocol.ScimException;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

/**
 * Answers every method on a path, and on every path below it, with one SCIM error (RFC 7644
 * §3.12): an unknown endpoint is 404, {@code /Me} is 501. Keycloak's own exception mapping cannot be
 * extended by a provider, so the SCIM error body comes from resource methods instead of the
 * container's {@code {"error":"HTTP 405 Method Not Allowed"}}.
 */
public final class ScimFallback {

    private final Supplier<ScimException> answer;

    private ScimFallback(Supplier<ScimException> answer) {
        this.answer = answer;
    }

    /** 404 for a path under the base URL that names no SCIM endpoint. */
    public static ScimFallback unknownEndpoint() {
        return new ScimFallback(() -> ScimException.notFound("No SCIM endpoint at this path"
                + "; this server offers /Users, /Groups, /Bulk, /.search, /Schemas, /ResourceTypes and /ServiceProviderConfig"));
    }

    /** 501 for {@code /Me}: the caller is a connector, not a user, so there is no "me" (RFC 7644 §3.11). */
    static ScimFallback me() {
        return new ScimFallback(() -> ScimException.of(501, null,
                "/Me is not implemented: the caller is a provisioning connector, not a user"));
    }

    @GET
    public Response get() {
        throw answer.get();
    }

    @POST
    public Response post() {
        throw answer.get();
    }

    @PUT
    public Response put() {
        throw answer.get();
    }

    @PATCH
    public Response patch() {
        throw answer.get();
    }

    @DELETE
    public Response delete() {
        throw answer.get();
    }

    /** The same answer for every path below this one. */
    @Path("{rest: .+}")
    public ScimFallback below() {
        return this;
    }
}
