package dev.enterpriseconnect.events.webhook;

/** A delivery's state; stored by name. */
public enum DeliveryStatus {
    /** Due at {@code NEXT_ATTEMPT_AT}, once every earlier delivery of the same resource is done. */
    PENDING,
    /** Claimed by one node until {@code CLAIM_UNTIL}; a crashed node's claim runs out and the row is PENDING again. */
    DELIVERING,
    DELIVERED,
    /** Retried for the retry window (3 days) without success; redeliverable by hand. */
    FAILED
}
