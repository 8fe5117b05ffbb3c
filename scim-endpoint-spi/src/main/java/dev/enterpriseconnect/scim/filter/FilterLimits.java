package dev.enterpriseconnect.scim.filter;

/**
 * How big a filter or PATCH path may be, checked while parsing and before any query is built, so
 * that no filter can cost the server more than a fraction of a second.
 *
 * <p>Okta and Entra send one comparison, or two joined by {@code and} with a value path
 * ({@code id eq "…" and members[value eq "…"]}, {@code emails[type eq "work"].value eq "…"}):
 * under 300 characters, depth 1, two terms. The limits leave generous room above that.
 *
 * <p>What they protect against: before these limits, {@code not(} nested 100 deep (515 characters)
 * kept Hibernate's HQL parser busy until the JVM ran out of memory, a 200-term {@code or} chain took
 * 8.6 s and 470 MB, and 5,000 parentheses overflowed the parser's stack. The translators now push
 * {@code not} down to the comparisons and emit one flat disjunction of conjunctions, so no group
 * nests in the generated query (the deepest filter allowed here went from about 1 s to under 100
 * ms); the expansion itself is bounded by {@code JpqlFilterTranslator.MAX_EXPANDED_TERMS}.
 */
public final class FilterLimits {

    /** Characters in the whole filter or path; checked before the text is even split into tokens. */
    public static final int MAX_LENGTH = 4096;

    /** Nesting: each {@code (}, {@code not(} and value-path {@code [} is one level. */
    public static final int MAX_DEPTH = 5;

    /** Comparisons and presence tests ({@code pr}), inside value paths included. */
    public static final int MAX_TERMS = 100;

    private FilterLimits() {
    }
}
