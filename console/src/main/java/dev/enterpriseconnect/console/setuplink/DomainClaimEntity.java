package dev.enterpriseconnect.console.setuplink;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A domain an IT admin typed on a setup page. It stays out of the Organization (so it routes no
 * login and links no account) until its DNS TXT record is found or a vendor administrator approves it.
 */
@Entity
@Table(name = "EC_DOMAIN_CLAIM")
public class DomainClaimEntity {

    @Id
    @Column(name = "ID", length = 36)
    private String id;

    @Column(name = "REALM_ID", length = 36, nullable = false)
    private String realmId;

    @Column(name = "ORGANIZATION_ID", length = 36, nullable = false)
    private String organizationId;

    @Column(name = "LINK_ID", length = 36)
    private String linkId;

    @Column(name = "NAME", length = 255, nullable = false)
    private String name;

    @Column(name = "CHALLENGE", length = 64, nullable = false)
    private String challenge;

    @Column(name = "CREATED_AT", nullable = false)
    private long createdAt;

    @Column(name = "VERIFIED_AT")
    private Long verifiedAt;

    @Column(name = "VERIFIED_BY", length = 255)
    private String verifiedBy;

    public String getId() { return id; }
    public void setId(String id) { this.id = id; }
    public String getRealmId() { return realmId; }
    public void setRealmId(String realmId) { this.realmId = realmId; }
    public String getOrganizationId() { return organizationId; }
    public void setOrganizationId(String organizationId) { this.organizationId = organizationId; }
    public String getLinkId() { return linkId; }
    public void setLinkId(String linkId) { this.linkId = linkId; }
    public String getName() { return name; }
    public void setName(String name) { this.name = name; }
    public String getChallenge() { return challenge; }
    public void setChallenge(String challenge) { this.challenge = challenge; }
    public long getCreatedAt() { return createdAt; }
    public void setCreatedAt(long createdAt) { this.createdAt = createdAt; }
    public Long getVerifiedAt() { return verifiedAt; }
    public void setVerifiedAt(Long verifiedAt) { this.verifiedAt = verifiedAt; }
    public String getVerifiedBy() { return verifiedBy; }
    public void setVerifiedBy(String verifiedBy) { this.verifiedBy = verifiedBy; }
}
