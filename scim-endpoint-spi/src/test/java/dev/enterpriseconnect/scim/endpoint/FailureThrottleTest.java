package dev.enterpriseconnect.scim.endpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class FailureThrottleTest {

    private static final FailureThrottle.Limit PAIR = new FailureThrottle.Limit(3, 10_000);
    private static final FailureThrottle.Limit ADDRESS = new FailureThrottle.Limit(6, 60_000);

    private static FailureThrottle.Decision fail(FailureThrottle throttle, long now, String connector, String address) {
        return throttle.fail(now, new String[] {"r\n" + connector + "\n" + address, "r\n" + address},
                new FailureThrottle.Limit[] {PAIR, ADDRESS});
    }

    @Test
    void theFailureAfterTheLimitIsThrottledUntilTheWindowEnds() {
        FailureThrottle throttle = new FailureThrottle(1000);
        for (int i = 1; i <= 3; i++) {
            FailureThrottle.Decision decision = fail(throttle, 1_000 + i, "okta", "10.0.0.1");
            assertFalse(decision.throttled(), "failure " + i);
            assertEquals(i == 1, decision.firstInWindow());
        }
        FailureThrottle.Decision fourth = fail(throttle, 2_001, "okta", "10.0.0.1");
        assertTrue(fourth.throttled());
        assertTrue(fourth.startsThrottling());
        assertEquals(9_000, fourth.retryAfterMillis(), "the window began at 1001 and lasts 10 s");
        FailureThrottle.Decision fifth = fail(throttle, 5_000, "okta", "10.0.0.1");
        assertTrue(fifth.throttled());
        assertFalse(fifth.startsThrottling(), "throttling is reported once per window");

        // Exactly when Retry-After said, the count starts again.
        FailureThrottle.Decision after = fail(throttle, 11_001, "okta", "10.0.0.1");
        assertFalse(after.throttled());
        assertTrue(after.firstInWindow());
    }

    @Test
    void anotherAddressOrConnectorHasItsOwnCount() {
        FailureThrottle throttle = new FailureThrottle(1000);
        for (int i = 0; i < 4; i++) {
            fail(throttle, 1_000, "okta", "10.0.0.1");
        }
        assertTrue(fail(throttle, 1_000, "okta", "10.0.0.1").throttled());
        assertFalse(fail(throttle, 1_000, "okta", "10.0.0.2").throttled(), "another address");
    }

    @Test
    void sprayingNamesMeetsTheAddressLimit() {
        FailureThrottle throttle = new FailureThrottle(1000);
        for (int i = 0; i < 6; i++) {
            assertFalse(fail(throttle, 1_000, "name" + i, "10.0.0.1").throttled());
        }
        FailureThrottle.Decision seventh = fail(throttle, 1_000, "name6", "10.0.0.1");
        assertTrue(seventh.throttled(), "the 7th failure from the address, whatever the names");
        assertEquals(60_000, seventh.retryAfterMillis());
        assertFalse(fail(throttle, 1_000, "name0", "10.0.0.9").throttled());
    }

    @Test
    void throttledForCountsNothing() {
        FailureThrottle throttle = new FailureThrottle(1000);
        String[] keys = {"r\nokta\n10.0.0.1", "r\n10.0.0.1"};
        FailureThrottle.Limit[] limits = {PAIR, ADDRESS};
        assertEquals(0, throttle.throttledFor(1_000, keys, limits));
        for (int i = 0; i < 4; i++) {
            throttle.fail(1_000, keys, limits);
        }
        assertEquals(4_000, throttle.throttledFor(7_000, keys, limits));
        assertEquals(0, throttle.throttledFor(11_000, keys, limits));
    }

    @Test
    void memoryIsBounded() {
        FailureThrottle throttle = new FailureThrottle(100);
        for (int i = 0; i < 10_000; i++) {
            fail(throttle, 1_000, "n", "10.0." + (i / 256) + "." + (i % 256));
        }
        assertTrue(throttle.size() <= 100, "kept " + throttle.size());
    }
}
