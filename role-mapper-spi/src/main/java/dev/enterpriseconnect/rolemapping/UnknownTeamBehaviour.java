package dev.enterpriseconnect.rolemapping;

/** What an incoming team that matches no existing team group gets. */
public enum UnknownTeamBehaviour {
    /** Refuse it: SCIM answers 400 {@code invalidValue}, login shows an error page. */
    REJECT,
    /** Create the team group (under the team parent) and put the user in it. */
    CREATE
}
