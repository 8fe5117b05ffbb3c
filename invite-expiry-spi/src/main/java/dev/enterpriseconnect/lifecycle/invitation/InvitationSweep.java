package dev.enterpriseconnect.lifecycle.invitation;

import java.util.List;
import java.util.Map;

import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

import dev.enterpriseconnect.lifecycle.deprovisioning.AccessRevocation;
import dev.enterpriseconnect.lifecycle.events.LifecycleEvents;

import dev.enterpriseconnect.storage.KeycloakDatabase;
import dev.enterpriseconnect.storage.RowLock;
import jakarta.persistence.EntityManager;

/**
 * The periodic invitation work of one realm, for the cluster-aware sweep runner to call once per
 * interval: pending invitations past their expiry are resent (while the connector's
 * {@code invitationMaxResends} allows) or marked expired, and users whose invitation stayed
 * expired for the connector's {@code invitationDisableAfter} are disabled. Due users come from one
 * query on the due marker {@link InvitationAttributes#DUE_AT}, which only invitations awaiting the
 * sweep carry, at most {@link #BATCH} per run, so the cost grows with the due invitations, not
 * with the users; a backlog is worked off over the next runs. Every user the sweep handles leaves
 * the due range (new due time, or marker removed), so no user is handled twice in a row.
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

    /** The most users one run touches. */
    public static final int BATCH = 500;

    public record Result(int expired, int resent, int disabled) {
    }

    private InvitationSweep() {
    }

    public static Result run(KeycloakSession session, RealmModel realm, long nowMillis) {
        EntityManager em = KeycloakDatabase.entityManager(session);
        Map<String, InvitationPolicy> policies = InvitationPolicy.allConnectors(realm);
        int expired = 0;
        int resent = 0;
        int disabled = 0;
        for (String id : due(em, realm, nowMillis)) {
            // Locked like a SCIM write locks it, so the two queue on the user instead of deadlocking.
            UserModel user = RowLock.user(session, realm, id);
            if (user == null) {
                continue;
            }
            InvitationState state = InvitationState.of(user);
            InvitationPolicy policy = state.connector() == null ? null : policies.get(state.connector());
            if (!user.isEnabled() || state.accepted() || !state.exists() || state.expiresAt() == null) {
                // Nothing left to do: reactivation or a new invitation sets a new due time.
                user.removeAttribute(InvitationAttributes.DUE_AT);
            } else if (InvitationAttributes.PENDING.equals(state.status())) {
                if (policy != null && policy.enabled() && state.sends() <= policy.maxResends()
                        && resend(session, realm, user, policy, state.connector())) {
                    resent++;
                } else if (markExpired(em, user, state)) {
                    LifecycleEvents.send(session, realm, user.getId(), user.getUsername(),
                            LifecycleEvents.INVITATION_EXPIRED, LifecycleEvents.SWEEP,
                            Map.of("sends", String.valueOf(state.sends())));
                    expired++;
                    dueAgainAtEndOfGrace(user, state, policy);
                }
            } else if (graceOver(state, policy, nowMillis)) {
                user.setEnabled(false);
                user.removeAttribute(InvitationAttributes.DUE_AT);
                // Never logged in, so there is little to revoke; revoking anyway keeps "disabled" meaning "no access".
                AccessRevocation.revokeAll(session, realm, user);
                LifecycleEvents.send(session, realm, user.getId(), user.getUsername(),
                        LifecycleEvents.DISABLED_NEVER_ACCEPTED, LifecycleEvents.SWEEP,
                        Map.of("reason", "invitation never accepted", "connector", state.connector()));
                disabled++;
            } else {
                // The connector's grace period was changed or removed since the invitation expired.
                dueAgainAtEndOfGrace(user, state, policy);
            }
        }
        if (expired + resent + disabled > 0) {
            LOG.infof("Invitation sweep of realm %s: %d expired, %d resent, %d users disabled", realm.getName(),
                    expired, resent, disabled);
        }
        return new Result(expired, resent, disabled);
    }

    private static boolean graceOver(InvitationState state, InvitationPolicy policy, long nowMillis) {
        return policy != null && policy.disableAfter() != null
                && state.expiresAt() + policy.disableAfter().toMillis() <= nowMillis;
    }

    /** An expired invitation comes due again when the connector's grace period ends, if it has one. */
    private static void dueAgainAtEndOfGrace(UserModel user, InvitationState state, InvitationPolicy policy) {
        if (policy == null || policy.disableAfter() == null) {
            user.removeAttribute(InvitationAttributes.DUE_AT);
        } else {
            user.setSingleAttribute(InvitationAttributes.DUE_AT,
                    String.valueOf(state.expiresAt() + policy.disableAfter().toMillis()));
        }
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
     * Users of the realm whose invitation is due, earliest first: a range on the (name, value)
     * index over the due markers only. Epoch milliseconds are 13-digit strings until the year
     * 2286, so comparing the stored text compares the numbers.
     */
    private static List<String> due(EntityManager em, RealmModel realm, long nowMillis) {
        return em.createQuery("select d.user.id from UserAttributeEntity d where d.name = :dueName"
                        + " and d.value <= :now and d.user.realmId = :realm order by d.value", String.class)
                .setParameter("dueName", InvitationAttributes.DUE_AT)
                .setParameter("now", String.valueOf(nowMillis))
                .setParameter("realm", realm.getId())
                .setMaxResults(BATCH)
                .getResultList();
    }
}
