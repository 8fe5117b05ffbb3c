package dev.enterpriseconnect.scim.filter;

import java.util.Locale;

/**
 * An attribute reference of RFC 7644 §3.10: {@code [schemaUrn:]attribute[.subAttribute]}.
 * Names are kept as written; compare them with {@link #is(String)} since SCIM names are
 * case-insensitive.
 *
 * @param schema the schema URN when the path was fully qualified, else {@code null}
 * @param attribute the top-level attribute name, e.g. {@code emails}
 * @param subAttribute the sub-attribute name, e.g. {@code value}, or {@code null}
 */
public record AttributePath(String schema, String attribute, String subAttribute) {

    public static AttributePath of(String attribute) {
        return new AttributePath(null, attribute, null);
    }

    public static AttributePath of(String attribute, String subAttribute) {
        return new AttributePath(null, attribute, subAttribute);
    }

    /** True when this path names {@code dotted} (e.g. {@code "name.givenName"}), ignoring case and schema. */
    public boolean is(String dotted) {
        return dotted().equalsIgnoreCase(dotted);
    }

    /** {@code attribute} or {@code attribute.subAttribute}, without the schema. */
    public String dotted() {
        return subAttribute == null ? attribute : attribute + "." + subAttribute;
    }

    public String lowerDotted() {
        return dotted().toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return schema == null ? dotted() : schema + ":" + dotted();
    }
}
