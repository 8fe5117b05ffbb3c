package dev.enterpriseconnect.events.webhook;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A receiver of a realm's events (optionally one Organization's only), with its signing secret(s). */
@Entity
@Table(name = "EC_WEBHOOK_ENDPOINT")
public class WebhookEndpointEntity {

    @Id
    @Column(name = "ID", length = 36)
    private String id;

    @Column(name = "REALM_ID", length = 36, nullable = false)
    private String realmId;

    @Column(name = "ORGANIZATION_ID", length = 36)
    private String organizationId;

    @Column(name = "URL", length = 2048, nullable = false)
    private String url;

    @Column(name = "DESCRIPTION")
    private String description;

    @Column(name = "ENABLED", nullable = false)
    private boolean enabled;

    /** Kept as issued: signing needs the key itself (like Keycloak's client secrets). */
    @Column(name = "SECRET", nullable = false)
    private String secret;

    @Column(name = "SECRET_CREATED_AT", nullable = false)
    private long secretCreatedAt;

    @Column(name = "PREVIOUS_SECRET")
    private String previousSecret;

    @Column(name = "PREVIOUS_SECRET_UNTIL")
    private Long previousSecretUntil;

    @Column(name = "CREATED_AT", nullable = false)
    private long createdAt;

    public String getId() { return id; }
    public void setId(String id) { this.id = id; }
    public String getRealmId() { return realmId; }
    public void setRealmId(String realmId) { this.realmId = realmId; }
    public String getOrganizationId() { return organizationId; }
    public void setOrganizationId(String organizationId) { this.organizationId = organizationId; }
    public String getUrl() { return url; }
    public void setUrl(String url) { this.url = url; }
    public String getDescription() { return description; }
    public void setDescription(String description) { this.description = description; }
    public boolean isEnabled() { return enabled; }
    public void setEnabled(boolean enabled) { this.enabled = enabled; }
    public String getSecret() { return secret; }
    public void setSecret(String secret) { this.secret = secret; }
    public long getSecretCreatedAt() { return secretCreatedAt; }
    public void setSecretCreatedAt(long secretCreatedAt) { this.secretCreatedAt = secretCreatedAt; }
    public String getPreviousSecret() { return previousSecret; }
    public void setPreviousSecret(String previousSecret) { this.previousSecret = previousSecret; }
    public Long getPreviousSecretUntil() { return previousSecretUntil; }
    public void setPreviousSecretUntil(Long previousSecretUntil) { this.previousSecretUntil = previousSecretUntil; }
    public long getCreatedAt() { return createdAt; }
    public void setCreatedAt(long createdAt) { this.createdAt = createdAt; }
}
