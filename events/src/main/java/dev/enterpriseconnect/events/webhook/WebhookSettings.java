package dev.enterpriseconnect.events.webhook;

import java.time.Duration;
import java.time.format.DateTimeParseException;

import org.keycloak.Config;

/**
 * The worker's settings, from {@code --spi-enterprise-connect-webhooks--default--<name>=<value>}:
 * ISO-8601 durations ({@code PT1S}) or whole seconds.
 */
public record WebhookSettings(Duration interval, Duration retryBase, Duration retryCap, Duration retryWindow,
        Duration retention, Duration connectTimeout, Duration requestTimeout) {

    public static final String INTERVAL = "interval";
    public static final String RETRY_BASE = "retry-base";
    public static final String RETRY_CAP = "retry-cap";
    public static final String RETRY_WINDOW = "retry-window";
    public static final String RETENTION = "events-retention";
    public static final String CONNECT_TIMEOUT = "connect-timeout";
    public static final String REQUEST_TIMEOUT = "request-timeout";

    public static final WebhookSettings DEFAULTS = new WebhookSettings(Duration.ofSeconds(1), Duration.ofSeconds(5),
            Duration.ofHours(1), Duration.ofDays(3), Duration.ofDays(30), Duration.ofSeconds(5), Duration.ofSeconds(10));

    static WebhookSettings of(Config.Scope config) {
        return new WebhookSettings(get(config, INTERVAL, DEFAULTS.interval), get(config, RETRY_BASE, DEFAULTS.retryBase),
                get(config, RETRY_CAP, DEFAULTS.retryCap), get(config, RETRY_WINDOW, DEFAULTS.retryWindow),
                get(config, RETENTION, DEFAULTS.retention), get(config, CONNECT_TIMEOUT, DEFAULTS.connectTimeout),
                get(config, REQUEST_TIMEOUT, DEFAULTS.requestTimeout));
    }

    /** The wait before retry number {@code attempts} (1 = after the first failure): base · 2^(n−1), at most the cap. */
    public Duration backoff(int attempts) {
        int exponent = Math.min(Math.max(attempts - 1, 0), 30);
        long millis = retryBase.toMillis() << exponent;
        return millis <= 0 || millis > retryCap.toMillis() ? retryCap : Duration.ofMillis(millis);
    }

    static Duration parse(String value) {
        String trimmed = value.trim();
        Duration parsed;
        try {
            parsed = trimmed.chars().allMatch(Character::isDigit) ? Duration.ofSeconds(Long.parseLong(trimmed))
                    : Duration.parse(trimmed);
        } catch (DateTimeParseException | NumberFormatException e) {
            parsed = null;
        }
        if (parsed == null || parsed.isNegative() || parsed.isZero()) {
            throw new IllegalArgumentException("'" + value + "' is not an ISO-8601 duration (PT5S) or whole seconds");
        }
        return parsed;
    }

    private static Duration get(Config.Scope config, String name, Duration fallback) {
        String value = config == null ? null : config.get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return parse(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("spi-" + WebhooksSpi.NAME + "--default--" + name + ": " + e.getMessage(), e);
        }
    }
}
