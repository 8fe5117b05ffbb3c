package dev.enterpriseconnect.scim.protocol;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import jakarta.ws.rs.core.Response;

/** Reads request bodies and writes {@code application/scim+json} responses. */
public final class ScimJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ScimJson() {
    }

    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    /** Parses a request body that must be one JSON object; anything else is {@code invalidSyntax}. */
    public static ObjectNode parseObject(String body) {
        if (body == null || body.isBlank()) {
            throw ScimException.invalidSyntax("Request body is empty");
        }
        JsonNode node;
        try {
            node = MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw ScimException.invalidSyntax("Request body is not valid JSON: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            throw ScimException.invalidSyntax("Request body must be a JSON object");
        }
        return (ObjectNode) node;
    }

    /** Reads JSON this server stored itself (e.g. one phone number in a user attribute). */
    public static JsonNode parseStored(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            return MAPPER.getNodeFactory().textNode(json);
        }
    }

    public static Response.ResponseBuilder response(int status, JsonNode body) {
        return Response.status(status).type(ScimSchemas.MEDIA_TYPE).entity(write(body));
    }

    /**
     * A response carrying the resource's {@code meta.version} as its ETag header. The version is
     * the whole resource's, taken before {@code attributes}/{@code excludedAttributes} applied: a
     * representation without {@code meta} still has its ETag.
     */
    public static Response.ResponseBuilder versioned(int status, ObjectNode shown, String version) {
        Response.ResponseBuilder response = response(status, shown);
        jakarta.ws.rs.core.EntityTag tag = entityTag(version);
        return tag == null ? response : response.tag(tag);
    }

    /**
     * {@code W/"abc"} as a JAX-RS EntityTag (opaque part plus the weak flag); an unquoted version is
     * taken as the opaque part. Null for a missing or blank version: no ETag rather than a 500.
     */
    public static jakarta.ws.rs.core.EntityTag entityTag(String version) {
        String opaque = opaquePart(version);
        return opaque == null ? null : new jakarta.ws.rs.core.EntityTag(opaque, version.startsWith("W/"));
    }

    /** {@code abc} of {@code W/"abc"} or {@code "abc"}; null for a missing or blank version. */
    static String opaquePart(String version) {
        if (version == null || version.isBlank()) {
            return null;
        }
        String quoted = version.startsWith("W/") ? version.substring(2) : version;
        boolean isQuoted = quoted.length() >= 2 && quoted.startsWith("\"") && quoted.endsWith("\"");
        return isQuoted ? quoted.substring(1, quoted.length() - 1) : quoted;
    }

    public static String write(JsonNode body) {
        try {
            return MAPPER.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
