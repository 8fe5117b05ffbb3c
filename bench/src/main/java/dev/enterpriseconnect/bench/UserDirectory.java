package dev.enterpriseconnect.bench;

/**
 * One of the compared APIs, reduced to the three operations measured. Each call checks the answer
 * (right user found, full page returned, user created) so a fast wrong answer cannot win.
 *
 * @return the time of the HTTP exchange in nanoseconds
 */
interface UserDirectory {

    String name();

    long lookup(String userName);

    /** @param startIndex 1-based, as in SCIM */
    long page(int startIndex, int count);

    long create(String userName, String givenName, String familyName);
}
