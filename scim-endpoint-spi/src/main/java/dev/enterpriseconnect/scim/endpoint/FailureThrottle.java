package dev.enterpriseconnect.scim.endpoint;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts failed credential checks per key in fixed windows, in this node's memory. A window
 * starts with a key's first failure and lasts {@link Limit#windowMillis}; the first
 * {@link Limit#max} failures in it are answered as usual, every later one is throttled until the
 * window ends, when the count starts again from zero. So a throttled caller is told exactly when
 * it may try again ({@link Decision#retryAfterMillis}) and is never held longer.
 *
 * <p>Plain Java with the clock passed in, so it is unit-tested without Keycloak; the server passes
 * Keycloak's clock ({@code Time.currentTimeMillis()}).
 */
final class FailureThrottle {

    /** At most {@code max} failures per window of {@code windowMillis}. */
    record Limit(int max, long windowMillis) {
    }

    /**
     * @param throttled       this failure is over a limit: answer 429
     * @param retryAfterMillis until the window that throttles ends (0 when not throttled)
     * @param firstInWindow   the first failure of a new window of the first key (log it)
     * @param startsThrottling the first throttled failure of a window of some key (log and record it)
     */
    record Decision(boolean throttled, long retryAfterMillis, int count, boolean firstInWindow, boolean startsThrottling) {
    }

    private static final class Window {
        final long start;
        final long end;
        volatile int count;

        Window(long start, long windowMillis) {
            this.start = start;
            this.end = start + windowMillis;
        }
    }

    private final ConcurrentHashMap<String, Window> windows = new ConcurrentHashMap<>();
    private final int maxEntries;

    /** @param maxEntries keys kept at most; beyond it ended windows are dropped, then all (counting restarts) */
    FailureThrottle(int maxEntries) {
        this.maxEntries = maxEntries;
    }

    /** Counts one failure under every key (each with its limit) and says whether it is throttled. */
    Decision fail(long now, String[] keys, Limit[] limits) {
        if (windows.size() >= maxEntries) {
            prune(now);
        }
        boolean throttled = false;
        boolean starts = false;
        boolean first = false;
        long retryAfter = 0;
        int firstCount = 0;
        for (int i = 0; i < keys.length; i++) {
            Limit limit = limits[i];
            int[] counted = new int[1];
            Window window = windows.compute(keys[i], (key, existing) -> {
                Window current = existing == null || now >= existing.end || now < existing.start
                        ? new Window(now, limit.windowMillis()) : existing;
                counted[0] = ++current.count;
                return current;
            });
            int count = counted[0];
            if (i == 0) {
                firstCount = count;
                first = count == 1;
            }
            if (count > limit.max()) {
                throttled = true;
                starts |= count == limit.max() + 1;
                retryAfter = Math.max(retryAfter, window.end - now);
            }
        }
        return new Decision(throttled, throttled ? Math.max(1, retryAfter) : 0, firstCount, first, starts);
    }

    /** How long until none of the keys is over its limit; 0 when none is now. Counts nothing. */
    long throttledFor(long now, String[] keys, Limit[] limits) {
        long retryAfter = 0;
        for (int i = 0; i < keys.length; i++) {
            Window window = windows.get(keys[i]);
            if (window == null) {
                continue;
            }
            if (window.count > limits[i].max() && now < window.end && now >= window.start) {
                retryAfter = Math.max(retryAfter, window.end - now);
            }
        }
        return retryAfter;
    }

    int size() {
        return windows.size();
    }

    private void prune(long now) {
        windows.values().removeIf(window -> now >= window.end || now < window.start);
        if (windows.size() >= maxEntries) {
            // Spread over more keys than we keep (addresses or names sprayed): start counting again
            // rather than grow without bound. The log shows it; the legitimate client is never locked out.
            windows.clear();
        }
    }
}
