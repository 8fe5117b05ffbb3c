package dev.enterpriseconnect.events.webhook;

import java.util.List;

import org.jboss.logging.Logger;
import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.models.utils.PostMigrationEvent;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;
import org.keycloak.provider.ProviderFactory;
import org.keycloak.services.scheduled.ScheduledTaskRunner;
import org.keycloak.timer.ScheduledTask;
import org.keycloak.timer.TimerProvider;

/** Starts the {@link WebhookWorker} on every node once the database is migrated (our tables exist then). */
public final class WebhookWorkerProviderFactory implements ProviderFactory<WebhookWorkerProvider> {

    public static final String ID = "default";
    static final String TASK_NAME = "enterprise-connect-webhooks";

    private static final Logger LOG = Logger.getLogger(WebhookWorkerProviderFactory.class);
    private static final WebhookWorkerProvider PROVIDER = () -> {
    };

    private WebhookSettings settings = WebhookSettings.DEFAULTS;
    private WebhookWorker worker;

    @Override
    public WebhookWorkerProvider create(KeycloakSession session) {
        return PROVIDER;
    }

    @Override
    public void init(Config.Scope config) {
        settings = WebhookSettings.of(config);
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        factory.register(event -> {
            if (event instanceof RealmModel.RealmPostCreateEvent created) {
                EndpointPresence.created(created.getCreatedRealm());
            }
            if (event instanceof PostMigrationEvent) {
                KeycloakModelUtils.runJobInTransaction(factory, EndpointPresence::initialise);
                worker = new WebhookWorker(factory, settings);
                WebhookWorker started = worker;
                ScheduledTask tick = new ScheduledTask() {
                    @Override
                    public void run(KeycloakSession session) {
                        started.tick();
                    }

                    @Override
                    public String getTaskName() {
                        return TASK_NAME;
                    }
                };
                KeycloakModelUtils.runJobInTransaction(factory, session -> session.getProvider(TimerProvider.class)
                        .schedule(new ScheduledTaskRunner(factory, tick), settings.interval().toMillis()));
                LOG.infof("Webhook delivery scheduled every %s (retries from %s, up to %s)", settings.interval(),
                        settings.retryBase(), settings.retryWindow());
            }
        });
    }

    @Override
    public List<ProviderConfigProperty> getConfigMetadata() {
        ProviderConfigurationBuilder builder = ProviderConfigurationBuilder.create();
        property(builder, WebhookSettings.INTERVAL, "How often each node looks for due webhook deliveries",
                WebhookSettings.DEFAULTS.interval().toString());
        property(builder, WebhookSettings.RETRY_BASE, "Wait before the first retry; doubled at every further one",
                WebhookSettings.DEFAULTS.retryBase().toString());
        property(builder, WebhookSettings.RETRY_CAP, "Longest wait between two retries",
                WebhookSettings.DEFAULTS.retryCap().toString());
        property(builder, WebhookSettings.RETRY_WINDOW, "How long a delivery is retried before it is marked failed",
                WebhookSettings.DEFAULTS.retryWindow().toString());
        property(builder, WebhookSettings.RETENTION, "How long events and deliveries are kept (events API)",
                WebhookSettings.DEFAULTS.retention().toString());
        property(builder, WebhookSettings.CONNECT_TIMEOUT, "Connect timeout of a delivery",
                WebhookSettings.DEFAULTS.connectTimeout().toString());
        property(builder, WebhookSettings.REQUEST_TIMEOUT, "Timeout of a delivery's whole request",
                WebhookSettings.DEFAULTS.requestTimeout().toString());
        return builder.build();
    }

    private static void property(ProviderConfigurationBuilder builder, String name, String help, String defaultValue) {
        builder.property().name(name).type(ProviderConfigProperty.STRING_TYPE)
                .helpText(help + ": an ISO-8601 duration or whole seconds").defaultValue(defaultValue).add();
    }

    @Override
    public void close() {
        if (worker != null) {
            worker.close();
        }
    }

    @Override
    public String getId() {
        return ID;
    }
}
