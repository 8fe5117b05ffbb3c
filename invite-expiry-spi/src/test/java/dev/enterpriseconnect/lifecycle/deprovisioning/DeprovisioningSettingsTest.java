package dev.enterpriseconnect.lifecycle.deprovisioning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class DeprovisioningSettingsTest {

    @Test
    void policiesAreSpelledAsInTheAdminApi() {
        assertEquals(Optional.of(DeprovisioningPolicy.DISABLE_THEN_DELETE), DeprovisioningPolicy.parse("disable-then-delete"));
        assertEquals(Optional.of(DeprovisioningPolicy.DELETE), DeprovisioningPolicy.parse(" Delete "));
        assertEquals(Optional.empty(), DeprovisioningPolicy.parse("archive"));
        assertEquals(Optional.empty(), DeprovisioningPolicy.parse(null));
    }

    @Test
    void retentionIsAnIsoDurationOrSecondsWithinBounds() {
        assertEquals(Optional.of(Duration.ofDays(30)), RetentionPeriod.parse("P30D"));
        assertEquals(Optional.of(Duration.ofHours(12)), RetentionPeriod.parse("PT12H"));
        assertEquals(Optional.of(Duration.ofSeconds(5)), RetentionPeriod.parse("5"));
        assertEquals(Optional.empty(), RetentionPeriod.parse("0"));
        assertEquals(Optional.empty(), RetentionPeriod.parse("-PT5S"));
        assertEquals(Optional.empty(), RetentionPeriod.parse("P3651D"));
        assertEquals(Optional.empty(), RetentionPeriod.parse("30 days"));
        assertEquals(Optional.empty(), RetentionPeriod.parse("99999999999999999999"));
    }

    @Test
    void purgeDeadlinesSortAsTextInTimeOrder() {
        Instant earlier = Instant.parse("2031-01-09T23:59:59.900Z");
        Instant later = Instant.parse("2031-01-10T00:00:00Z");
        String a = DeprovisioningState.format(earlier);
        String b = DeprovisioningState.format(later);
        assertEquals("2031-01-09T23:59:59Z", a);
        assertTrue(a.compareTo(b) < 0);
        assertEquals(Optional.of(Instant.parse("2031-01-09T23:59:59Z")), DeprovisioningState.parse(a));
        assertEquals(Optional.empty(), DeprovisioningState.parse("tomorrow"));
    }
}
