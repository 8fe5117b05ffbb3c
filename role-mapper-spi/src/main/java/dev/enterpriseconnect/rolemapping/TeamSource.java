package dev.enterpriseconnect.rolemapping;

/** Where a {@link TeamDecision} came from. */
public enum TeamSource {
    /** The team attribute named the team. */
    ATTRIBUTE,
    /** The team attribute was missing: the policy's default team. */
    DEFAULT,
    /** The team attribute was missing and there is no default team: the user is in no managed team. */
    NO_TEAM,
    /** The policy has no team attribute: it manages no team and changes nothing. */
    NOT_MANAGED
}
