package dev.enterpriseconnect.scim.log;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * One row of a connector's provisioning log: a SCIM request it made, or a failed login through its
 * identity provider. {@code seq} grows with every row, so "newest N" and the row cap need no count.
 */
@Entity
@Table(name = "EC_PROVISIONING_LOG")
public class ProvisioningLogEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    @Column(name = "SEQ")
    private Long seq;

    @Column(name = "REALM_ID", length = 36, nullable = false)
    private String realmId;

    @Column(name = "CONNECTOR_ID", length = 36, nullable = false)
    private String connectorId;

    @Column(name = "KIND", length = 8, nullable = false)
    private String kind;

    @Column(name = "CREATED_AT", nullable = false)
    private long createdAt;

    @Column(name = "METHOD", length = 8)
    private String method;

    @Column(name = "PATH", length = 512)
    private String path;

    @Column(name = "STATUS")
    private Integer status;

    @Column(name = "SCIM_TYPE", length = 32)
    private String scimType;

    @Column(name = "DURATION_MS")
    private Integer durationMs;

    @Column(name = "RESOURCE_TYPE", length = 16)
    private String resourceType;

    @Column(name = "RESOURCE_ID", length = 36)
    private String resourceId;

    @Column(name = "USER_NAME", length = 255)
    private String userName;

    @Column(name = "REQUEST_ID", length = 128)
    private String requestId;

    @Column(name = "BODY", length = 16_384)
    private String body;

    @Column(name = "REASON", length = 1024)
    private String reason;

    public Long getSeq() { return seq; }
    public String getRealmId() { return realmId; }
    public void setRealmId(String realmId) { this.realmId = realmId; }
    public String getConnectorId() { return connectorId; }
    public void setConnectorId(String connectorId) { this.connectorId = connectorId; }
    public String getKind() { return kind; }
    public void setKind(String kind) { this.kind = kind; }
    public long getCreatedAt() { return createdAt; }
    public void setCreatedAt(long createdAt) { this.createdAt = createdAt; }
    public String getMethod() { return method; }
    public void setMethod(String method) { this.method = method; }
    public String getPath() { return path; }
    public void setPath(String path) { this.path = path; }
    public Integer getStatus() { return status; }
    public void setStatus(Integer status) { this.status = status; }
    public String getScimType() { return scimType; }
    public void setScimType(String scimType) { this.scimType = scimType; }
    public Integer getDurationMs() { return durationMs; }
    public void setDurationMs(Integer durationMs) { this.durationMs = durationMs; }
    public String getResourceType() { return resourceType; }
    public void setResourceType(String resourceType) { this.resourceType = resourceType; }
    public String getResourceId() { return resourceId; }
    public void setResourceId(String resourceId) { this.resourceId = resourceId; }
    public String getUserName() { return userName; }
    public void setUserName(String userName) { this.userName = userName; }
    public String getRequestId() { return requestId; }
    public void setRequestId(String requestId) { this.requestId = requestId; }
    public String getBody() { return body; }
    public void setBody(String body) { this.body = body; }
    public String getReason() { return reason; }
    public void setReason(String reason) { this.reason = reason; }
}
