package dev.enterpriseconnect.scim.log;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.node.ObjectNode;

import org.keycloak.component.ComponentModel;
import org.keycloak.component.ComponentValidationException;

import dev.enterpriseconnect.lifecycle.deprovisioning.RetentionPeriod;

/**
 * A connector's provisioning-log settings, stored on its component:
 * {@code log} (on by default), {@code logRetention} (P30D), {@code logMaxRows} (10,000) and
 * {@code logRedactedAttributes} (attribute names whose values never reach the log, on top of
 * passwords, secrets and tokens, which are always left out).
 */
public record LogSettings(boolean enabled, Duration retention, String retentionSetting, int maxRows,
        Set<String> redactedAttributes) {

    public static final String ENABLED = "log";
    public static final String RETENTION = "logRetention";
    public static final String MAX_ROWS = "logMaxRows";
    public static final String REDACTED_ATTRIBUTES = "logRedactedAttributes";
    public static final List<String> KEYS = List.of(ENABLED, RETENTION, MAX_ROWS, REDACTED_ATTRIBUTES);

    public static final String DEFAULT_RETENTION = "P30D";
    private static final Duration DEFAULT_RETENTION_PERIOD = RetentionPeriod.parse(DEFAULT_RETENTION).orElseThrow();
    public static final int DEFAULT_MAX_ROWS = 10_000;
    public static final int MAX_MAX_ROWS = 1_000_000;

    public static LogSettings of(ComponentModel component) {
        String enabled = component.get(ENABLED);
        String retention = component.get(RETENTION);
        String maxRows = component.get(MAX_ROWS);
        var parsed = retention == null || retention.isBlank() ? java.util.Optional.<Duration>empty()
                : RetentionPeriod.parse(retention);
        String shown = parsed.isEmpty() ? DEFAULT_RETENTION : retention.trim();
        return new LogSettings(!"false".equals(enabled), parsed.orElse(DEFAULT_RETENTION_PERIOD), shown,
                maxRows == null || parseRows(maxRows) < 1 ? DEFAULT_MAX_ROWS : parseRows(maxRows),
                names(component.get(REDACTED_ATTRIBUTES)));
    }

    /** The rules the admin API and Keycloak's component validation apply; a bad value changes nothing. */
    public static void validate(ComponentModel component) {
        String enabled = component.get(ENABLED);
        if (enabled != null && !enabled.equals("true") && !enabled.equals("false")) {
            throw new ComponentValidationException(ENABLED + " must be true or false, got '" + enabled + "'");
        }
        String retention = component.get(RETENTION);
        if (retention != null && RetentionPeriod.parse(retention).isEmpty()) {
            throw new ComponentValidationException(RETENTION + " must be an ISO-8601 duration (P30D, PT12H) or whole"
                    + " seconds, from 1 second to 3650 days; got '" + retention + "'");
        }
        String maxRows = component.get(MAX_ROWS);
        if (maxRows != null && parseRows(maxRows) < 1) {
            throw new ComponentValidationException(MAX_ROWS + " must be a whole number from 1 to " + MAX_MAX_ROWS
                    + ", got '" + maxRows + "'");
        }
        for (String name : names(component.get(REDACTED_ATTRIBUTES))) {
            if (!name.matches("[a-z0-9_$-]{1,128}")) {
                throw new ComponentValidationException(REDACTED_ATTRIBUTES + " holds '" + name
                        + "', which is not an attribute name (e.g. employeeNumber, phoneNumbers)");
            }
        }
    }

    public void describe(ObjectNode node) {
        node.put(ENABLED, enabled);
        node.put(RETENTION, retentionSetting);
        node.put(MAX_ROWS, maxRows);
        redactedAttributes.stream().sorted().forEach(node.putArray(REDACTED_ATTRIBUTES)::add);
    }

    private static int parseRows(String value) {
        try {
            int rows = Integer.parseInt(value.trim());
            return rows >= 1 && rows <= MAX_MAX_ROWS ? rows : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** Lower-cased attribute names, compared ignoring case as SCIM attribute names are. */
    private static Set<String> names(String list) {
        if (list == null || list.isBlank()) {
            return Set.of();
        }
        return Arrays.stream(list.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .map(s -> s.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
    }
}
