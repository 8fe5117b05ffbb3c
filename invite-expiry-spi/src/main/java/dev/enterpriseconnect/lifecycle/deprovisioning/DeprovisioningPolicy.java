package dev.enterpriseconnect.lifecycle.deprovisioning;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** What a connector does to a user its IdP deletes or deactivates. */
public enum DeprovisioningPolicy {

    /** Disable the user and revoke all access at once; the account and its data stay. */
    DISABLE("disable"),
    /** Remove the user from Keycloak at once. */
    DELETE("delete"),
    /** Disable and revoke at once, then the sweep removes the user when the retention period ends. */
    DISABLE_THEN_DELETE("disable-then-delete");

    public static final List<String> VALUES = Arrays.stream(values()).map(DeprovisioningPolicy::value).toList();

    private final String value;

    DeprovisioningPolicy(String value) {
        this.value = value;
    }

    /** The spelling used in configuration and the admin API. */
    public String value() {
        return value;
    }

    public static Optional<DeprovisioningPolicy> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        String wanted = value.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(p -> p.value.equals(wanted)).findFirst();
    }
}
