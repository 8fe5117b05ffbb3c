package dev.enterpriseconnect.scim.storage;

import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

import dev.enterpriseconnect.scim.filter.ScimFilter;
import dev.enterpriseconnect.scim.filter.ScimFilterException;

/**
 * Turns a SCIM filter into a JPQL condition. The logical operators translate the same way for
 * every resource type; subclasses say what a comparison, a presence test or a value path means.
 *
 * <p>The tree is normalised first, because Hibernate's HQL parser pays dearly for nested
 * parentheses, and more than exponentially for {@code not (not (...))}: double negations cancel,
 * {@code not} is pushed down to the leaves (De Morgan), and the result is emitted as one flat
 * disjunction of conjunctions, so no group nests inside another whatever the filter's shape.
 */
public abstract class JpqlFilterTranslator {

    protected final JpqlWhere where;

    protected JpqlFilterTranslator(JpqlWhere where) {
        this.where = where;
    }

    public final String translate(ScimFilter filter) {
        return emit(normalise(filter));
    }

    /** A filter in negation normal form with n-ary junctions: the shape {@link #translate} emits. */
    public sealed interface Normal {
    }

    /** {@code parts} joined by {@code and} (else {@code or}); no part is a junction of the same kind. */
    public record Junction(boolean and, List<Normal> parts) implements Normal {
    }

    /** A Comparison, Present or ValuePath, possibly negated. */
    public record Leaf(ScimFilter filter, boolean negated) implements Normal {
    }

    public static Normal normalise(ScimFilter filter) {
        return normalise(filter, false);
    }

    private static Normal normalise(ScimFilter filter, boolean negated) {
        // Recursion is bounded by the parser's limits on depth and terms.
        if (filter instanceof ScimFilter.Not not) {
            return normalise(not.filter(), !negated);
        }
        if (filter instanceof ScimFilter.And and) {
            return junction(!negated, and.left(), and.right(), negated);
        }
        if (filter instanceof ScimFilter.Or or) {
            return junction(negated, or.left(), or.right(), negated);
        }
        return new Leaf(filter, negated);
    }

    private static Normal junction(boolean and, ScimFilter left, ScimFilter right, boolean negated) {
        List<Normal> parts = new ArrayList<>();
        for (ScimFilter side : List.of(left, right)) {
            Normal part = normalise(side, negated);
            if (part instanceof Junction inner && inner.and() == and) {
                parts.addAll(inner.parts());
            } else {
                parts.add(part);
            }
        }
        return new Junction(and, List.copyOf(parts));
    }

    /**
     * Emits the filter as one disjunction of conjunctions ({@code a and b or c and d}), which HQL's
     * precedence reads without any parentheses: Hibernate's parser decides each nested
     * parenthesised group by scanning ahead to its end, so alternating groups cost it more with
     * every level (depth 5 took about a second to parse on first sight), while a flat
     * disjunction parses in linear time.
     */
    private String emit(Normal normal) {
        List<List<Leaf>> disjuncts = disjunctiveForm(normal);
        StringJoiner or = new StringJoiner(" or ", disjuncts.size() > 1 ? "(" : "", disjuncts.size() > 1 ? ")" : "");
        for (List<Leaf> conjunction : disjuncts) {
            StringJoiner and = new StringJoiner(" and ");
            for (Leaf leaf : conjunction) {
                and.add(leaf.negated() ? negate(leaf(leaf.filter())) : leaf(leaf.filter()));
            }
            or.add(disjuncts.size() == 1 && conjunction.size() > 1 ? "(" + and + ")" : and.toString());
        }
        return or.toString();
    }

    /**
     * The conjunctions whose disjunction the filter is. Distributing {@code and} over {@code or}
     * can multiply the terms, so the result is bounded: a filter that would need more leaves than
     * {@link #MAX_EXPANDED_TERMS} is refused as too complex (no IdP sends one).
     */
    public static List<List<Leaf>> disjunctiveForm(Normal normal) {
        if (normal instanceof Leaf leaf) {
            return List.of(List.of(leaf));
        }
        Junction junction = (Junction) normal;
        List<List<Leaf>> result = new ArrayList<>();
        if (!junction.and()) {
            for (Normal part : junction.parts()) {
                result.addAll(disjunctiveForm(part));
                requireBounded(result);
            }
            return result;
        }
        result.add(List.of());
        for (Normal part : junction.parts()) {
            List<List<Leaf>> next = new ArrayList<>();
            for (List<Leaf> prefix : result) {
                for (List<Leaf> suffix : disjunctiveForm(part)) {
                    List<Leaf> combined = new ArrayList<>(prefix);
                    combined.addAll(suffix);
                    next.add(combined);
                }
                requireBounded(next);
            }
            result = next;
        }
        return result;
    }

    /** The most leaves the expanded filter may hold: ample for any IdP's filter, cheap to parse. */
    public static final int MAX_EXPANDED_TERMS = 256;

    private static void requireBounded(List<List<Leaf>> disjuncts) {
        int terms = 0;
        for (List<Leaf> conjunction : disjuncts) {
            terms += conjunction.size();
        }
        if (terms > MAX_EXPANDED_TERMS) {
            throw new ScimFilterException("The filter is too complex: its and/or groups expand to more than "
                    + MAX_EXPANDED_TERMS + " comparisons; send fewer alternatives inside and-groups");
        }
    }

    /**
     * {@code not (condition)}, except that {@code exists (...)} and {@code not exists (...)} swap,
     * which keeps negated attribute conditions free of extra parentheses.
     */
    static String negate(String condition) {
        if (condition.startsWith("not exists (") && closesAtEnd(condition, "not exists ".length())) {
            return condition.substring("not ".length());
        }
        if (condition.startsWith("exists (") && closesAtEnd(condition, "exists ".length())) {
            return "not " + condition;
        }
        return "not (" + condition + ")";
    }

    /** True when the parenthesis at {@code open} closes at the last character (values are bound, never inline). */
    private static boolean closesAtEnd(String condition, int open) {
        int depth = 0;
        for (int i = open; i < condition.length(); i++) {
            char c = condition.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')' && --depth == 0) {
                return i == condition.length() - 1;
            }
        }
        return false;
    }

    /** {@code expression op operand} for a string operand; co/sw/ew become escaped LIKE patterns. */
    protected final String stringCondition(String expression, ScimFilter.Operator operator, String operand) {
        return switch (operator) {
            case EQ -> expression + " = " + where.bind(operand);
            case NE -> expression + " <> " + where.bind(operand);
            case CO -> expression + " like " + where.bind("%" + JpqlWhere.likeLiteral(operand) + "%") + " escape '!'";
            case SW -> expression + " like " + where.bind(JpqlWhere.likeLiteral(operand) + "%") + " escape '!'";
            case EW -> expression + " like " + where.bind("%" + JpqlWhere.likeLiteral(operand)) + " escape '!'";
            case GT -> expression + " > " + where.bind(operand);
            case GE -> expression + " >= " + where.bind(operand);
            case LT -> expression + " < " + where.bind(operand);
            case LE -> expression + " <= " + where.bind(operand);
        };
    }

    /** A Comparison, Present or ValuePath. */
    protected abstract String leaf(ScimFilter filter);
}
