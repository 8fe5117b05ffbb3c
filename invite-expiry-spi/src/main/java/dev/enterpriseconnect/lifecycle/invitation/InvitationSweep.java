package dev.enterpriseconnect.lifecycle.invitation;

import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;

import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.provider.Provider;

import dev.enterpriseconnect.lifecycle.deprovisioning.AccessRevocation;
import dev.enterpriseconnect.lifecycle.events.LifecycleEvents;

import jakarta.persistence.EntityManager;

/**
 * The periodic invitation work of one realm, for the cluster-aware sweep runner to call once per
 * interval: pending invitations past their expiry are resent (while the connector's
 * {@code invitationMaxResends} allows) or marked expired, and users whose invitation stayed
 * expired for the connector's {@code invitationDisableAfter} are disabled. Due users come from
 * queries on the user attributes, at most {@link #BATCH} per step and run, so the cost does not
 * grow with the number of users; a backlog is worked off over the next runs.
 *
 * <p>Resending builds a link, which needs the server's public URL: outside a request it comes from
 * the realm's Frontend URL or else from the last invitation sent in a request; with neither, the
 * resend is skipped and the invitation is marked expired.
 */
public final class InvitationSweep {

    private static final Logger LOG = Logger.getLogger(InvitationSweep.class);

    private static boolean resend(KeycloakSession session, RealmModel realm, UserModel user, InvitationPolicy policy,
            String connector) {
        try {
            return InvitationSender.send(session, realm, user, policy, connector, false,
                    new InvitationSender.Trigger("automatic resend", LifecycleEvents.SWEEP, null)).sent();
        } catch (RuntimeException e) {
            // One user's failed email must not stop the sweep for everyone else.
            LOG.warnf("Invitation resend to user %s in realm %s failed: %s", user.getId(), realm.getName(), e.toString());
            return false;
        }
    }

    /** The most users one step of one run touches. */
    public static final int BATCH = 500;

    public record Result(int expired, int resent, int disabled) {
    }

    private InvitationSweep() {
    }

    public static Result run(KeycloakSession session, RealmModel realm, long nowMillis) {
        EntityManager em = entityManager(session);
        Map<String, InvitationPolicy> policies = InvitationPolicy.allConnectors(realm);
        int expired = 0;
        int resent = 0;
        for (String id : due(em, realm, InvitationAttributes.PENDING, null, nowMillis)) {
            UserModel user = session.users().getUserById(realm, id);
            if (user == null) {
                continue;
            }
            InvitationState state = InvitationState.of(user);
            InvitationPolicy policy = state.connector() == null ? null : policies.get(state.connector());
            if (policy != null && policy.enabled() && state.sends() <= policy.maxResends()
                    && resend(session, realm, user, policy, state.connector())) {
                resent++;
            } else if (markExpired(em, user, state)) {
                LifecycleEvents.send(session, realm, user.getId(), user.getUsername(), LifecycleEvents.INVITATION_EXPIRED,
                        LifecycleEvents.SWEEP, Map.of("sends", String.valueOf(state.sends())));
                expired++;
            }
        }
        int disabled = 0;
        for (Map.Entry<String, InvitationPolicy> connector : policies.entrySet()) {
            if (connector.getValue().disableAfter() == null) {
                continue;
            }
            long before = nowMillis - connector.getValue().disableAfter().toMillis();
            for (String id : due(em, realm, InvitationAttributes.EXPIRED, connector.getKey(), before)) {
                UserModel user = session.users().getUserById(realm, id);
                if (user != null && user.isEnabled()) {
                    user.setEnabled(false);
                    // Never logged in, so there is little to revoke; revoking anyway keeps "disabled" meaning "no access".
                    AccessRevocation.revokeAll(session, realm, user);
                    LifecycleEvents.send(session, realm, user.getId(), user.getUsername(),
                            LifecycleEvents.DISABLED_NEVER_ACCEPTED, LifecycleEvents.SWEEP,
                            Map.of("reason", "invitation never accepted", "connector", connector.getKey()));
                    disabled++;
                }
            }
        }
        if (expired + resent + disabled > 0) {
            LOG.infof("Invitation sweep of realm %s: %d expired, %d resent, %d users disabled", realm.getName(),
                    expired, resent, disabled);
        }
        return new Result(expired, resent, disabled);
    }

    /**
     * Marks the invitation expired unless a request re-invited the user since the due query read it:
     * a blind write would turn the fresh invitation of a concurrent re-push into "expired". The
     * conditional update claims the status row (the sender deletes and re-inserts it, so the two
     * serialise on that row); the model write that follows keeps Keycloak's user cache right.
     */
    private static boolean markExpired(EntityManager em, UserModel user, InvitationState seen) {
        int claimed = em.createQuery("update UserAttributeEntity s set s.value = :expired"
                        + " where s.user.id = :user and s.name = :statusName and s.value = :pending"
                        + " and exists (select e.id from UserAttributeEntity e where e.user.id = :user"
                        + " and e.name = :expiresName and e.value = :seenExpiry)")
                .setParameter("expired", InvitationAttributes.EXPIRED)
                .setParameter("user", user.getId())
                .setParameter("statusName", InvitationAttributes.STATUS)
                .setParameter("pending", InvitationAttributes.PENDING)
                .setParameter("expiresName", InvitationAttributes.EXPIRES_AT)
                .setParameter("seenExpiry", String.valueOf(seen.expiresAt()))
                .executeUpdate();
        if (claimed == 0) {
            return false;
        }
        user.setSingleAttribute(InvitationAttributes.STATUS, InvitationAttributes.EXPIRED);
        return true;
    }

    /**
     * Enabled users of the realm whose invitation has {@code status} and expires before
     * {@code beforeMillis}, optionally only those of one connector. Epoch milliseconds are
     * 13-digit strings until the year 2286, so comparing the stored text compares the numbers.
     */
    private static List<String> due(EntityManager em, RealmModel realm, String status, String connector,
            long beforeMillis) {
        String jpql = "select u.id from UserEntity u, UserAttributeEntity s, UserAttributeEntity e"
                + (connector == null ? "" : ", UserAttributeEntity c")
                + " where u.realmId = :realm and u.enabled = true"
                + " and s.user = u and s.name = :statusName and s.value = :status"
                + " and e.user = u and e.name = :expiresName and e.value < :before"
                + (connector == null ? "" : " and c.user = u and c.name = :connectorName and c.value = :connector")
                + " order by e.value";
        var query = em.createQuery(jpql, String.class)
                .setParameter("realm", realm.getId())
                .setParameter("statusName", InvitationAttributes.STATUS)
                .setParameter("status", status)
                .setParameter("expiresName", InvitationAttributes.EXPIRES_AT)
                .setParameter("before", String.valueOf(beforeMillis))
                .setMaxResults(BATCH);
        if (connector != null) {
            query.setParameter("connectorName", InvitationAttributes.CONNECTOR).setParameter("connector", connector);
        }
        return query.getResultList();
    }

    /**
     * The request's JPA EntityManager, reached by name because keycloak-model-jpa cannot be a
     * compile dependency (its parent POM is not on Maven Central); same approach as the SCIM
     * module's KeycloakDatabase, which this module cannot depend on.
     */
    private static EntityManager entityManager(KeycloakSession session) {
        try {
            Class<?> type = Class.forName("org.keycloak.connections.jpa.JpaConnectionProvider", false,
                    KeycloakSession.class.getClassLoader());
            Method getEntityManager = type.getMethod("getEntityManager");
            return (EntityManager) getEntityManager.invoke(session.getProvider(type.asSubclass(Provider.class)));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Keycloak's JPA storage is not available", e);
        }
    }
}
