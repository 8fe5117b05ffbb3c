package dev.enterpriseconnect.lifecycle.sweep;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * One piece of scheduled lifecycle work, run by {@link LifecycleSweep} for each realm that has a
 * SCIM connector, in its own transaction: a step that fails rolls back only its own work in that
 * realm, and the other steps and realms still run.
 */
public interface LifecycleSweepStep {

    /** Short name shown in the sweep's log line, e.g. {@code retention-purge}. */
    String name();

    /**
     * Does the step's work in one realm. Must query what is due rather than walk all users, and
     * should bound the work per run (what is left is picked up by the next run).
     *
     * @param nowMillis the run's clock, the same for every step and realm of one run
     */
    void run(KeycloakSession session, RealmModel realm, long nowMillis);

    /** A step from a method reference, e.g. {@code LifecycleSweepStep.of("invitations", InvitationSweep::run)}. */
    static LifecycleSweepStep of(String name, Work work) {
        return new LifecycleSweepStep() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public void run(KeycloakSession session, RealmModel realm, long nowMillis) {
                work.run(session, realm, nowMillis);
            }
        };
    }

    @FunctionalInterface
    interface Work {
        void run(KeycloakSession session, RealmModel realm, long nowMillis);
    }
}
