package dev.enterpriseconnect.events.activation;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * That a connector's credential was used for the first time. The primary key is the connector
 * and its credential generation, so however many nodes see a first request at once, one insert
 * wins and one {@code connector.activated} event is written with it.
 */
@Entity
@Table(name = "EC_CONNECTOR_ACTIVATION")
public class ConnectorActivationEntity {

    /** {@code <connector id>/<credential generation>}. */
    @Id
    @Column(name = "ID", length = 255)
    private String id;

    @Column(name = "REALM_ID", length = 36, nullable = false)
    private String realmId;

    @Column(name = "CONNECTOR_ID", length = 36, nullable = false)
    private String connectorId;

    @Column(name = "ACTIVATED_AT", nullable = false)
    private long activatedAt;

    public String getId() {
        return id;
    }

    public void setId(String id) {
        this.id = id;
    }

    public String getRealmId() {
        return realmId;
    }

    public void setRealmId(String realmId) {
        this.realmId = realmId;
    }

    public String getConnectorId() {
        return connectorId;
    }

    public void setConnectorId(String connectorId) {
        this.connectorId = connectorId;
    }

    public long getActivatedAt() {
        return activatedAt;
    }

    public void setActivatedAt(long activatedAt) {
        this.activatedAt = activatedAt;
    }
}
