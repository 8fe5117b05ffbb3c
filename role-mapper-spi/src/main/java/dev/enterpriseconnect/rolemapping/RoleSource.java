package dev.enterpriseconnect.rolemapping;

/** Where a {@link RoleDecision} came from. */
public enum RoleSource {
    /** The role attribute named a known value. */
    ATTRIBUTE,
    /** A group rule matched. */
    GROUPS,
    /** Neither source named a known role: the policy's default role. */
    DEFAULT,
    /** The policy has no role table: it manages no role and changes nothing. */
    NOT_MANAGED
}
