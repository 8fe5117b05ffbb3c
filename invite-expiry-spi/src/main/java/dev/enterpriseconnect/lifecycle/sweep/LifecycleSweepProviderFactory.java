package dev.enterpriseconnect.lifecycle.sweep;

import java.time.Duration;
import java.util.List;

import org.jboss.logging.Logger;
import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.models.utils.PostMigrationEvent;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;
import org.keycloak.provider.ProviderFactory;
import org.keycloak.services.scheduled.ScheduledTaskRunner;
import org.keycloak.timer.TimerProvider;

import dev.enterpriseconnect.lifecycle.deprovisioning.RetentionPeriod;

/**
 * Schedules {@link LifecycleSweep} on every node once the database is migrated (scheduling
 * earlier could run a step against tables that are not there yet).
 */
public final class LifecycleSweepProviderFactory implements ProviderFactory<LifecycleSweepProvider> {

    public static final String ID = "default";
    public static final String INTERVAL = "interval";
    public static final Duration DEFAULT_INTERVAL = Duration.ofMinutes(15);
    /** Read by the provisioning log's step (another module): rows it deletes at most per connector and run. */
    public static final String LOG_PURGE_BATCH = "log-purge-batch";
    public static final int DEFAULT_LOG_PURGE_BATCH = 5_000;

    private static final Logger LOG = Logger.getLogger(LifecycleSweepProviderFactory.class);
    private static final LifecycleSweepProvider PROVIDER = () -> {
    };

    private Duration interval = DEFAULT_INTERVAL;

    @Override
    public LifecycleSweepProvider create(KeycloakSession session) {
        return PROVIDER;
    }

    @Override
    public void init(Config.Scope config) {
        String configured = config.get(INTERVAL);
        if (configured != null) {
            interval = RetentionPeriod.parse(configured).orElseThrow(() -> new IllegalArgumentException(
                    "spi-" + LifecycleSweepSpi.NAME + "--" + ID + "--" + INTERVAL + " must be an ISO-8601 duration"
                            + " (PT15M) or whole seconds, at least 1 second; got '" + configured + "'"));
        }
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        factory.register(event -> {
            if (event instanceof PostMigrationEvent) {
                LifecycleSweep sweep = new LifecycleSweep(interval, LifecycleSweep.allSteps());
                KeycloakModelUtils.runJobInTransaction(factory, session -> session.getProvider(TimerProvider.class)
                        .schedule(new ScheduledTaskRunner(factory, sweep), sweep.timerPeriodMillis()));
                LOG.infof("Lifecycle sweep scheduled every %s", interval);
            }
        });
    }

    @Override
    public List<ProviderConfigProperty> getConfigMetadata() {
        return ProviderConfigurationBuilder.create()
                .property().name(INTERVAL).type(ProviderConfigProperty.STRING_TYPE)
                .helpText("How often the lifecycle sweep (retention purge, invitation expiry) runs, once per cluster:"
                        + " an ISO-8601 duration or whole seconds")
                .defaultValue(DEFAULT_INTERVAL.toString()).add()
                .property().name(LOG_PURGE_BATCH).type(ProviderConfigProperty.INTEGER_TYPE)
                .helpText("Provisioning log rows one sweep deletes at most per connector, for each of retention,"
                        + " row cap and deleted connector; the rest go in later sweeps")
                .defaultValue(DEFAULT_LOG_PURGE_BATCH).add()
                .build();
    }

    @Override
    public void close() {
    }

    @Override
    public String getId() {
        return ID;
    }
}
