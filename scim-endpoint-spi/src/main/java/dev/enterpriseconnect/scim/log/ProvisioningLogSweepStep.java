package dev.enterpriseconnect.scim.log;

import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

import dev.enterpriseconnect.lifecycle.sweep.LifecycleSweepProviderFactory;
import dev.enterpriseconnect.lifecycle.sweep.LifecycleSweepSpi;
import dev.enterpriseconnect.lifecycle.sweep.LifecycleSweepStep;

/**
 * The cluster-once sweep's step that keeps each connector's log within its retention and row cap,
 * a bounded number of rows per run ({@code --spi-enterprise-connect-sweep--default--log-purge-batch}).
 */
public final class ProvisioningLogSweepStep implements LifecycleSweepStep {

    /** Read when the sweep loads its steps, after Keycloak's configuration is in place. */
    private final int batch = configuredBatch();

    @Override
    public String name() {
        return "provisioning-log";
    }

    @Override
    public void run(KeycloakSession session, RealmModel realm, long nowMillis) {
        ProvisioningLog.purge(session, realm, nowMillis, batch);
    }

    private static int configuredBatch() {
        Integer configured = Config.scope(LifecycleSweepSpi.NAME, LifecycleSweepProviderFactory.ID)
                .getInt(LifecycleSweepProviderFactory.LOG_PURGE_BATCH);
        return configured == null || configured < 1 ? LifecycleSweepProviderFactory.DEFAULT_LOG_PURGE_BATCH : configured;
    }
}
