package dev.enterpriseconnect.lifecycle.invitation;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.keycloak.models.UserModel;

/** A user's invitation as stored in its attributes; {@code status} is null when none was ever sent. */
public record InvitationState(String status, Long sentAt, Long expiresAt, Long acceptedAt, String connector,
        int sends, String nonce) {

    public static InvitationState of(UserModel user) {
        return read(user::getFirstAttribute);
    }

    /** From attributes already loaded, e.g. a page of SCIM users. */
    public static InvitationState of(Map<String, List<String>> attributes) {
        return read(name -> {
            List<String> values = attributes.get(name);
            return values == null || values.isEmpty() ? null : values.get(0);
        });
    }

    private static InvitationState read(Function<String, String> attribute) {
        String sends = attribute.apply(InvitationAttributes.SENDS);
        return new InvitationState(attribute.apply(InvitationAttributes.STATUS),
                millis(attribute.apply(InvitationAttributes.SENT_AT)),
                millis(attribute.apply(InvitationAttributes.EXPIRES_AT)),
                millis(attribute.apply(InvitationAttributes.ACCEPTED_AT)),
                attribute.apply(InvitationAttributes.CONNECTOR),
                sends == null ? 0 : parseOr(sends, 0),
                attribute.apply(InvitationAttributes.NONCE));
    }

    public boolean exists() {
        return status != null;
    }

    public boolean accepted() {
        return InvitationAttributes.ACCEPTED.equals(status);
    }

    /** Expired, whether or not the sweep has written it down yet. */
    public boolean expiredAt(long nowMillis) {
        return InvitationAttributes.EXPIRED.equals(status)
                || (InvitationAttributes.PENDING.equals(status) && expiresAt != null && expiresAt <= nowMillis);
    }

    /** The status as of {@code nowMillis}: a pending invitation past its expiry reads as expired. */
    public String statusAt(long nowMillis) {
        return expiredAt(nowMillis) ? InvitationAttributes.EXPIRED : status;
    }

    private static Long millis(String value) {
        if (value == null) {
            return null;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static int parseOr(String value, int fallback) {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
