package dev.enterpriseconnect.scim.log;

import java.time.Instant;
import java.time.format.DateTimeParseException;

import dev.enterpriseconnect.scim.protocol.ScimException;

/**
 * The admin API's filters on a connector's log: a page ({@code first}, {@code max} ≤ 500), a time
 * range ({@code since} inclusive, {@code until} exclusive, ISO-8601), a status ({@code 409}) or class
 * ({@code 4xx}), and a user (id or userName).
 */
public record LogQuery(int first, int max, Long since, Long until, Integer status, Integer statusFrom, String user) {

    public static final int DEFAULT_MAX = 50;
    public static final int MAX_MAX = 500;

    public static LogQuery parse(String first, String max, String since, String until, String status, String user) {
        Integer statusValue = null;
        Integer statusFrom = null;
        if (status != null && !status.isBlank()) {
            String s = status.trim().toLowerCase(java.util.Locale.ROOT);
            if (s.matches("[1-5]xx")) {
                statusFrom = (s.charAt(0) - '0') * 100;
            } else if (s.matches("[1-5][0-9][0-9]")) {
                statusValue = Integer.parseInt(s);
            } else {
                throw ScimException.invalidValue("status must be an HTTP status (409) or a class (4xx, 5xx), got '"
                        + status + "'");
            }
        }
        return new LogQuery(number("first", first, 0, 0, Integer.MAX_VALUE), number("max", max, DEFAULT_MAX, 1, MAX_MAX),
                time("since", since), time("until", until), statusValue, statusFrom,
                user == null || user.isBlank() ? null : user.trim());
    }

    private static int number(String name, String value, int fallback, int min, int most) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int number = Integer.parseInt(value.trim());
            if (number >= min && number <= most) {
                return number;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw ScimException.invalidValue(name + " must be a whole number from " + min + " to " + most + ", got '"
                + value + "'");
    }

    private static Long time(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value.trim()).toEpochMilli();
        } catch (DateTimeParseException e) {
            throw ScimException.invalidValue(name + " must be an ISO-8601 instant such as 2026-12-01T10:00:00Z, got '"
                    + value + "'");
        }
    }
}
