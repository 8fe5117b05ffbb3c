package dev.enterpriseconnect.lifecycle.deprovisioning;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * How long a deprovisioned user is kept before the sweep purges it: an ISO-8601 duration
 * ({@code P30D}, {@code PT12H}) or whole seconds, from one second to ten years.
 */
public final class RetentionPeriod {

    public static final Duration MIN = Duration.ofSeconds(1);
    public static final Duration MAX = Duration.ofDays(3650);

    private RetentionPeriod() {
    }

    /** The duration, or empty when the text is neither form or lies outside the allowed range. */
    public static Optional<Duration> parse(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        String trimmed = text.trim();
        Duration duration;
        try {
            duration = trimmed.chars().allMatch(Character::isDigit) ? Duration.ofSeconds(Long.parseLong(trimmed))
                    : Duration.parse(trimmed);
        } catch (DateTimeParseException | NumberFormatException | ArithmeticException e) {
            return Optional.empty();
        }
        if (duration.compareTo(MIN) < 0 || duration.compareTo(MAX) > 0) {
            return Optional.empty();
        }
        return Optional.of(duration);
    }
}
