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

    public static String write(JsonNode body) {
        try {
            return MAPPER.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
