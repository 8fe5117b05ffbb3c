package dev.enterpriseconnect.lifecycle.invitation;

import java.util.List;

/**
 * The user attributes that hold a user's invitation. State lives on the user, not in a table of
 * our own, so a sweep finds due invitations with one query and the admin console shows them.
 */
public final class InvitationAttributes {

    /** {@code pending}, {@code accepted} or {@code expired}. */
    public static final String STATUS = "ec_invite_status";
    /** Epoch milliseconds of the last email. */
    public static final String SENT_AT = "ec_invite_sent_at";
    /** Epoch milliseconds after which the last email's link stops working. */
    public static final String EXPIRES_AT = "ec_invite_expires_at";
    /** Epoch milliseconds of the first login after the invitation. */
    public static final String ACCEPTED_AT = "ec_invite_accepted_at";
    /** Name of the SCIM connector whose policy governs the invitation (absent: sent by an admin). */
    public static final String CONNECTOR = "ec_invite_connector";
    /** Emails sent for the current invitation: 1, plus the sweep's automatic resends. */
    public static final String SENDS = "ec_invite_sends";
    /**
     * Epoch milliseconds when the sweep next has work for this invitation: the expiry of a pending
     * one, the end of the grace period of an expired one; absent when there is none (accepted, no
     * grace period, disabled). Only invitations that need the sweep carry it, so the sweep's query
     * is a range on Keycloak's (name, value) index over just those, however many users the realm has.
     */
    public static final String DUE_AT = "ec_invite_due_at";
    /** Identifies the current link; a link carrying another value was superseded. Not a secret: links are signed. */
    public static final String NONCE = "ec_invite_nonce";

    /**
     * Not state but a request: the admin console's "Resend invitation" box. Saving the user with it
     * checked sends a fresh invitation, and the box clears itself.
     */
    public static final String RESEND = "ec_invite_resend";
    /** The only value of {@link #RESEND}. */
    public static final String RESEND_NOW = "now";

    public static final String PENDING = "pending";
    public static final String ACCEPTED = "accepted";
    public static final String EXPIRED = "expired";

    public static final List<String> ALL = List.of(STATUS, SENT_AT, EXPIRES_AT, ACCEPTED_AT, CONNECTOR, SENDS, NONCE, DUE_AT);

    private InvitationAttributes() {
    }
}
