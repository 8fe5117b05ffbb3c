package dev.enterpriseconnect.events.webhook;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * One event for one endpoint: created with the event (same transaction), claimed by one node at a
 * time with a conditional UPDATE, retried until delivered or {@link DeliveryStatus#FAILED}.
 */
@Entity
@Table(name = "EC_WEBHOOK_DELIVERY")
public class WebhookDeliveryEntity {

    @Id
    @Column(name = "ID", length = 36)
    private String id;

    @Column(name = "REALM_ID", length = 36, nullable = false)
    private String realmId;

    @Column(name = "ENDPOINT_ID", length = 36, nullable = false)
    private String endpointId;

    @Column(name = "EVENT_ID", length = 36, nullable = false)
    private String eventId;

    @Column(name = "EVENT_SEQ", nullable = false)
    private long eventSeq;

    @Column(name = "EVENT_TYPE", length = 64, nullable = false)
    private String eventType;

    /** {@code User:<id>} or {@code Group:<id>}: deliveries of one key go out one after another, in event order. */
    @Column(name = "ORDERING_KEY", length = 64, nullable = false)
    private String orderingKey;

    @Column(name = "STATUS", length = 16, nullable = false)
    private String status;

    @Column(name = "ATTEMPTS", nullable = false)
    private int attempts;

    @Column(name = "CREATED_AT", nullable = false)
    private long createdAt;

    @Column(name = "NEXT_ATTEMPT_AT", nullable = false)
    private long nextAttemptAt;

    @Column(name = "LAST_ATTEMPT_AT")
    private Long lastAttemptAt;

    @Column(name = "DELIVERED_AT")
    private Long deliveredAt;

    @Column(name = "LAST_STATUS")
    private Integer lastStatus;

    @Column(name = "LAST_ERROR", length = 1024)
    private String lastError;

    @Column(name = "CLAIMED_BY", length = 64)
    private String claimedBy;

    @Column(name = "CLAIM_UNTIL")
    private Long claimUntil;

    public String getId() { return id; }
    public void setId(String id) { this.id = id; }
    public String getRealmId() { return realmId; }
    public void setRealmId(String realmId) { this.realmId = realmId; }
    public String getEndpointId() { return endpointId; }
    public void setEndpointId(String endpointId) { this.endpointId = endpointId; }
    public String getEventId() { return eventId; }
    public void setEventId(String eventId) { this.eventId = eventId; }
    public long getEventSeq() { return eventSeq; }
    public void setEventSeq(long eventSeq) { this.eventSeq = eventSeq; }
    public String getEventType() { return eventType; }
    public void setEventType(String eventType) { this.eventType = eventType; }
    public String getOrderingKey() { return orderingKey; }
    public void setOrderingKey(String orderingKey) { this.orderingKey = orderingKey; }
    public String getStatus() { return status; }
    public void setStatus(String status) { this.status = status; }
    public int getAttempts() { return attempts; }
    public void setAttempts(int attempts) { this.attempts = attempts; }
    public long getCreatedAt() { return createdAt; }
    public void setCreatedAt(long createdAt) { this.createdAt = createdAt; }
    public long getNextAttemptAt() { return nextAttemptAt; }
    public void setNextAttemptAt(long nextAttemptAt) { this.nextAttemptAt = nextAttemptAt; }
    public Long getLastAttemptAt() { return lastAttemptAt; }
    public void setLastAttemptAt(Long lastAttemptAt) { this.lastAttemptAt = lastAttemptAt; }
    public Long getDeliveredAt() { return deliveredAt; }
    public void setDeliveredAt(Long deliveredAt) { this.deliveredAt = deliveredAt; }
    public Integer getLastStatus() { return lastStatus; }
    public void setLastStatus(Integer lastStatus) { this.lastStatus = lastStatus; }
    public String getLastError() { return lastError; }
    public void setLastError(String lastError) { this.lastError = lastError; }
    public String getClaimedBy() { return claimedBy; }
    public void setClaimedBy(String claimedBy) { this.claimedBy = claimedBy; }
    public Long getClaimUntil() { return claimUntil; }
    public void setClaimUntil(Long claimUntil) { this.claimUntil = claimUntil; }
}
