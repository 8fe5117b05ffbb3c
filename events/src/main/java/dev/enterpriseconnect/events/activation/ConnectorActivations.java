package dev.enterpriseconnect.events.activation;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.node.ObjectNode;

import org.jboss.logging.Logger;
import org.keycloak.common.util.Time;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;

import dev.enterpriseconnect.events.Database;
import dev.enterpriseconnect.events.DirectoryEvent;
import dev.enterpriseconnect.events.DirectoryEvents;
import dev.enterpriseconnect.events.EventTypes;
import jakarta.persistence.EntityManager;

/**
 * Emits {@code connector.activated} once per connector and credential generation: on the first
 * request that authenticated with the connector's current credential. The activation row and the
 * event commit together in a transaction of their own, apart from the request's, so a SCIM error
 * in the request does not undo that the IdP reached us, and a twin on another node that loses the
 * primary-key race leaves the request alone. Each node remembers which generations it has seen,
 * so after the first request the check costs one set lookup and no query.
 */
public final class ConnectorActivations {

    private static final Logger LOG = Logger.getLogger(ConnectorActivations.class);
    /** Connectors times rotations seen by this node; past this, forgotten and re-read (one PK lookup each). */
    private static final int MAX_REMEMBERED = 10_000;
    private static final Set<String> SEEN = ConcurrentHashMap.newKeySet();

    private ConnectorActivations() {
    }

    /**
     * @param generation which credential authenticated the request (changes with each rotation)
     * @param data       the connector as the event shows it, never a secret; built only for the first request
     */
    public static void onAuthenticated(KeycloakSession session, RealmModel realm, OrganizationModel organization,
            String connectorId, String connectorName, String generation, Supplier<ObjectNode> data) {
        String key = connectorId + "/" + generation;
        if (SEEN.contains(key)) {
            return;
        }
        String realmId = realm.getId();
        try {
            KeycloakModelUtils.runJobInTransaction(session.getKeycloakSessionFactory(), other -> {
                EntityManager em = Database.entityManager(other);
                if (em.find(ConnectorActivationEntity.class, key) != null) {
                    return;
                }
                boolean afterRotation = em.createQuery("select count(a) from ConnectorActivationEntity a"
                        + " where a.connectorId = :connector", Long.class).setParameter("connector", connectorId)
                        .getSingleResult() > 0;
                ConnectorActivationEntity row = new ConnectorActivationEntity();
                row.setId(key);
                row.setRealmId(realmId);
                row.setConnectorId(connectorId);
                row.setActivatedAt(Time.currentTimeMillis());
                em.persist(row);
                em.flush(); // the primary key decides here which node's first request this is
                RealmModel current = other.realms().getRealm(realmId);
                other.getContext().setRealm(current);
                DirectoryEvents.record(other, DirectoryEvent.aboutConnector(EventTypes.CONNECTOR_ACTIVATED, current,
                        connectorId).organization(organization).connector(connectorName).data(data.get())
                        .detail("afterRotation", Boolean.toString(afterRotation)));
            });
            remember(key);
        } catch (RuntimeException e) {
            // Most likely a first request on another node won the insert; the next request looks again.
            LOG.debugf(e, "Connector %s activation not recorded by this request", connectorName);
        }
    }

    private static void remember(String key) {
        if (SEEN.size() >= MAX_REMEMBERED) {
            SEEN.clear();
        }
        SEEN.add(key);
    }
}
