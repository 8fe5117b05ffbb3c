package dev.enterpriseconnect.scim.protocol;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.enterpriseconnect.scim.filter.ScimFilter;
import dev.enterpriseconnect.scim.filter.ScimFilterException;
import dev.enterpriseconnect.scim.filter.ScimFilterParser;
import dev.enterpriseconnect.scim.storage.JpqlFilterTranslator;

/** The parameters of a list or {@code .search} request (RFC 7644 §3.4.2), validated once. */
public record ScimSearchRequest(ScimFilter filter, String sortBy, boolean descending, int startIndex, Integer count,
        ScimProjection projection) {

    public static final int DEFAULT_PAGE_SIZE = 100;

    public static ScimSearchRequest fromQuery(String filter, String startIndex, String count, String sortBy,
            String sortOrder, String attributes, String excludedAttributes) {
        return of(filter, integer("startIndex", startIndex), integer("count", count), sortBy, sortOrder,
                ScimProjection.of(attributes, excludedAttributes));
    }

    /** From a GET's query string ({@code filter}, {@code startIndex}, {@code count}, ...). */
    public static ScimSearchRequest fromQuery(jakarta.ws.rs.core.MultivaluedMap<String, String> query) {
        return fromQuery(query.getFirst("filter"), query.getFirst("startIndex"), query.getFirst("count"),
                query.getFirst("sortBy"), query.getFirst("sortOrder"), query.getFirst("attributes"),
                query.getFirst("excludedAttributes"));
    }

    public static ScimSearchRequest fromBody(String body) {
        ObjectNode request = ScimJson.parseObject(body);
        return of(text(request, "filter"), number(request, "startIndex"), number(request, "count"),
                text(request, "sortBy"), text(request, "sortOrder"),
                ScimProjection.of(list(request, "attributes"), list(request, "excludedAttributes")));
    }

    /** The page size to use: {@code count} clamped to [0, max], or the default. */
    public int pageSize(int max) {
        return count == null ? Math.min(DEFAULT_PAGE_SIZE, max) : Math.max(0, Math.min(count, max));
    }

    /** The ListResponse envelope around a page of resources. */
    public ObjectNode listResponse(long totalResults, List<ObjectNode> resources) {
        ObjectNode response = ScimJson.object();
        response.putArray("schemas").add(ScimSchemas.LIST_RESPONSE);
        response.put("totalResults", totalResults);
        response.put("startIndex", startIndex);
        response.put("itemsPerPage", resources.size());
        ArrayNode array = response.putArray("Resources");
        resources.forEach(array::add);
        return response;
    }

    private static ScimSearchRequest of(String filterText, Integer startIndex, Integer count, String sortBy,
            String sortOrder, ScimProjection projection) {
        ScimFilter filter = null;
        if (filterText != null && !filterText.isBlank()) {
            try {
                filter = ScimFilterParser.parse(filterText);
                // Refused here, before any query is built, if its query form would be too large.
                JpqlFilterTranslator.disjunctiveForm(JpqlFilterTranslator.normalise(filter));
            } catch (ScimFilterException e) {
                throw ScimException.of(400, "invalidFilter", e.getMessage());
            }
        }
        boolean descending = false;
        if (sortOrder != null && !sortOrder.isBlank()) {
            switch (sortOrder.toLowerCase(Locale.ROOT)) {
                case "ascending" -> descending = false;
                case "descending" -> descending = true;
                default -> throw ScimException.invalidValue("sortOrder must be 'ascending' or 'descending'");
            }
        }
        int first = startIndex == null || startIndex < 1 ? 1 : startIndex;
        return new ScimSearchRequest(filter, sortBy == null || sortBy.isBlank() ? null : sortBy, descending, first,
                count, projection);
    }

    private static Integer integer(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(value.trim());
        } catch (NumberFormatException e) {
            throw ScimException.invalidValue("'" + name + "' must be an integer");
        }
    }

    private static Integer number(ObjectNode request, String name) {
        JsonNode value = JsonFields.get(request, name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.canConvertToInt()) {
            throw ScimException.invalidValue("'" + name + "' must be an integer");
        }
        return value.intValue();
    }

    private static String text(ObjectNode request, String name) {
        JsonNode value = JsonFields.get(request, name);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static String list(ObjectNode request, String name) {
        JsonNode value = JsonFields.get(request, name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isArray()) {
            List<String> items = new ArrayList<>();
            value.forEach(v -> items.add(v.asText()));
            return String.join(",", items);
        }
        return value.asText();
    }
}
