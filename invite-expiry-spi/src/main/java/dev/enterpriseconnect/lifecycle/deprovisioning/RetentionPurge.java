package dev.enterpriseconnect.lifecycle.deprovisioning;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserManager;
import org.keycloak.models.UserModel;

import dev.enterpriseconnect.events.EventTypes;
import dev.enterpriseconnect.lifecycle.events.LifecycleEvents;
import dev.enterpriseconnect.lifecycle.events.UserDirectoryEvents;
import dev.enterpriseconnect.lifecycle.invitation.InvitationState;
import dev.enterpriseconnect.lifecycle.sweep.LifecycleSweepStep;
import dev.enterpriseconnect.storage.KeycloakDatabase;

/**
 * The sweep step that ends a retention period: users whose {@link DeprovisioningState#PURGE_AT}
 * has passed are removed. Due users come from one indexed query on the attribute (name, value),
 * at most {@link #BATCH} per realm and run, so a run's cost does not grow with the realm.
 */
public final class RetentionPurge implements LifecycleSweepStep {

    static final int BATCH = 500;

    private static final Logger LOG = Logger.getLogger(RetentionPurge.class);

    @Override
    public String name() {
        return "retention-purge";
    }

    @Override
    public void run(KeycloakSession session, RealmModel realm, long nowMillis) {
        List<String> due = KeycloakDatabase.entityManager(session).createQuery("select a.user.id from UserAttributeEntity a"
                        + " where a.user.realmId = :realm and a.name = :name and a.value <= :now order by a.value",
                        String.class)
                .setParameter("realm", realm.getId())
                .setParameter("name", DeprovisioningState.PURGE_AT)
                .setParameter("now", DeprovisioningState.format(Instant.ofEpochMilli(nowMillis)))
                .setMaxResults(BATCH)
                .getResultList();
        int purged = 0;
        for (String id : due) {
            UserModel user = session.users().getUserById(realm, id);
            if (user == null) {
                continue;
            }
            String purgeAt = user.getFirstAttribute(DeprovisioningState.PURGE_AT);
            if (user.isEnabled()) {
                // Enabled again by a path that did not clear the deadline: the account is wanted.
                DeprovisioningState.cancelPurge(user);
                LifecycleEvents.send(session, realm, id, user.getUsername(), LifecycleEvents.PURGE_CANCELLED,
                        LifecycleEvents.SWEEP, Map.of("reason", "user is enabled"));
                continue;
            }
            String username = user.getUsername();
            // The account is gone now (the DELETE or deactivation only disabled it): the vendor's app hears it.
            String connector = user.getFirstAttribute(DeprovisioningState.DELETED_BY_CONNECTOR);
            UserDirectoryEvents.record(session, realm, user, EventTypes.USER_DELETED,
                    connector != null ? connector : InvitationState.of(user).connector(), LifecycleEvents.SWEEP,
                    Map.of("policy", DeprovisioningPolicy.DISABLE_THEN_DELETE.value(), "reason", "purged"));
            new UserManager(session).removeUser(realm, user);
            LifecycleEvents.send(session, realm, id, username, LifecycleEvents.PURGED, LifecycleEvents.SWEEP,
                    Map.of("purgeAt", purgeAt));
            purged++;
        }
        if (purged > 0) {
            LOG.infof("Retention purge in realm %s: %d user(s) removed", realm.getName(), purged);
        }
    }
}
