package dev.enterpriseconnect.console.setuplink;

import java.time.Duration;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

import dev.enterpriseconnect.lifecycle.sweep.LifecycleSweepStep;
import dev.enterpriseconnect.storage.KeycloakDatabase;

/**
 * The cluster-once sweep's step for setup links: a link ended (expired or revoked) 90 days ago is
 * deleted, and so are domain claims never proven in that time. Until then an ended link's page
 * still says it expired or was revoked and whom to ask, rather than "not valid".
 */
public final class SetupLinkSweepStep implements LifecycleSweepStep {

    static final Duration KEPT_AFTER_END = Duration.ofDays(90);

    @Override
    public String name() {
        return "setup-links";
    }

    @Override
    public void run(KeycloakSession session, RealmModel realm, long nowMillis) {
        long cutoff = nowMillis - KEPT_AFTER_END.toMillis();
        var em = KeycloakDatabase.entityManager(session);
        em.createQuery("delete from SetupLinkEntity l where l.realmId = :realm and (l.expiresAt < :cutoff"
                        + " or l.revokedAt < :cutoff)")
                .setParameter("realm", realm.getId()).setParameter("cutoff", cutoff).executeUpdate();
        em.createQuery("delete from DomainClaimEntity c where c.realmId = :realm and c.verifiedAt is null"
                        + " and c.createdAt < :cutoff")
                .setParameter("realm", realm.getId()).setParameter("cutoff", cutoff).executeUpdate();
    }
}
