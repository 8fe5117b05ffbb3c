package dev.enterpriseconnect.rolemapping;

import java.util.List;

/**
 * An incoming value the policy refuses. The message is meant for people: it goes as is into a SCIM
 * 400 {@code invalidValue} detail and onto the login error page, e.g.
 * {@code Unknown role 'OWNER' in attribute 'role'; allowed: ADMINISTRATOR, MANAGER, ANALYST}.
 * The parts are also available separately, for localised messages and events.
 */
public class RoleMappingException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** What was refused. */
    public enum Subject {
        ROLE, TEAM
    }

    private final Subject subject;
    private final String attribute;
    private final List<String> rejected;
    private final List<String> allowed;

    public RoleMappingException(Subject subject, String attribute, List<String> rejected, List<String> allowed,
            String message) {
        super(message);
        this.subject = subject;
        this.attribute = attribute;
        this.rejected = List.copyOf(rejected);
        this.allowed = List.copyOf(allowed);
    }

    public Subject subject() {
        return subject;
    }

    /** The incoming attribute (or claim) that carried the value; {@code null} for a configured default. */
    public String attribute() {
        return attribute;
    }

    /** The refused values, as sent. */
    public List<String> rejected() {
        return rejected;
    }

    /** The values that would have been accepted (for teams: those known to the caller, may be empty). */
    public List<String> allowed() {
        return allowed;
    }
}
