package dev.enterpriseconnect.scim.endpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RequestRateLimiterTest {

    @Test
    void aBurstThenTheRate() {
        RequestRateLimiter limiter = new RequestRateLimiter();
        for (int i = 0; i < 20; i++) {
            assertEquals(0, limiter.acquire("c", 1_000, 10, 20), "request " + i + " of the burst");
        }
        long wait = limiter.acquire("c", 1_000, 10, 20);
        assertEquals(100, wait, "one token every 100 ms at 10/s");
        assertEquals(0, limiter.acquire("c", 1_100, 10, 20));
        assertTrue(limiter.acquire("c", 1_100, 10, 20) > 0);
        // A second later, 10 more.
        int admitted = 0;
        for (int i = 0; i < 20; i++) {
            admitted += limiter.acquire("c", 2_100, 10, 20) == 0 ? 1 : 0;
        }
        assertEquals(10, admitted);
        assertEquals(0, limiter.acquire("other", 2_100, 10, 20), "each connector has its own bucket");
    }
}
