package dev.enterpriseconnect.lifecycle.deprovisioning;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

import org.keycloak.models.UserModel;

/**
 * What deprovisioning records on a user, as user attributes (declared admin-only in the realm's
 * user profile, so they show in the admin console): when the sweep will purge the user, and
 * which connector deleted it while the policy kept the account.
 */
public final class DeprovisioningState {

    /** Purge deadline, UTC to the second ({@code 2030-01-31T12:00:00Z}): text order is time order, so the sweep queries it. */
    public static final String PURGE_AT = "ec_purge_at";
    /** Name of the connector whose DELETE disabled (rather than removed) the user; that connector no longer sees it. */
    public static final String DELETED_BY_CONNECTOR = "ec_deleted_by_connector";

    /** Attribute name and label, for the user-profile declaration. */
    public record Attribute(String name, String displayName) {
    }

    public static final List<Attribute> ATTRIBUTES = List.of(
            new Attribute(PURGE_AT, "Purge scheduled at (UTC)"),
            new Attribute(DELETED_BY_CONNECTOR, "Deleted by SCIM connector"));

    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'")
            .withZone(ZoneOffset.UTC);

    private DeprovisioningState() {
    }

    /** The attribute value for an instant; the database compares these as text. */
    public static String format(Instant instant) {
        return FORMAT.format(instant.truncatedTo(ChronoUnit.SECONDS));
    }

    public static Optional<Instant> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.from(FORMAT.parse(value.trim())));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    public static Optional<Instant> purgeAt(UserModel user) {
        return parse(user.getFirstAttribute(PURGE_AT));
    }

    public static void schedulePurge(UserModel user, Instant at) {
        user.setSingleAttribute(PURGE_AT, format(at));
    }

    /** @return whether a purge was scheduled */
    public static boolean cancelPurge(UserModel user) {
        if (user.getFirstAttribute(PURGE_AT) == null) {
            return false;
        }
        user.removeAttribute(PURGE_AT);
        return true;
    }

    public static boolean deletedBy(UserModel user, String connectorName) {
        return connectorName.equals(user.getFirstAttribute(DELETED_BY_CONNECTOR));
    }
}
