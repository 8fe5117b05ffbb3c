package dev.enterpriseconnect.events;

/** Counters and timers of the events module (no-op until metrics are wired). */
public final class EventMetrics {

    private EventMetrics() {
    }

    public static void delivery(boolean succeeded, long nanos) {
    }

    public static void deliveryGaveUp() {
    }
}
