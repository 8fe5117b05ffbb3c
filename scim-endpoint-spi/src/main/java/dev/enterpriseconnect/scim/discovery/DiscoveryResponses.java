package dev.enterpriseconnect.scim.discovery;

import java.util.List;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.enterpriseconnect.scim.protocol.ScimException;
import dev.enterpriseconnect.scim.protocol.ScimJson;
import dev.enterpriseconnect.scim.protocol.ScimSchemas;

/** What the read-only discovery endpoints (RFC 7644 §4) have in common. */
final class DiscoveryResponses {

    private DiscoveryResponses() {
    }

    /**
     * RFC 7644 §4: discovery endpoints ignore query parameters, but SHOULD refuse a filter with 403
     * so that a client cannot assume its conditions were applied.
     */
    static void rejectFilter(String filter) {
        if (filter != null) {
            throw ScimException.of(403, null, "Filtering is not supported on this endpoint");
        }
    }

    /** An unpaged RFC 7644 §3.4.2 ListResponse holding all of {@code resources}. */
    static ObjectNode listResponse(List<ObjectNode> resources) {
        ObjectNode body = ScimJson.object();
        body.putArray("schemas").add(ScimSchemas.LIST_RESPONSE);
        body.put("totalResults", resources.size());
        body.put("itemsPerPage", resources.size());
        body.put("startIndex", 1);
        ArrayNode array = body.putArray("Resources");
        resources.forEach(array::add);
        return body;
    }

    /** Sets {@code meta.resourceType} and {@code meta.location}, keeping any other meta members. */
    static ObjectNode withMeta(ObjectNode document, String resourceType, String location) {
        ObjectNode meta = document.has("meta") && document.get("meta").isObject()
                ? (ObjectNode) document.get("meta")
                : document.putObject("meta");
        meta.put("resourceType", resourceType);
        meta.put("location", location);
        return document;
    }
}
