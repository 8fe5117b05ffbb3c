package dev.enterpriseconnect.scim.filter;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;

import dev.enterpriseconnect.scim.filter.ScimFilter.And;
import dev.enterpriseconnect.scim.filter.ScimFilter.Comparison;
import dev.enterpriseconnect.scim.filter.ScimFilter.Not;
import dev.enterpriseconnect.scim.filter.ScimFilter.Or;
import dev.enterpriseconnect.scim.filter.ScimFilter.Present;
import dev.enterpriseconnect.scim.filter.ScimFilter.ValuePath;
import dev.enterpriseconnect.scim.protocol.JsonFields;
import dev.enterpriseconnect.scim.protocol.ScimSchemas;

/**
 * Evaluates a filter against one JSON object in memory, e.g. an element of {@code emails} or
 * {@code members} selected by a PATCH value path. Attribute names are case-insensitive and
 * strings compare as {@code caseExact=false}, the default of RFC 7643 §2.2, which is what the
 * attributes selected this way ({@code type}, {@code value}, {@code display}) use.
 */
public final class JsonFilterEvaluator {

    private JsonFilterEvaluator() {
    }

    /**
     * Recurses once per level of the tree, which only {@link ScimFilterParser} builds: at most
     * {@link FilterLimits#MAX_DEPTH} plus {@link FilterLimits#MAX_TERMS} frames deep.
     */
    public static boolean matches(ScimFilter filter, JsonNode element) {
        if (filter instanceof And and) {
            return matches(and.left(), element) && matches(and.right(), element);
        }
        if (filter instanceof Or or) {
            return matches(or.left(), element) || matches(or.right(), element);
        }
        if (filter instanceof Not not) {
            return !matches(not.filter(), element);
        }
        if (filter instanceof Present present) {
            return values(present.path(), element).stream().anyMatch(JsonFilterEvaluator::isPresent);
        }
        if (filter instanceof Comparison comparison) {
            return compare(comparison, element);
        }
        return anyElementMatches((ValuePath) filter, element);
    }

    private static boolean anyElementMatches(ValuePath valuePath, JsonNode element) {
        JsonNode attribute = JsonFields.get(scope(valuePath.attribute(), element), valuePath.attribute().attribute());
        if (attribute == null) {
            return false;
        }
        if (attribute.isObject()) {
            return matches(valuePath.filter(), attribute);
        }
        for (JsonNode item : attribute) {
            if (matches(valuePath.filter(), item)) {
                return true;
            }
        }
        return false;
    }

    /**
     * {@code ne} is the negation of {@code eq}, so it holds when the attribute is missing.
     * {@code eq null} holds for an unassigned attribute: null, "" and [] (RFC 7643 §2.5).
     */
    private static boolean compare(Comparison comparison, JsonNode element) {
        List<JsonNode> values = values(comparison.path(), element);
        boolean negate = comparison.operator() == ScimFilter.Operator.NE;
        ScimFilter.Operator operator = negate ? ScimFilter.Operator.EQ : comparison.operator();
        boolean result;
        if (comparison.value() == null) {
            result = operator == ScimFilter.Operator.EQ && values.stream().noneMatch(JsonFilterEvaluator::isPresent);
        } else {
            result = values.stream().anyMatch(v -> test(operator, v, comparison.value()));
        }
        return negate != result;
    }

    private static boolean test(ScimFilter.Operator operator, JsonNode actual, Object expected) {
        if (actual.isNull()) {
            return false;
        }
        if (expected instanceof String text && actual.isTextual()) {
            String a = actual.asText().toLowerCase(Locale.ROOT);
            String e = text.toLowerCase(Locale.ROOT);
            return switch (operator) {
                case EQ -> a.equals(e);
                case CO -> a.contains(e);
                case SW -> a.startsWith(e);
                case EW -> a.endsWith(e);
                case GT -> a.compareTo(e) > 0;
                case GE -> a.compareTo(e) >= 0;
                case LT -> a.compareTo(e) < 0;
                case LE -> a.compareTo(e) <= 0;
                case NE -> false; // compare() turns ne into not eq
            };
        }
        if (expected instanceof BigDecimal number && actual.isNumber()) {
            int order = actual.decimalValue().compareTo(number);
            return switch (operator) {
                case EQ -> order == 0;
                case GT -> order > 0;
                case GE -> order >= 0;
                case LT -> order < 0;
                case LE -> order <= 0;
                case NE, CO, SW, EW -> false; // ne: see compare(); the others are string operators
            };
        }
        if (expected instanceof Boolean bool && actual.isBoolean()) {
            return operator == ScimFilter.Operator.EQ && actual.booleanValue() == bool;
        }
        return false;
    }

    /**
     * The values a path denotes in {@code element}. A multi-valued attribute contributes each
     * element; without a sub-attribute, complex elements stand for their {@code value} (RFC 7644
     * §3.4.2.2: {@code emails co "x"} means {@code emails.value co "x"}).
     */
    private static List<JsonNode> values(AttributePath path, JsonNode element) {
        List<JsonNode> out = new ArrayList<>();
        JsonNode attribute = JsonFields.get(scope(path, element), path.attribute());
        if (attribute == null) {
            return out;
        }
        String sub = path.subAttribute();
        if (attribute.isArray()) {
            for (JsonNode item : attribute) {
                addValue(out, item, sub != null ? sub : "value");
            }
        } else if (sub != null) {
            addValue(out, attribute, sub);
        } else {
            out.add(attribute);
        }
        return out;
    }

    private static void addValue(List<JsonNode> out, JsonNode node, String sub) {
        if (!node.isObject()) {
            out.add(node);
            return;
        }
        JsonNode value = JsonFields.get(node, sub);
        if (value != null) {
            out.add(value);
        }
    }

    /**
     * Core attributes are at the top level; an extension's are inside the object keyed by its
     * URN, and missing when that object is (never a top-level attribute of the same name).
     */
    private static JsonNode scope(AttributePath path, JsonNode element) {
        String schema = path.schema();
        if (schema == null || schema.equalsIgnoreCase(ScimSchemas.USER) || schema.equalsIgnoreCase(ScimSchemas.GROUP)) {
            return element;
        }
        return JsonFields.get(element, schema);
    }

    private static boolean isPresent(JsonNode value) {
        if (value == null || value.isNull()) {
            return false;
        }
        if (value.isTextual()) {
            return !value.asText().isEmpty();
        }
        return !(value.isContainerNode() && value.isEmpty());
    }
}
