package dev.enterpriseconnect.scim.log;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

import dev.enterpriseconnect.lifecycle.sweep.LifecycleSweepStep;

/** The cluster-once sweep's step that keeps each connector's log within its retention and row cap. */
public final class ProvisioningLogSweepStep implements LifecycleSweepStep {

    @Override
    public String name() {
        return "provisioning-log";
    }

    @Override
    public void run(KeycloakSession session, RealmModel realm, long nowMillis) {
        ProvisioningLog.purge(session, realm, nowMillis);
    }
}
