package dev.enterpriseconnect.scim.patch;

import java.math.BigDecimal;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.enterpriseconnect.scim.filter.ScimFilter;
import dev.enterpriseconnect.scim.filter.ScimFilter.And;
import dev.enterpriseconnect.scim.filter.ScimFilter.Comparison;
import dev.enterpriseconnect.scim.protocol.JsonFields;

/** Rules for the elements of multi-valued attributes (RFC 7643 §2.4). */
final class MultiValued {

    private MultiValued() {
    }

    /**
     * Two elements are the same when their {@code value}s are equal (a member id, an address),
     * or, lacking a {@code value}, when they are equal as a whole.
     */
    static boolean sameElement(JsonNode a, JsonNode b) {
        JsonNode valueA = JsonFields.get(a, "value");
        JsonNode valueB = JsonFields.get(b, "value");
        if (valueA != null && valueB != null) {
            return valueA.equals(valueB);
        }
        return a.equals(b);
    }

    /**
     * Appends {@code element} unless an element with the same value is there; then the new
     * sub-attributes go onto that one instead (a re-pushed member with a new display name).
     *
     * @return the element now in the array
     */
    static JsonNode appendUnique(ArrayNode array, JsonNode element) {
        for (JsonNode existing : array) {
            if (sameElement(existing, element)) {
                if (existing.isObject() && element.isObject()) {
                    Fields.merge((ObjectNode) existing, (ObjectNode) element);
                }
                return existing;
            }
        }
        JsonNode copy = element.deepCopy();
        array.add(copy);
        return copy;
    }

    /**
     * "The primary attribute value true MUST appear no more than once" (RFC 7643 §2.4): the last
     * of {@code changed} that says primary wins, the others in {@code array} lose it.
     */
    static void keepOnePrimary(ArrayNode array, List<JsonNode> changed) {
        JsonNode chosen = null;
        for (JsonNode element : changed) {
            if (isPrimary(element)) {
                chosen = element;
            }
        }
        if (chosen == null) {
            return;
        }
        for (JsonNode element : array) {
            if (element != chosen && isPrimary(element)) {
                Fields.set((ObjectNode) element, "primary", JsonNodeFactory.instance.booleanNode(false));
            }
        }
    }

    private static boolean isPrimary(JsonNode element) {
        JsonNode primary = JsonFields.get(element, "primary");
        return primary != null && primary.isBoolean() && primary.booleanValue();
    }

    /**
     * The element a value filter describes, when it is only {@code eq} comparisons joined by
     * {@code and}: {@code type eq "work"} gives {@code {"type":"work"}}. Else {@code null}.
     */
    static ObjectNode elementFrom(ScimFilter filter) {
        ObjectNode element = JsonNodeFactory.instance.objectNode();
        return describe(filter, element) ? element : null;
    }

    private static boolean describe(ScimFilter filter, ObjectNode element) {
        if (filter instanceof And and) {
            return describe(and.left(), element) && describe(and.right(), element);
        }
        if (!(filter instanceof Comparison comparison) || comparison.operator() != ScimFilter.Operator.EQ
                || comparison.path().schema() != null || comparison.path().subAttribute() != null
                || comparison.value() == null) {
            return false;
        }
        Object value = comparison.value();
        JsonNodeFactory json = JsonNodeFactory.instance;
        JsonNode node = value instanceof String text ? json.textNode(text)
                : value instanceof Boolean bool ? json.booleanNode(bool)
                : json.numberNode((BigDecimal) value);
        element.set(comparison.path().attribute(), node);
        return true;
    }
}
