package dev.enterpriseconnect.scim.filter;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;

import dev.enterpriseconnect.scim.filter.FilterTokenizer.Kind;
import dev.enterpriseconnect.scim.filter.FilterTokenizer.Token;
import dev.enterpriseconnect.scim.filter.ScimFilter.And;
import dev.enterpriseconnect.scim.filter.ScimFilter.Comparison;
import dev.enterpriseconnect.scim.filter.ScimFilter.Not;
import dev.enterpriseconnect.scim.filter.ScimFilter.Operator;
import dev.enterpriseconnect.scim.filter.ScimFilter.Or;
import dev.enterpriseconnect.scim.filter.ScimFilter.Present;
import dev.enterpriseconnect.scim.filter.ScimFilter.ValuePath;

/**
 * Recursive-descent parser for SCIM filters (RFC 7644 §3.4.2.2) and PATCH paths (§3.5.2).
 * Precedence, loosest first: {@code or}, {@code and}, {@code not(...)} / {@code (...)} /
 * attribute expressions. Keywords and operators are case-insensitive. Error messages give
 * 1-based positions. Every input is held to {@link FilterLimits}: its length before tokenising,
 * its nesting before each recursive descent, its number of terms as they are read.
 */
public final class ScimFilterParser {

    private final List<Token> tokens;
    private int next;
    private int depth;
    private int terms;

    private ScimFilterParser(String text, String what) {
        if (text.length() > FilterLimits.MAX_LENGTH) {
            throw new ScimFilterException(what + " is too long: " + text.length() + " characters, at most "
                    + FilterLimits.MAX_LENGTH + " are allowed (position " + (FilterLimits.MAX_LENGTH + 1)
                    + " is past the limit)");
        }
        this.tokens = FilterTokenizer.tokenize(text);
    }

    public static ScimFilter parse(String filter) {
        if (filter == null || filter.isBlank()) {
            throw new ScimFilterException("Filter is empty");
        }
        ScimFilterParser parser = new ScimFilterParser(filter, "Filter");
        ScimFilter result = parser.or(false);
        parser.expectEnd("'and', 'or' or the end of the filter");
        return result;
    }

    public static PathExpression parsePath(String path) {
        if (path == null || path.isBlank()) {
            throw new ScimFilterException("Path is empty");
        }
        ScimFilterParser parser = new ScimFilterParser(path, "Path");
        Token first = parser.take();
        AttributePath attribute = parser.attributePath(first);
        ScimFilter valueFilter = null;
        String subAttribute = null;
        Token bracket = parser.peek();
        if (bracket.kind() == Kind.LBRACKET) {
            parser.requireTopLevel(attribute, bracket);
            parser.take();
            parser.enter(bracket);
            valueFilter = parser.or(true);
            parser.close(bracket);
            Token sub = parser.peek();
            if (isSubAttributeToken(sub)) {
                parser.take();
                subAttribute = subAttributeName(sub);
            }
        }
        parser.expectEnd("the end of the path");
        return new PathExpression(attribute, valueFilter, subAttribute);
    }

    /**
     * Parses {@code [schemaUrn:]attribute[.subAttribute]}. In a URN the attribute follows the
     * last colon; only then is a dot a sub-attribute separator, since URNs hold dots ({@code 2.0}).
     *
     * @return the path, or {@code null} when {@code text} is not one
     */
    static AttributePath attributePathOf(String text) {
        String schema = null;
        String rest = text;
        if (text.regionMatches(true, 0, "urn:", 0, 4)) {
            int colon = text.lastIndexOf(':');
            schema = text.substring(0, colon);
            rest = text.substring(colon + 1);
            if (schema.length() <= 4 || schema.endsWith(":")) {
                return null;
            }
        }
        int dot = rest.indexOf('.');
        String attribute = dot < 0 ? rest : rest.substring(0, dot);
        String sub = dot < 0 ? null : rest.substring(dot + 1);
        if (!isName(attribute) || (sub != null && !isName(sub))) {
            return null;
        }
        return new AttributePath(schema, attribute, sub);
    }

    /** ATTRNAME of RFC 7644: ALPHA *(ALPHA / DIGIT / "-" / "_"), plus RFC 7643's {@code $ref}. */
    private static boolean isName(String name) {
        if (name.isEmpty()) {
            return false;
        }
        char first = name.charAt(0);
        if (!isAlpha(first) && first != '$') {
            return false;
        }
        for (int i = 1; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!isAlpha(c) && !(c >= '0' && c <= '9') && c != '-' && c != '_') {
                return false;
            }
        }
        return true;
    }

    private static boolean isAlpha(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    /** @param inValueFilter true between '[' and ']', where another '[' is not allowed */
    private ScimFilter or(boolean inValueFilter) {
        ScimFilter left = and(inValueFilter);
        while (peek().isWord("or")) {
            take();
            left = new Or(left, and(inValueFilter));
        }
        return left;
    }

    private ScimFilter and(boolean inValueFilter) {
        ScimFilter left = unary(inValueFilter);
        while (peek().isWord("and")) {
            take();
            left = new And(left, unary(inValueFilter));
        }
        return left;
    }

    private ScimFilter unary(boolean inValueFilter) {
        Token token = take();
        if (token.isWord("not")) {
            Token paren = take();
            if (paren.kind() != Kind.LPAREN) {
                throw new ScimFilterException("Expected '(' after 'not' at position " + paren.position()
                        + found(paren));
            }
            enter(token);
            ScimFilter inner = or(inValueFilter);
            close(paren);
            return new Not(inner);
        }
        if (token.kind() == Kind.LPAREN) {
            enter(token);
            ScimFilter inner = or(inValueFilter);
            close(token);
            return inner;
        }
        return attributeExpression(token, inValueFilter);
    }

    private ScimFilter attributeExpression(Token token, boolean inValueFilter) {
        AttributePath path = attributePath(token);
        Token bracket = peek();
        if (bracket.kind() != Kind.LBRACKET) {
            return condition(path, token.text(), token);
        }
        if (inValueFilter) {
            throw new ScimFilterException("Nested value paths are not allowed: '[' at position "
                    + bracket.position() + " is already inside a value filter");
        }
        requireTopLevel(path, bracket);
        take();
        enter(bracket);
        ScimFilter filter = or(true);
        close(bracket);
        Token sub = peek();
        if (isSubAttributeToken(sub)) {
            take();
            AttributePath subPath = AttributePath.of(subAttributeName(sub));
            filter = new And(filter, condition(subPath, sub.text(), sub));
        }
        return new ValuePath(path, filter);
    }

    private ScimFilter condition(AttributePath path, String shownPath, Token start) {
        if (++terms > FilterLimits.MAX_TERMS) {
            throw new ScimFilterException("Too many terms: the comparison at position " + start.position()
                    + " is number " + terms + "; at most " + FilterLimits.MAX_TERMS + " comparisons and 'pr' tests"
                    + " are allowed");
        }
        Token operator = take();
        if (operator.kind() == Kind.END) {
            throw new ScimFilterException("Expected an operator after '" + shownPath + "' at position "
                    + operator.position());
        }
        if (operator.kind() != Kind.WORD) {
            throw new ScimFilterException("Expected an operator after '" + shownPath + "' at position "
                    + operator.position() + found(operator));
        }
        if (operator.isWord("pr")) {
            Token after = peek();
            if (after.kind() == Kind.STRING
                    || (after.kind() == Kind.WORD && !after.isWord("and") && !after.isWord("or"))) {
                throw new ScimFilterException("Operator 'pr' takes no value, found " + after.shown()
                        + " at position " + after.position());
            }
            return new Present(path);
        }
        Operator op = operatorOf(operator.text());
        if (op == null) {
            throw new ScimFilterException("Unknown operator '" + operator.text() + "' after '" + shownPath
                    + "' at position " + operator.position()
                    + "; expected one of eq, ne, co, sw, ew, gt, ge, lt, le, pr");
        }
        return new Comparison(path, op, value(shownPath + " " + operator.text()));
    }

    private Object value(String shownBefore) {
        Token token = take();
        if (token.kind() == Kind.STRING) {
            return token.value();
        }
        if (token.kind() != Kind.WORD) {
            throw new ScimFilterException("Expected a value after '" + shownBefore + "' at position "
                    + token.position() + found(token));
        }
        String word = token.text();
        switch (word.toLowerCase(Locale.ROOT)) {
            case "true":
                return Boolean.TRUE;
            case "false":
                return Boolean.FALSE;
            case "null":
                return null;
            default:
                if (isJsonNumber(word)) {
                    return new BigDecimal(word);
                }
                throw new ScimFilterException("Invalid value '" + word + "' after '" + shownBefore
                        + "' at position " + token.position()
                        + "; expected a quoted string, a number, true, false or null");
        }
    }

    private static Operator operatorOf(String word) {
        for (Operator op : Operator.values()) {
            if (op.name().equalsIgnoreCase(word)) {
                return op;
            }
        }
        return null;
    }

    /** JSON number grammar (RFC 8259 §6): -? int frac? exp?. BigDecimal alone accepts "+1", "1.". */
    private static boolean isJsonNumber(String s) {
        int i = 0;
        int n = s.length();
        if (i < n && s.charAt(i) == '-') {
            i++;
        }
        int digits = countDigits(s, i);
        if (digits == 0 || (digits > 1 && s.charAt(i) == '0')) {
            return false;
        }
        i += digits;
        if (i < n && s.charAt(i) == '.') {
            int fraction = countDigits(s, i + 1);
            if (fraction == 0) {
                return false;
            }
            i += 1 + fraction;
        }
        if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            i++;
            if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
                i++;
            }
            int exponent = countDigits(s, i);
            if (exponent == 0) {
                return false;
            }
            i += exponent;
        }
        return i == n;
    }

    private static int countDigits(String s, int from) {
        int i = from;
        while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
            i++;
        }
        return i - from;
    }

    private AttributePath attributePath(Token token) {
        if (token.kind() != Kind.WORD) {
            throw new ScimFilterException("Expected an attribute name at position " + token.position()
                    + found(token));
        }
        AttributePath path = attributePathOf(token.text());
        if (path == null) {
            throw new ScimFilterException("Invalid attribute path '" + token.text() + "' at position "
                    + token.position());
        }
        return path;
    }

    private void requireTopLevel(AttributePath path, Token bracket) {
        if (path.subAttribute() != null) {
            throw new ScimFilterException("A value filter must follow a multi-valued attribute, not the sub-attribute '"
                    + path.dotted() + "': '[' at position " + bracket.position());
        }
    }

    private static boolean isSubAttributeToken(Token token) {
        return token.kind() == Kind.WORD && token.text().startsWith(".");
    }

    private static String subAttributeName(Token token) {
        String name = token.text().substring(1);
        if (!isName(name)) {
            throw new ScimFilterException("Invalid sub-attribute '" + token.text() + "' at position "
                    + token.position());
        }
        return name;
    }

    /**
     * One level deeper, for the '(', 'not' or '[' at {@code opener}; refused past the limit before
     * the parser recurses, so no input can exhaust its stack.
     */
    private void enter(Token opener) {
        if (++depth > FilterLimits.MAX_DEPTH) {
            throw new ScimFilterException("Nested too deeply: '" + opener.text() + "' at position " + opener.position()
                    + " opens level " + depth + "; at most " + FilterLimits.MAX_DEPTH + " levels of '(', 'not(' and"
                    + " '[' are allowed");
        }
    }

    private void close(Token opener) {
        Kind closing = opener.kind() == Kind.LPAREN ? Kind.RPAREN : Kind.RBRACKET;
        String closer = closing == Kind.RPAREN ? ")" : "]";
        Token token = take();
        if (token.kind() == closing) {
            depth--;
            return;
        }
        if (token.kind() == Kind.END) {
            throw new ScimFilterException("Missing '" + closer + "' to close '" + opener.text()
                    + "' at position " + opener.position());
        }
        throw new ScimFilterException("Expected 'and', 'or' or '" + closer + "' at position "
                + token.position() + found(token));
    }

    private void expectEnd(String expected) {
        Token token = take();
        if (token.kind() == Kind.END) {
            return;
        }
        if (token.kind() == Kind.RPAREN || token.kind() == Kind.RBRACKET) {
            String opener = token.kind() == Kind.RPAREN ? "(" : "[";
            throw new ScimFilterException("Unexpected '" + token.text() + "' at position " + token.position()
                    + " without a matching '" + opener + "'");
        }
        throw new ScimFilterException("Unexpected " + token.shown() + " at position " + token.position()
                + "; expected " + expected);
    }

    private static String found(Token token) {
        return token.kind() == Kind.END ? "" : ", found " + token.shown();
    }

    private Token peek() {
        return tokens.get(next);
    }

    private Token take() {
        Token token = tokens.get(next);
        if (token.kind() != Kind.END) {
            next++;
        }
        return token;
    }
}
