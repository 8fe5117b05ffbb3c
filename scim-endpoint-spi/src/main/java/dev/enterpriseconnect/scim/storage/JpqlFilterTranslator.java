package dev.enterpriseconnect.scim.storage;

import dev.enterpriseconnect.scim.filter.ScimFilter;

/**
 * Turns a SCIM filter into a JPQL condition. The logical operators translate the same way for
 * every resource type; subclasses say what a comparison, a presence test or a value path means.
 */
public abstract class JpqlFilterTranslator {

    protected final JpqlWhere where;

    protected JpqlFilterTranslator(JpqlWhere where) {
        this.where = where;
    }

    public final String translate(ScimFilter filter) {
        if (filter instanceof ScimFilter.And and) {
            return "(" + translate(and.left()) + " and " + translate(and.right()) + ")";
        }
        if (filter instanceof ScimFilter.Or or) {
            return "(" + translate(or.left()) + " or " + translate(or.right()) + ")";
        }
        if (filter instanceof ScimFilter.Not not) {
            return "not (" + translate(not.filter()) + ")";
        }
        return leaf(filter);
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
