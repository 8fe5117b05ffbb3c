package dev.enterpriseconnect.scim.filter;

/**
 * A parsed SCIM filter (RFC 7644 §3.4.2.2). Produced by {@code ScimFilterParser}; translated to
 * database queries by the resource types, and evaluated in memory on JSON by PATCH value paths.
 */
public sealed interface ScimFilter {

    enum Operator {
        EQ, NE, CO, SW, EW, GT, GE, LT, LE;
    }

    /**
     * {@code path op value}. {@code value} is a {@link String}, {@link java.math.BigDecimal},
     * {@link Boolean} or {@code null} (the JSON literal null).
     */
    record Comparison(AttributePath path, Operator operator, Object value) implements ScimFilter {
    }

    /** {@code path pr}. */
    record Present(AttributePath path) implements ScimFilter {
    }

    record And(ScimFilter left, ScimFilter right) implements ScimFilter {
    }

    record Or(ScimFilter left, ScimFilter right) implements ScimFilter {
    }

    record Not(ScimFilter filter) implements ScimFilter {
    }

    /**
     * {@code attribute[filter]}: true when one element of the multi-valued {@code attribute}
     * matches {@code filter}, whose paths are relative to the element (e.g. {@code type}).
     * {@code emails[type eq "work"].value eq "x"} parses to a ValuePath whose filter is
     * {@code type eq "work" and value eq "x"}, so both hold for the same element.
     */
    record ValuePath(AttributePath attribute, ScimFilter filter) implements ScimFilter {
    }
}
