package dev.enterpriseconnect.scim.endpoint;

import java.util.concurrent.ConcurrentHashMap;

/**
 * A token bucket per key (one per connector), in this node's memory: {@code ratePerSecond}
 * tokens a second, at most {@code burst} saved up; each admitted request takes one. Plain Java
 * with the clock passed in; the server passes Keycloak's clock.
 */
final class RequestRateLimiter {

    private static final class Bucket {
        double tokens;
        long last;

        Bucket(double tokens, long last) {
            this.tokens = tokens;
            this.last = last;
        }
    }

    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    /** Takes a token: 0 when the request may go ahead, else the milliseconds until a token is there. */
    long acquire(String key, long now, double ratePerSecond, int burst) {
        Bucket bucket = buckets.computeIfAbsent(key, k -> new Bucket(burst, now));
        synchronized (bucket) {
            long elapsed = Math.max(0, now - bucket.last);
            bucket.tokens = Math.min(burst, bucket.tokens + elapsed * ratePerSecond / 1000.0);
            bucket.last = Math.max(bucket.last, now);
            if (bucket.tokens >= 1) {
                bucket.tokens -= 1;
                return 0;
            }
            return Math.max(1, (long) Math.ceil((1 - bucket.tokens) * 1000.0 / ratePerSecond));
        }
    }

    /** Forgets a key (its connector was deleted); harmless when absent. */
    void forget(String key) {
        buckets.remove(key);
    }
}
