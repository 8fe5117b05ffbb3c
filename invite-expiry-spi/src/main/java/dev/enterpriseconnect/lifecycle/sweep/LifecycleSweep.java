package dev.enterpriseconnect.lifecycle.sweep;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.jboss.logging.Logger;
import org.keycloak.cluster.ClusterProvider;
import org.keycloak.cluster.ExecutionResult;
import org.keycloak.common.util.Time;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.timer.ScheduledTask;

import dev.enterpriseconnect.lifecycle.deprovisioning.RetentionPurge;
import dev.enterpriseconnect.lifecycle.invitation.InvitationSweep;

/**
 * The scheduled lifecycle work: one run per interval across the cluster, of {@link #STEPS} for
 * every realm that has a SCIM connector.
 *
 * <p>Time is cut into slots of one interval (counted from the epoch), and every node's timer fires
 * twice per interval, so each slot sees every node at least once. Once per slot takes two guards.
 * {@link ClusterProvider#executeIfNotExecuted} (what Keycloak's own cluster-aware task runner uses)
 * keeps two nodes from running at the same time, but releases its lock when the run ends, so a
 * node whose timer fires a second later would run again; a cluster-wide claim on the slot
 * ({@code singleUseObjects().putIfAbsent}, the store Keycloak uses for one-time action tokens)
 * makes every later firing in that slot skip.
 */
public final class LifecycleSweep implements ScheduledTask {

    public static final String TASK_NAME = "enterprise-connect-lifecycle-sweep";

    /** The steps, in order: purge users whose retention ended, then expire, resend or disable invitations. */
    public static final List<LifecycleSweepStep> STEPS = List.of(
            new RetentionPurge(),
            LifecycleSweepStep.of("invitations", InvitationSweep::run));

    /**
     * {@link #STEPS} and then the steps other modules add, listed in their
     * {@code META-INF/services/dev.enterpriseconnect.lifecycle.sweep.LifecycleSweepStep} (this module
     * cannot depend on them; in the shipped JAR they share one class loader).
     */
    public static List<LifecycleSweepStep> allSteps() {
        List<LifecycleSweepStep> steps = new java.util.ArrayList<>(STEPS);
        java.util.ServiceLoader.load(LifecycleSweepStep.class, LifecycleSweep.class.getClassLoader()).forEach(steps::add);
        return steps;
    }

    /** Realms with a component of this provider id are swept (SCIM connectors; see ScimConnectorConfig). */
    static final String CONNECTOR_PROVIDER_ID = "scim-connector";

    private static final Logger LOG = Logger.getLogger(LifecycleSweep.class);
    private static final String CLAIM_KEY = TASK_NAME + ":claim";
    /** Longest a crashed node's run keeps the others waiting. */
    private static final int LOCK_SECONDS = 300;

    private final Duration interval;
    private final List<LifecycleSweepStep> steps;

    public LifecycleSweep(Duration interval, List<LifecycleSweepStep> steps) {
        this.interval = interval;
        this.steps = List.copyOf(steps);
    }

    @Override
    public String getTaskName() {
        return TASK_NAME;
    }

    @Override
    public void run(KeycloakSession session) {
        long now = Time.currentTimeMillis();
        ClusterProvider cluster = session.getProvider(ClusterProvider.class);
        ExecutionResult<Boolean> result = cluster.executeIfNotExecuted(TASK_NAME,
                (int) Math.max(LOCK_SECONDS, interval.toSeconds()), () -> claimAndRun(session, now));
        if (!result.isExecuted()) {
            LOG.debugf("Lifecycle sweep skipped on this node: another node is running it");
        }
    }

    /** How often each node's timer fires: twice per interval, so no slot goes without a firing. */
    public long timerPeriodMillis() {
        return Math.max(500, interval.toMillis() / 2);
    }

    private boolean claimAndRun(KeycloakSession session, long now) {
        long slot = now / interval.toMillis();
        // The claim outlives its slot, so no late firing can take the slot again.
        if (!session.singleUseObjects().putIfAbsent(CLAIM_KEY + ":" + slot, 2 * Math.max(1, interval.toSeconds()))) {
            LOG.debugf("Lifecycle sweep skipped on this node: it already ran in this interval");
            return false;
        }
        long started = System.nanoTime();
        List<String> realmIds = session.realms().getRealmsStream()
                .filter(realm -> realm.getComponentsStream()
                        .anyMatch(component -> CONNECTOR_PROVIDER_ID.equals(component.getProviderId())))
                .map(RealmModel::getId).toList();
        AtomicInteger failures = new AtomicInteger();
        KeycloakSessionFactory factory = session.getKeycloakSessionFactory();
        // Milliseconds per step over all realms: the log line shows which step a slow run spent its time in.
        Map<String, Long> stepMillis = new LinkedHashMap<>();
        steps.forEach(step -> stepMillis.put(step.name(), 0L));
        for (String realmId : realmIds) {
            for (LifecycleSweepStep step : steps) {
                long stepStarted = System.nanoTime();
                try {
                    KeycloakModelUtils.runJobInTransaction(factory, stepSession -> {
                        RealmModel realm = stepSession.realms().getRealm(realmId);
                        if (realm != null) {
                            stepSession.getContext().setRealm(realm);
                            step.run(stepSession, realm, now);
                        }
                    });
                } catch (RuntimeException e) {
                    failures.incrementAndGet();
                    LOG.errorf(e, "Lifecycle sweep step %s failed in realm %s", step.name(), realmId);
                }
                stepMillis.merge(step.name(), (System.nanoTime() - stepStarted) / 1_000_000, Long::sum);
            }
        }
        LOG.infof("Lifecycle sweep ran on this node for interval #%d: %d realm(s) with connectors, steps %s,"
                + " %d failure(s), %d ms", slot, realmIds.size(), stepMillis, failures.get(),
                (System.nanoTime() - started) / 1_000_000);
        return true;
    }
}
