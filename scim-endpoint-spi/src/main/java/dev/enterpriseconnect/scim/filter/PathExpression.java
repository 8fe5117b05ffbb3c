package dev.enterpriseconnect.scim.filter;

/**
 * A PATCH target (RFC 7644 §3.5.2): {@code attrPath}, {@code attrPath[valFilter]} or
 * {@code attrPath[valFilter].subAttr}.
 *
 * @param attribute the attribute, possibly with its own sub-attribute (e.g. {@code name.givenName})
 *        when there is no value filter
 * @param valueFilter the filter selecting elements of a multi-valued attribute, or {@code null}
 * @param subAttribute the sub-attribute after the value filter (the {@code value} of
 *        {@code emails[type eq "work"].value}), or {@code null}
 */
public record PathExpression(AttributePath attribute, ScimFilter valueFilter, String subAttribute) {
}
