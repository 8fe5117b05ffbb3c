package dev.enterpriseconnect.scim.filter;

/**
 * A filter or PATCH path that does not follow RFC 7644 §3.4.2.2 / §3.5.2. The message is meant
 * for the client (it names the position, 1-based, and what was expected), so the endpoint can
 * return it as the {@code detail} of an {@code invalidFilter} or {@code invalidPath} error.
 */
public final class ScimFilterException extends RuntimeException {

    public ScimFilterException(String message) {
        super(message);
    }
}
