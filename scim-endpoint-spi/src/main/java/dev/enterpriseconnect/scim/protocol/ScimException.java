package dev.enterpriseconnect.scim.protocol;

import com.fasterxml.jackson.databind.node.ObjectNode;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

/**
 * A SCIM error (RFC 7644 §3.12). Thrown anywhere below the endpoint; JAX-RS turns it into the
 * response it carries, so no half-done work is committed by Keycloak's transaction either.
 */
public final class ScimException extends WebApplicationException {

    private final String scimType;

    private ScimException(Response response, String detail) {
        this(response, null, detail);
    }

    private ScimException(Response response, String scimType, String detail) {
        super(detail, response);
        this.scimType = scimType;
    }

    public static ScimException of(int status, String scimType, String detail) {
        return new ScimException(build(status, scimType, detail).build(), scimType, detail);
    }

    /** The {@code scimType} of the error, or null when it has none. */
    public String scimType() {
        return scimType;
    }

    public static ScimException invalidSyntax(String detail) {
        return of(400, "invalidSyntax", detail);
    }

    public static ScimException invalidValue(String detail) {
        return of(400, "invalidValue", detail);
    }

    public static ScimException uniqueness(String detail) {
        return of(409, "uniqueness", detail);
    }

    public static ScimException notFound(String detail) {
        return of(404, null, detail);
    }

    /**
     * 401 with one {@code WWW-Authenticate} value per scheme, in the order given, e.g.
     * {@code Bearer realm="acme"} and {@code Basic realm="acme"}.
     */
    public static ScimException unauthorized(String realmName, String detail, String... schemes) {
        Response.ResponseBuilder response = build(401, null, detail);
        String quoted = "\"" + realmName.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
        for (String scheme : schemes) {
            response.header(HttpHeaders.WWW_AUTHENTICATE, scheme + " realm=" + quoted);
        }
        return new ScimException(response.build(), detail);
    }

    /** 429 with {@code Retry-After} in whole seconds (at least 1). */
    public static ScimException tooManyRequests(long retryAfterSeconds, String detail) {
        Response response = build(429, null, detail)
                .header(HttpHeaders.RETRY_AFTER, String.valueOf(Math.max(1, retryAfterSeconds)))
                .build();
        return new ScimException(response, detail);
    }

    /** 503 with {@code Retry-After}: a transient condition the client should retry (RFC 7231 §7.1.3). */
    public static ScimException retryLater(int seconds, String detail) {
        Response response = build(503, null, detail).header(HttpHeaders.RETRY_AFTER, String.valueOf(seconds)).build();
        return new ScimException(response, detail);
    }

    /** 405 with {@code Allow}: the endpoint exists, the method does not (RFC 7231 §6.5.5). */
    public static ScimException methodNotAllowed(String method, String endpoint, String... allowed) {
        String allow = String.join(", ", allowed);
        String detail = method + " is not supported on " + endpoint + "; it accepts " + allow;
        return new ScimException(build(405, null, detail).header(HttpHeaders.ALLOW, allow).build(), detail);
    }

    /** 415: a body that is neither {@code application/scim+json} nor {@code application/json}. */
    public static ScimException unsupportedMediaType(String contentType) {
        return of(415, null, "Content-Type " + contentType + " is not supported; send " + ScimSchemas.MEDIA_TYPE
                + " or application/json");
    }

    /** 403: the connector may not do this (RFC 7644 §3.12). */
    public static ScimException forbidden(String detail) {
        return of(403, null, detail);
    }

    private static Response.ResponseBuilder build(int status, String scimType, String detail) {
        ObjectNode body = ScimJson.object();
        body.putArray("schemas").add(ScimSchemas.ERROR);
        body.put("status", String.valueOf(status));
        if (scimType != null) {
            body.put("scimType", scimType);
        }
        body.put("detail", detail);
        return ScimJson.response(status, body);
    }
}
