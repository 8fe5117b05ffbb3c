package dev.enterpriseconnect.rolemapping;

/** What an incoming role value that is not in the table gets. */
public enum UnknownRoleBehaviour {
    /** Refuse it: SCIM answers 400 {@code invalidValue}, login shows an error page. */
    REJECT,
    /** Ignore it; if no known value remains, the user gets the default role. */
    DEFAULT
}
