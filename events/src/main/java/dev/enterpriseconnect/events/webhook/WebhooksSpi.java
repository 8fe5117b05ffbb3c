package dev.enterpriseconnect.events.webhook;

import org.keycloak.provider.Provider;
import org.keycloak.provider.ProviderFactory;
import org.keycloak.provider.Spi;

/** Carries the webhook worker's settings: {@code --spi-enterprise-connect-webhooks--default--interval=1}. */
public final class WebhooksSpi implements Spi {

    public static final String NAME = "enterprise-connect-webhooks";

    @Override
    public boolean isInternal() {
        return false;
    }

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public Class<? extends Provider> getProviderClass() {
        return WebhookWorkerProvider.class;
    }

    @Override
    @SuppressWarnings("rawtypes")
    public Class<? extends ProviderFactory> getProviderFactoryClass() {
        return WebhookWorkerProviderFactory.class;
    }
}
