package dev.enterpriseconnect.scim.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;

import dev.enterpriseconnect.scim.filter.FilterLimits;
import dev.enterpriseconnect.scim.filter.ScimFilter;
import dev.enterpriseconnect.scim.filter.ScimFilterParser;

class JpqlFilterTranslatorTest {

    /** Leaves as {@code path op value}, or an exists for {@code x.*}, so the logic around them shows. */
    private static final class Plain extends JpqlFilterTranslator {

        Plain() {
            super(new JpqlWhere());
        }

        @Override
        protected String leaf(ScimFilter filter) {
            if (filter instanceof ScimFilter.Comparison c) {
                String text = c.path().dotted() + " " + c.operator().name().toLowerCase() + " " + c.value();
                return c.path().attribute().equals("x") ? "exists (select a from A a where " + text + ")" : text;
            }
            if (filter instanceof ScimFilter.Present p) {
                return p.path().dotted() + " pr";
            }
            return "[" + ((ScimFilter.ValuePath) filter).attribute() + "]";
        }
    }

    private static String jpql(String filter) {
        return new Plain().translate(ScimFilterParser.parse(filter));
    }

    @Test
    void doubleNegationCancels() {
        assertEquals("a eq 1", jpql("not(not(a eq 1))"));
        assertEquals("a eq 1", jpql("not(not(not(not((a eq 1)))))"));
        assertEquals("not (a eq 1)", jpql("not(not(not(a eq 1)))"));
    }

    @Test
    void notIsPushedToTheLeaves() {
        assertEquals("(not (a eq 1) or not (b eq 2))", jpql("not(a eq 1 and b eq 2)"));
        assertEquals("(not (a eq 1) and not (b eq 2))", jpql("not(a eq 1 or b eq 2)"));
        assertEquals("(not (a eq 1) and b eq 2 or not (a eq 1) and c pr)", jpql("not(a eq 1 or not(b eq 2 or c pr))"));
        // A value path is a leaf: not(emails[...]) is not emails[not ...].
        assertEquals("not ([emails])", jpql("not(emails[type eq \"work\"])"));
    }

    @Test
    void existsAndNotExistsSwapInsteadOfNesting() {
        assertEquals("not exists (select a from A a where x eq 1)", jpql("not(x eq 1)"));
        assertEquals("exists (select a from A a where x eq 1)", jpql("not(not(x eq 1))"));
        assertEquals("exists (select a from A a where x eq 1)", JpqlFilterTranslator.negate(
                "not exists (select a from A a where x eq 1)"));
        // Only a whole exists swaps.
        assertEquals("not (exists (select 1) and a = 1)", JpqlFilterTranslator.negate("exists (select 1) and a = 1"));
    }

    @Test
    void chainsFlattenIntoOneJunction() {
        assertEquals("(a eq 1 or b eq 2 or c eq 3 or d eq 4)", jpql("((a eq 1 or b eq 2) or (c eq 3 or (d eq 4)))"));
        assertEquals("(a eq 1 and b eq 2 and c eq 3)", jpql("a eq 1 and (b eq 2 and c eq 3)"));
        assertEquals("(a eq 1 or b eq 2 and c eq 3 or d eq 4)", jpql("a eq 1 or b eq 2 and c eq 3 or d eq 4"));
        assertEquals("(not (a eq 1) and not (b eq 2) and not (c eq 3))", jpql("not(a eq 1 or (b eq 2 or c eq 3))"));
    }

    @Test
    void aLongOrChainHasOneLevelOfParentheses() {
        StringBuilder filter = new StringBuilder("a eq 0");
        for (int i = 1; i < FilterLimits.MAX_TERMS; i++) {
            filter.append(" or a eq ").append(i);
        }
        String jpql = jpql(filter.toString());
        assertEquals(1, jpql.chars().filter(c -> c == '(').count());
        assertFalse(jpql.contains("not"));
    }

    @Test
    void alternatingGroupsBecomeOneFlatDisjunction() {
        String jpql = jpql("a eq 1 and (b eq 2 or (c eq 3 and (d eq 4 or e eq 5)))");
        assertEquals("(a eq 1 and b eq 2 or a eq 1 and c eq 3 and d eq 4 or a eq 1 and c eq 3 and e eq 5)", jpql);
        assertEquals(1, jpql.chars().filter(c -> c == '(').count());
    }

    @Test
    void aFilterThatExpandsTooFarIsRefused() {
        // (a or b) and (c or d) and ... : 2^9 conjunctions of 9 terms.
        String filter = String.join(" and ", java.util.Collections.nCopies(9, "(a eq 1 or b eq 2)"));
        dev.enterpriseconnect.scim.filter.ScimFilterException refused = org.junit.jupiter.api.Assertions.assertThrows(
                dev.enterpriseconnect.scim.filter.ScimFilterException.class, () -> jpql(filter));
        org.junit.jupiter.api.Assertions.assertTrue(refused.getMessage().contains("too complex"), refused.getMessage());
    }

    @Test
    void theDeepestNotsLeaveNoNesting() {
        String filter = "not(".repeat(FilterLimits.MAX_DEPTH) + "a eq 1" + ")".repeat(FilterLimits.MAX_DEPTH);
        assertEquals(FilterLimits.MAX_DEPTH % 2 == 0 ? "a eq 1" : "not (a eq 1)", jpql(filter));
    }
}
