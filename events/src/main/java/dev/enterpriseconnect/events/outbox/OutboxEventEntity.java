package dev.enterpriseconnect.events.outbox;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * One directory event, written in the transaction of the change it describes (the outbox). Its
 * {@code seq} is the events API's cursor and the order of deliveries.
 */
@Entity
@Table(name = "EC_DIRECTORY_EVENT")
public class OutboxEventEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    @Column(name = "SEQ")
    private Long seq;

    @Column(name = "ID", length = 36, nullable = false, unique = true)
    private String id;

    @Column(name = "REALM_ID", length = 36, nullable = false)
    private String realmId;

    @Column(name = "ORGANIZATION_ID", length = 36)
    private String organizationId;

    @Column(name = "CONNECTOR")
    private String connector;

    @Column(name = "TYPE", length = 64, nullable = false)
    private String type;

    @Column(name = "RESOURCE_TYPE", length = 16, nullable = false)
    private String resourceType;

    @Column(name = "RESOURCE_ID", length = 36, nullable = false)
    private String resourceId;

    @Column(name = "CREATED_AT", nullable = false)
    private long createdAt;

    @Column(name = "PAYLOAD", nullable = false, length = 1_000_000)
    private String payload;

    public Long getSeq() { return seq; }
    public String getId() { return id; }
    public void setId(String id) { this.id = id; }
    public String getRealmId() { return realmId; }
    public void setRealmId(String realmId) { this.realmId = realmId; }
    public String getOrganizationId() { return organizationId; }
    public void setOrganizationId(String organizationId) { this.organizationId = organizationId; }
    public String getConnector() { return connector; }
    public void setConnector(String connector) { this.connector = connector; }
    public String getType() { return type; }
    public void setType(String type) { this.type = type; }
    public String getResourceType() { return resourceType; }
    public void setResourceType(String resourceType) { this.resourceType = resourceType; }
    public String getResourceId() { return resourceId; }
    public void setResourceId(String resourceId) { this.resourceId = resourceId; }
    public long getCreatedAt() { return createdAt; }
    public void setCreatedAt(long createdAt) { this.createdAt = createdAt; }
    public String getPayload() { return payload; }
    public void setPayload(String payload) { this.payload = payload; }
}
