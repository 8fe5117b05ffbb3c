package dev.enterpriseconnect.lifecycle.invitation;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

import org.keycloak.component.ComponentModel;
import org.keycloak.models.RealmModel;

/**
 * How a connector invites the users it provisions. Stored in the connector's component config
 * under {@link #KEYS}; {@link #parse} is the one place the values are checked, so the admin API,
 * the component API and realm import report the same errors.
 */
public record InvitationPolicy(boolean enabled, Duration lifespan, int maxResends, Duration disableAfter,
        String identityProvider, String clientId, String redirectUri) {

    public static final String ENABLED = "invitationsEnabled";
    public static final String LIFESPAN = "invitationLifespan";
    public static final String MAX_RESENDS = "invitationMaxResends";
    public static final String DISABLE_AFTER = "invitationDisableAfter";
    public static final String IDENTITY_PROVIDER = "invitationIdentityProvider";
    public static final String CLIENT_ID = "invitationClientId";
    public static final String REDIRECT_URI = "invitationRedirectUri";
    public static final List<String> KEYS = List.of(ENABLED, LIFESPAN, MAX_RESENDS, DISABLE_AFTER, IDENTITY_PROVIDER,
            CLIENT_ID, REDIRECT_URI);

    public static final Duration DEFAULT_LIFESPAN = Duration.ofDays(14);
    /** {@link #DEFAULT_LIFESPAN} as the README and the admin API write it. */
    public static final String DEFAULT_LIFESPAN_SETTING = "P14D";
    public static final String DEFAULT_CLIENT_ID = "account-console";
    private static final Duration MAX_LIFESPAN = Duration.ofDays(365);
    private static final int MAX_RESENDS_LIMIT = 10;

    /** Connectors are realm components of this provider id (see scim-endpoint-spi). */
    private static final String CONNECTOR_PROVIDER_ID = "scim-connector";

    /** The policy for users invited without a connector (an admin resend or a workflow step for a hand-made user). */
    public static final InvitationPolicy DEFAULT = new InvitationPolicy(true, DEFAULT_LIFESPAN, 0, null, null,
            DEFAULT_CLIENT_ID, null);

    /**
     * @param setting a connector setting by key, null when unset
     * @throws IllegalArgumentException naming the setting and what it accepts
     */
    public static InvitationPolicy parse(Function<String, String> setting) {
        String enabled = blankToNull(setting.apply(ENABLED));
        if (enabled != null && !enabled.equalsIgnoreCase("true") && !enabled.equalsIgnoreCase("false")) {
            throw new IllegalArgumentException(ENABLED + " must be true or false");
        }
        Duration lifespan = duration(setting.apply(LIFESPAN), LIFESPAN, Duration.ofSeconds(1), MAX_LIFESPAN);
        Duration disableAfter = duration(setting.apply(DISABLE_AFTER), DISABLE_AFTER, Duration.ZERO, MAX_LIFESPAN);
        String resends = blankToNull(setting.apply(MAX_RESENDS));
        int maxResends = 0;
        if (resends != null) {
            try {
                maxResends = Integer.parseInt(resends.trim());
            } catch (NumberFormatException e) {
                maxResends = -1;
            }
            if (maxResends < 0 || maxResends > MAX_RESENDS_LIMIT) {
                throw new IllegalArgumentException(MAX_RESENDS + " must be a whole number from 0 to " + MAX_RESENDS_LIMIT);
            }
        }
        String redirectUri = blankToNull(setting.apply(REDIRECT_URI));
        if (redirectUri != null && !(redirectUri.startsWith("https://") || redirectUri.startsWith("http://"))) {
            throw new IllegalArgumentException(REDIRECT_URI + " must be an absolute http(s) URL");
        }
        String clientId = blankToNull(setting.apply(CLIENT_ID));
        return new InvitationPolicy(enabled == null || Boolean.parseBoolean(enabled.toLowerCase(Locale.ROOT)),
                lifespan == null ? DEFAULT_LIFESPAN : lifespan, maxResends, disableAfter,
                blankToNull(setting.apply(IDENTITY_PROVIDER)), clientId == null ? DEFAULT_CLIENT_ID : clientId,
                redirectUri);
    }

    /** The policy of the realm's connector with this name; empty when there is no such connector. */
    public static Optional<InvitationPolicy> ofConnector(RealmModel realm, String connectorName) {
        if (connectorName == null) {
            return Optional.empty();
        }
        return connector(realm, connectorName).map(component -> parse(component::get));
    }

    /** Every connector of the realm with its policy, for the sweep's per-connector grace periods. */
    static java.util.Map<String, InvitationPolicy> allConnectors(RealmModel realm) {
        java.util.Map<String, InvitationPolicy> policies = new java.util.LinkedHashMap<>();
        realm.getComponentsStream(realm.getId())
                .filter(c -> CONNECTOR_PROVIDER_ID.equals(c.getProviderId()))
                .forEach(c -> {
                    try {
                        policies.put(c.getName(), parse(c::get));
                    } catch (IllegalArgumentException invalid) {
                        // An imported connector with a bad setting: its users are left alone.
                    }
                });
        return policies;
    }

    private static Optional<ComponentModel> connector(RealmModel realm, String name) {
        return realm.getComponentsStream(realm.getId())
                .filter(c -> CONNECTOR_PROVIDER_ID.equals(c.getProviderId()) && name.equals(c.getName()))
                .findFirst();
    }

    /** The link leads to the company's IdP rather than to setting a local password. */
    public boolean viaIdentityProvider() {
        return identityProvider != null;
    }

    /** ISO-8601 ({@code P14D}, {@code PT2S}) or a whole number of seconds. */
    static Duration duration(String value, String key, Duration min, Duration max) {
        String text = blankToNull(value);
        if (text == null) {
            return null;
        }
        Duration duration;
        try {
            duration = text.chars().allMatch(Character::isDigit) ? Duration.ofSeconds(Long.parseLong(text))
                    : Duration.parse(text.toUpperCase(Locale.ROOT));
        } catch (DateTimeParseException | NumberFormatException | ArithmeticException e) {
            duration = null;
        }
        if (duration == null || duration.compareTo(min) < 0 || duration.compareTo(max) > 0) {
            throw new IllegalArgumentException(key + " must be an ISO-8601 duration such as P14D or PT2S, or a whole"
                    + " number of seconds, from " + describe(min) + " to 365 days; got '" + text + "'");
        }
        return duration;
    }

    private static String describe(Duration duration) {
        return duration.isZero() ? "0" : duration.getSeconds() + " second" + (duration.getSeconds() == 1 ? "" : "s");
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
