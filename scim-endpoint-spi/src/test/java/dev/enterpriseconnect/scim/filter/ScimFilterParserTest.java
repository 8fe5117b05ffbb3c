package dev.enterpriseconnect.scim.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import dev.enterpriseconnect.scim.filter.ScimFilter.And;
import dev.enterpriseconnect.scim.filter.ScimFilter.Comparison;
import dev.enterpriseconnect.scim.filter.ScimFilter.Not;
import dev.enterpriseconnect.scim.filter.ScimFilter.Operator;
import dev.enterpriseconnect.scim.filter.ScimFilter.Or;
import dev.enterpriseconnect.scim.filter.ScimFilter.Present;
import dev.enterpriseconnect.scim.filter.ScimFilter.ValuePath;

class ScimFilterParserTest {

    private static final String ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
    private static final String CORE_USER = "urn:ietf:params:scim:schemas:core:2.0:User";

    private static Comparison cmp(String attribute, Operator op, Object value) {
        return new Comparison(path(attribute), op, value);
    }

    private static AttributePath path(String dotted) {
        int dot = dotted.indexOf('.');
        return dot < 0 ? AttributePath.of(dotted) : AttributePath.of(dotted.substring(0, dot), dotted.substring(dot + 1));
    }

    private static String error(String filter) {
        return assertThrows(ScimFilterException.class, () -> ScimFilterParser.parse(filter)).getMessage();
    }

    private static String pathError(String path) {
        return assertThrows(ScimFilterException.class, () -> ScimFilterParser.parsePath(path)).getMessage();
    }

    // --- operators and values

    @ParameterizedTest
    @CsvSource({"eq,EQ", "ne,NE", "co,CO", "sw,SW", "ew,EW", "gt,GT", "ge,GE", "lt,LT", "le,LE",
            "EQ,EQ", "Ne,NE", "cO,CO", "SW,SW", "Ew,EW", "GT,GT", "gE,GE", "Lt,LT", "LE,LE"})
    void everyComparisonOperatorInAnyCase(String keyword, Operator expected) {
        assertEquals(cmp("title", expected, "x"), ScimFilterParser.parse("title " + keyword + " \"x\""));
    }

    @ParameterizedTest
    @ValueSource(strings = {"title pr", "title PR", "title Pr"})
    void present(String filter) {
        assertEquals(new Present(AttributePath.of("title")), ScimFilterParser.parse(filter));
    }

    @Test
    void literalValues() {
        assertEquals(cmp("active", Operator.EQ, true), ScimFilterParser.parse("active eq true"));
        assertEquals(cmp("active", Operator.EQ, false), ScimFilterParser.parse("active eq FALSE"));
        assertEquals(cmp("title", Operator.EQ, null), ScimFilterParser.parse("title eq null"));
        assertEquals(cmp("age", Operator.GT, new BigDecimal("42")), ScimFilterParser.parse("age gt 42"));
        assertEquals(cmp("x", Operator.LE, new BigDecimal("-1.5e3")), ScimFilterParser.parse("x le -1.5e3"));
        assertEquals(cmp("x", Operator.EQ, new BigDecimal("0.25")), ScimFilterParser.parse("x eq 0.25"));
    }

    @Test
    void stringEscapes() {
        assertEquals(cmp("displayName", Operator.EQ, "a\"b\\c/\u00e9\n\t"),
                ScimFilterParser.parse("displayName eq \"a\\\"b\\\\c\\/\\u00e9\\n\\t\""));
        assertEquals(cmp("displayName", Operator.EQ, "and or ( ) [ ] not"),
                ScimFilterParser.parse("displayName eq \"and or ( ) [ ] not\""));
        assertEquals(cmp("displayName", Operator.EQ, ""), ScimFilterParser.parse("displayName eq \"\""));
    }

    // --- logic

    @Test
    void andBindsTighterThanOr() {
        assertEquals(new Or(cmp("a", Operator.EQ, BigDecimal.ONE),
                        new And(cmp("b", Operator.EQ, new BigDecimal("2")), cmp("c", Operator.EQ, new BigDecimal("3")))),
                ScimFilterParser.parse("a eq 1 or b eq 2 and c eq 3"));
        assertEquals(new Or(new And(cmp("a", Operator.EQ, BigDecimal.ONE), cmp("b", Operator.EQ, new BigDecimal("2"))),
                        cmp("c", Operator.EQ, new BigDecimal("3"))),
                ScimFilterParser.parse("a eq 1 and b eq 2 or c eq 3"));
    }

    @Test
    void chainsAreLeftAssociative() {
        assertEquals(new And(new And(new Present(path("a")), new Present(path("b"))), new Present(path("c"))),
                ScimFilterParser.parse("a pr and b pr and c pr"));
        assertEquals(new Or(new Or(new Present(path("a")), new Present(path("b"))), new Present(path("c"))),
                ScimFilterParser.parse("a pr OR b pr Or c pr"));
    }

    @Test
    void parenthesesGroup() {
        assertEquals(new And(new Or(cmp("a", Operator.EQ, BigDecimal.ONE), cmp("b", Operator.EQ, new BigDecimal("2"))),
                        cmp("c", Operator.EQ, new BigDecimal("3"))),
                ScimFilterParser.parse("(a eq 1 or b eq 2) and c eq 3"));
        assertEquals(new Present(path("a")), ScimFilterParser.parse("((a pr))"));
    }

    @Test
    void notNeedsParentheses() {
        assertEquals(new Not(new Present(path("title"))), ScimFilterParser.parse("not (title pr)"));
        assertEquals(new And(new Present(path("a")), new Not(new Or(new Present(path("b")), new Present(path("c"))))),
                ScimFilterParser.parse("a pr AND NOT(b pr or c pr)"));
    }

    @Test
    void rfcExample() {
        // RFC 7644 §3.4.2.2
        ScimFilter parsed = ScimFilterParser.parse(
                "userType eq \"Employee\" and (emails co \"example.com\" or emails.value co \"example.org\")");
        assertEquals(new And(cmp("userType", Operator.EQ, "Employee"),
                new Or(cmp("emails", Operator.CO, "example.com"), cmp("emails.value", Operator.CO, "example.org"))), parsed);
    }

    // --- attribute paths

    @Test
    void subAttributes() {
        assertEquals(cmp("name.familyName", Operator.CO, "O'Malley"), ScimFilterParser.parse("name.familyName co \"O'Malley\""));
        assertEquals(cmp("meta.lastModified", Operator.GT, "2011-05-13T04:42:34Z"),
                ScimFilterParser.parse("meta.lastModified gt \"2011-05-13T04:42:34Z\""));
    }

    @Test
    void urnQualifiedPaths() {
        assertEquals(new Comparison(new AttributePath(ENTERPRISE, "employeeNumber", null), Operator.EQ, "42"),
                ScimFilterParser.parse(ENTERPRISE + ":employeeNumber eq \"42\""));
        assertEquals(new Comparison(new AttributePath(CORE_USER, "userName", null), Operator.SW, "J"),
                ScimFilterParser.parse(CORE_USER + ":userName sw \"J\""));
        assertEquals(new Comparison(new AttributePath(ENTERPRISE, "manager", "value"), Operator.EQ, "m1"),
                ScimFilterParser.parse(ENTERPRISE + ":manager.value eq \"m1\""));
    }

    @Test
    void dollarRef() {
        assertEquals(new Present(AttributePath.of("members", "$ref")), ScimFilterParser.parse("members.$ref pr"));
    }

    // --- value paths

    @Test
    void valuePath() {
        assertEquals(new ValuePath(path("emails"), new And(cmp("type", Operator.EQ, "work"), cmp("primary", Operator.EQ, true))),
                ScimFilterParser.parse("emails[type eq \"work\" and primary eq true]"));
    }

    @Test
    void valuePathWithSubAttributeComparison() {
        assertEquals(new ValuePath(path("emails"), new And(cmp("type", Operator.EQ, "work"), cmp("value", Operator.EQ, "a@b.c"))),
                ScimFilterParser.parse("emails[type eq \"work\"].value eq \"a@b.c\""));
        assertEquals(new ValuePath(path("emails"), new And(cmp("type", Operator.EQ, "work"), new Present(path("value")))),
                ScimFilterParser.parse("emails[type eq \"work\"].value pr"));
    }

    @Test
    void valuePathCombinedWithOtherTerms() {
        assertEquals(new And(cmp("userType", Operator.EQ, "Employee"),
                        new ValuePath(path("emails"), new Or(cmp("type", Operator.EQ, "work"), new Not(new Present(path("type")))))),
                ScimFilterParser.parse("userType eq \"Employee\" and emails[type eq \"work\" or not (type pr)]"));
    }

    @Test
    void urnQualifiedValuePath() {
        assertEquals(new ValuePath(new AttributePath(CORE_USER, "emails", null), cmp("type", Operator.EQ, "work")),
                ScimFilterParser.parse(CORE_USER + ":emails[type eq \"work\"]"));
    }

    // --- what identity providers send

    @Test
    void oktaAndEntraFilters() {
        assertEquals(cmp("userName", Operator.EQ, "test.user@okta.local"),
                ScimFilterParser.parse("userName eq \"test.user@okta.local\""));
        assertEquals(cmp("externalId", Operator.EQ, "0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef"),
                ScimFilterParser.parse("externalId eq \"0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef\""));
        assertEquals(cmp("displayName", Operator.EQ, "Group Name"), ScimFilterParser.parse("displayName eq \"Group Name\""));
        assertEquals(new ValuePath(path("members"), cmp("value", Operator.EQ, "abc")),
                ScimFilterParser.parse("members[value eq \"abc\"]"));
        assertEquals(new ValuePath(path("emails"), new And(cmp("type", Operator.EQ, "work"), cmp("value", Operator.EQ, "x@y.z"))),
                ScimFilterParser.parse("emails[type eq \"work\"].value eq \"x@y.z\""));
        assertEquals(cmp("meta.lastModified", Operator.GT, "2011-05-13T04:42:34Z"),
                ScimFilterParser.parse("meta.lastModified gt \"2011-05-13T04:42:34Z\""));
    }

    // --- errors

    @Test
    void emptyFilter() {
        assertEquals("Filter is empty", error(""));
        assertEquals("Filter is empty", error("   "));
        assertEquals("Filter is empty", error(null));
    }

    @Test
    void missingOperator() {
        assertEquals("Expected an operator after 'userName' at position 9", error("userName"));
        assertEquals("Expected an operator after 'userName' at position 10, found '\"x\"'", error("userName \"x\""));
    }

    @Test
    void unknownOperator() {
        assertEquals("Unknown operator 'is' after 'userName' at position 10; expected one of eq, ne, co, sw, ew, gt, ge, lt, le, pr",
                error("userName is \"x\""));
    }

    @Test
    void missingValue() {
        assertEquals("Expected a value after 'userName eq' at position 12", error("userName eq"));
        assertEquals("Expected a value after 'userName eq' at position 13, found ')'", error("(userName eq)"));
    }

    @Test
    void invalidValue() {
        assertEquals("Invalid value 'bob' after 'userName eq' at position 13; expected a quoted string, a number, true, false or null",
                error("userName eq bob"));
        assertEquals("Invalid value '01' after 'age eq' at position 8; expected a quoted string, a number, true, false or null",
                error("age eq 01"));
        assertEquals("Invalid value '1.' after 'age eq' at position 8; expected a quoted string, a number, true, false or null",
                error("age eq 1."));
    }

    @Test
    void unbalancedParentheses() {
        assertEquals("Missing ')' to close '(' at position 1", error("(userName eq \"a\""));
        assertEquals("Missing ')' to close '(' at position 5", error("not (userName eq \"a\""));
        assertEquals("Unexpected ')' at position 16 without a matching '('", error("userName eq \"a\")"));
        assertEquals("Expected 'and', 'or' or ')' at position 9, found 'b'", error("(a eq 1 b"));
    }

    @Test
    void unbalancedBrackets() {
        assertEquals("Missing ']' to close '[' at position 7", error("emails[type eq \"work\""));
        assertEquals("Unexpected ']' at position 16 without a matching '['", error("userName eq \"a\"]"));
        assertEquals("Expected 'and', 'or' or ']' at position 22, found ')'", error("emails[type eq \"work\")"));
    }

    @Test
    void trailingGarbage() {
        assertEquals("Unexpected 'foo' at position 17; expected 'and', 'or' or the end of the filter",
                error("userName eq \"a\" foo"));
        assertEquals("Unexpected '\"b\"' at position 17; expected 'and', 'or' or the end of the filter",
                error("userName eq \"a\" \"b\""));
    }

    @Test
    void presentTakesNoValue() {
        assertEquals("Operator 'pr' takes no value, found '\"x\"' at position 10", error("title pr \"x\""));
        assertEquals("Operator 'pr' takes no value, found 'true' at position 10", error("title pr true"));
    }

    @Test
    void nestedValuePaths() {
        assertEquals("Nested value paths are not allowed: '[' at position 13 is already inside a value filter",
                error("emails[roles[value eq \"a\"]]"));
        assertEquals("Nested value paths are not allowed: '[' at position 14 is already inside a value filter",
                error("emails[(roles[value eq \"a\"])]"));
    }

    @Test
    void danglingLogic() {
        assertEquals("Expected an attribute name at position 20", error("userName eq \"a\" and"));
        assertEquals("Expected an attribute name at position 1, found '\"a\"'", error("\"a\" eq userName"));
        assertEquals("Expected an attribute name at position 2, found ')'", error("()"));
        assertEquals("Expected '(' after 'not' at position 5, found 'userName'", error("not userName eq \"a\""));
    }

    @Test
    void invalidAttributePaths() {
        assertEquals("Invalid attribute path 'a.b.c' at position 1", error("a.b.c eq 1"));
        assertEquals("Invalid attribute path '1abc' at position 1", error("1abc eq 1"));
        assertEquals("Invalid attribute path 'urn:x' at position 1", error("urn:x pr"));
        assertEquals("Invalid attribute path 'foo:bar' at position 1", error("foo:bar pr"));
        assertEquals("A value filter must follow a multi-valued attribute, not the sub-attribute 'name.givenName': '[' at position 15",
                error("name.givenName[value eq \"x\"]"));
        assertEquals("Invalid sub-attribute '.value.x' at position 23", error("emails[type eq \"work\"].value.x eq 1"));
        assertEquals("Expected an operator after '.value' at position 29", error("emails[type eq \"work\"].value"));
    }

    @Test
    void badStrings() {
        assertEquals("Unterminated string starting at position 13", error("userName eq \"abc"));
        assertEquals("Invalid escape '\\q' in string at position 15", error("userName eq \"a\\qb\""));
        assertEquals("Invalid unicode escape in string at position 14", error("userName eq \"\\u12g4\""));
    }

    // --- PATCH paths

    @Test
    void simplePaths() {
        assertEquals(new PathExpression(path("active"), null, null), ScimFilterParser.parsePath("active"));
        assertEquals(new PathExpression(path("name.givenName"), null, null), ScimFilterParser.parsePath("name.givenName"));
        assertEquals(new PathExpression(path("members"), null, null), ScimFilterParser.parsePath("members"));
    }

    @Test
    void urnPaths() {
        assertEquals(new PathExpression(new AttributePath(ENTERPRISE, "manager", null), null, null),
                ScimFilterParser.parsePath(ENTERPRISE + ":manager"));
        assertEquals(new PathExpression(new AttributePath(ENTERPRISE, "manager", "value"), null, null),
                ScimFilterParser.parsePath(ENTERPRISE + ":manager.value"));
        assertEquals(new PathExpression(new AttributePath(ENTERPRISE, "employeeNumber", null), null, null),
                ScimFilterParser.parsePath(ENTERPRISE + ":employeeNumber"));
    }

    @Test
    void valueFilterPaths() {
        assertEquals(new PathExpression(path("members"), cmp("value", Operator.EQ, "2819c223"), null),
                ScimFilterParser.parsePath("members[value eq \"2819c223\"]"));
        assertEquals(new PathExpression(path("emails"), cmp("type", Operator.EQ, "work"), "value"),
                ScimFilterParser.parsePath("emails[type eq \"work\"].value"));
        assertEquals(new PathExpression(path("addresses"),
                        new And(cmp("type", Operator.EQ, "work"), cmp("primary", Operator.EQ, true)), "streetAddress"),
                ScimFilterParser.parsePath("addresses[type eq \"work\" and primary eq true].streetAddress"));
    }

    @Test
    void pathErrors() {
        assertEquals("Path is empty", pathError(" "));
        assertEquals("Invalid attribute path 'a.b.c' at position 1", pathError("a.b.c"));
        assertEquals("Unexpected 'eq' at position 8; expected the end of the path", pathError("active eq true"));
        assertEquals("Missing ']' to close '[' at position 8", pathError("members[value eq \"1\""));
        assertEquals("Nested value paths are not allowed: '[' at position 14 is already inside a value filter",
                pathError("members[value[x eq 1]]"));
        assertEquals("Expected an attribute name at position 9, found ']'", pathError("members[]"));
        assertNull(ScimFilterParser.parsePath("emails[type eq \"work\"]").subAttribute());
    }

    // --- limits (FilterLimits), refused before any query is built

    private static String nested(String open, int levels, String inner, String close) {
        return open.repeat(levels) + inner + close.repeat(levels);
    }

    @Test
    void filtersAtTheLimitsParse() {
        ScimFilterParser.parse(nested("(", FilterLimits.MAX_DEPTH, "userName eq \"x\"", ")"));
        ScimFilterParser.parse(nested("not(", FilterLimits.MAX_DEPTH - 1, "emails[type eq \"work\"]", ")"));
        ScimFilterParser.parse(orChain(FilterLimits.MAX_TERMS));
        String padded = "userName eq \"" + "x".repeat(FilterLimits.MAX_LENGTH - 14) + "\"";
        assertEquals(FilterLimits.MAX_LENGTH, padded.length());
        ScimFilterParser.parse(padded);
    }

    private static String orChain(int terms) {
        StringBuilder filter = new StringBuilder("userName eq \"u0\"");
        for (int i = 1; i < terms; i++) {
            filter.append(" or userName eq \"u").append(i).append('"');
        }
        return filter.toString();
    }

    @Test
    void tooDeepIsRefusedAtTheOpeningPastTheLimit() {
        assertEquals("Nested too deeply: '(' at position 6 opens level 6; at most 5 levels of '(', 'not(' and '['"
                + " are allowed", error(nested("(", 6, "userName eq \"x\"", ")")));
        assertEquals("Nested too deeply: 'not' at position 21 opens level 6; at most 5 levels of '(', 'not(' and '['"
                + " are allowed", error(nested("not(", 100, "userName eq \"x\"", ")")));
        assertEquals("Nested too deeply: '[' at position 27 opens level 6; at most 5 levels of '(', 'not(' and '['"
                + " are allowed", error(nested("not(", 5, "emails[type eq \"work\"]", ")")));
    }

    @Test
    void fiveThousandParenthesesAreRefusedWithoutDeepRecursion() {
        assertEquals("Filter is too long: 10006 characters, at most 4096 are allowed (position 4097 is past the limit)",
                error("(".repeat(5000) + "a eq 1" + ")".repeat(5000)));
        String message = error("(".repeat(2000) + "a eq 1" + ")".repeat(2000));
        assertEquals("Nested too deeply: '(' at position 6 opens level 6; at most 5 levels of '(', 'not(' and '['"
                + " are allowed", message);
        // Unbalanced, nothing but openers: the same answer, not a stack overflow.
        assertEquals(message, error("(".repeat(FilterLimits.MAX_LENGTH)));
    }

    @Test
    void tooManyTermsIsRefusedAtTheFirstTermPastTheLimit() {
        String filter = orChain(FilterLimits.MAX_TERMS + 1);
        int position = orChain(FilterLimits.MAX_TERMS).length() + " or ".length() + 1;
        assertEquals("Too many terms: the comparison at position " + position + " is number 101; at most 100 comparisons"
                + " and 'pr' tests are allowed", error(filter));
        // A value path's sub-attribute comparison is a term too.
        String valuePaths = "emails[type eq \"work\"].value eq \"x\" or ".repeat(50) + "title pr";
        assertEquals("Too many terms: the comparison at position 1951 is number 101; at most 100 comparisons and 'pr'"
                + " tests are allowed", error(valuePaths));
    }

    @Test
    void tooLongIsRefusedBeforeTokenising() {
        String filter = "userName eq \"" + "x".repeat(FilterLimits.MAX_LENGTH) + "\"";
        assertEquals("Filter is too long: 4110 characters, at most 4096 are allowed (position 4097 is past the limit)",
                error(filter));
        // An unterminated string would be a tokeniser error; length comes first.
        assertEquals("Filter is too long: 50001 characters, at most 4096 are allowed (position 4097 is past the limit)",
                error("\"" + "\\".repeat(50000)));
        assertEquals("Path is too long: 5000 characters, at most 4096 are allowed (position 4097 is past the limit)",
                pathError("a".repeat(5000)));
    }

    @Test
    void pathsAreHeldToTheSameLimits() {
        assertEquals("Nested too deeply: '(' at position 13 opens level 6; at most 5 levels of '(', 'not(' and '['"
                + " are allowed", pathError("members[" + nested("(", 5, "value eq \"1\"", ")") + "]"));
        assertEquals(new PathExpression(path("members"), cmp("value", Operator.EQ, "1"), null),
                ScimFilterParser.parsePath("members[" + nested("(", 4, "value eq \"1\"", ")") + "]"));
    }
}
