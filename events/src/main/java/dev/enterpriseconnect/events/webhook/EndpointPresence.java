package dev.enterpriseconnect.events.webhook;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

import dev.enterpriseconnect.events.Database;
import jakarta.persistence.EntityManager;

/**
 * Whether a realm has any enabled webhook endpoint, kept as a realm attribute so that a directory
 * change in a realm without endpoints (the common case) records its event without querying the
 * endpoint table. Realm attributes are cached on every node and invalidated across the cluster on
 * commit, which a node-local cache would not be. A realm that never had the attribute written (one
 * from before it existed) is treated as having endpoints, so the table is asked.
 */
public final class EndpointPresence {

    static final String ATTRIBUTE = "enterpriseconnect.webhookEndpoints";

    private EndpointPresence() {
    }

    /** Writes the attribute of every realm that has none yet (realms from before it existed). */
    public static void initialise(KeycloakSession session) {
        EntityManager em = Database.entityManager(session);
        session.realms().getRealmsStream().filter(realm -> realm.getAttribute(ATTRIBUTE) == null)
                .forEach(realm -> recount(em, realm));
    }

    /** A new realm has no endpoint. */
    public static void created(RealmModel realm) {
        realm.setAttribute(ATTRIBUTE, "0");
    }

    /** False only when the realm is known to have no enabled endpoint. */
    public static boolean possible(RealmModel realm) {
        return !"0".equals(realm.getAttribute(ATTRIBUTE));
    }

    /**
     * Recounts after an endpoint was created, changed or deleted in this transaction. The realm's row
     * is locked first, so two administrators changing endpoints at once count one after the other
     * and the last count written sees both changes.
     */
    public static void recount(EntityManager em, RealmModel realm) {
        em.flush();
        em.createNativeQuery("select ID from REALM where ID = ?1 for update").setParameter(1, realm.getId())
                .getResultList();
        Long enabled = em.createQuery("select count(e) from WebhookEndpointEntity e where e.realmId = :realm"
                + " and e.enabled = true", Long.class).setParameter("realm", realm.getId()).getSingleResult();
        realm.setAttribute(ATTRIBUTE, Long.toString(enabled));
    }
}
