package dev.enterpriseconnect.bench;

/**
 * One of the compared APIs, reduced to the operations measured. Each timed call checks the answer
 * (right user found, full page returned, user created, user deactivated) so a fast wrong answer cannot win.
 *
 * @return the time of the HTTP exchange in nanoseconds
 */
interface UserDirectory {

    String name();

    long lookup(String userName);

    /** @param startIndex 1-based, as in SCIM */
    long page(int startIndex, int count);

    long create(String userName, String givenName, String familyName);

    /** Set-up, not timed: creates an enabled user through this API and returns its id. */
    String createEnabled(String userName);

    /** Disables the user: SCIM {@code PATCH} replace {@code active} with false, admin {@code PUT enabled=false}. */
    long deactivate(String id);

    /** Check, not timed: reads the user back through this API. */
    boolean active(String id);
}
