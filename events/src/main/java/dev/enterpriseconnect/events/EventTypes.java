package dev.enterpriseconnect.events;

import java.util.List;

/** The event catalogue: every {@code type} a directory event can have. */
public final class EventTypes {

    public static final String USER_CREATED = "user.created";
    public static final String USER_UPDATED = "user.updated";
    public static final String USER_DEACTIVATED = "user.deactivated";
    public static final String USER_REACTIVATED = "user.reactivated";
    /** {@code details.policy} says what happened to the account: delete, disable or disable-then-delete. */
    public static final String USER_DELETED = "user.deleted";
    public static final String GROUP_CREATED = "group.created";
    public static final String GROUP_UPDATED = "group.updated";
    public static final String GROUP_DELETED = "group.deleted";
    public static final String MEMBER_ADDED = "member.added";
    public static final String MEMBER_REMOVED = "member.removed";
    public static final String INVITATION_SENT = "invitation.sent";
    public static final String INVITATION_ACCEPTED = "invitation.accepted";
    public static final String INVITATION_EXPIRED = "invitation.expired";
    /**
     * A connector's first authenticated request, and again the first request with a new secret
     * after a rotation ({@code details.afterRotation}).
     */
    public static final String CONNECTOR_ACTIVATED = "connector.activated";

    public static final List<String> ALL = List.of(USER_CREATED, USER_UPDATED, USER_DEACTIVATED, USER_REACTIVATED,
            USER_DELETED, GROUP_CREATED, GROUP_UPDATED, GROUP_DELETED, MEMBER_ADDED, MEMBER_REMOVED, INVITATION_SENT,
            INVITATION_ACCEPTED, INVITATION_EXPIRED, CONNECTOR_ACTIVATED);

    public static final String USER = "User";
    public static final String GROUP = "Group";
    public static final String CONNECTOR = "Connector";

    private EventTypes() {
    }
}
