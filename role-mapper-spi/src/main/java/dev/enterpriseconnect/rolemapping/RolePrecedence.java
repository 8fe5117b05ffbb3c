package dev.enterpriseconnect.rolemapping;

/** Which source decides when both the role attribute and group membership name a role. */
public enum RolePrecedence {
    /** The highest-ranked role granted by either source. */
    HIGHEST,
    /** The attribute's role; groups decide only when the attribute is missing. */
    ATTRIBUTE,
    /** The groups' role; the attribute decides only when no group rule matches. */
    GROUPS
}
