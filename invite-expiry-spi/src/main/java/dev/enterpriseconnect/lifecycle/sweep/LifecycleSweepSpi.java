package dev.enterpriseconnect.lifecycle.sweep;

import org.keycloak.provider.Provider;
import org.keycloak.provider.ProviderFactory;
import org.keycloak.provider.Spi;

/**
 * The sweep's configuration, e.g. {@code --spi-enterprise-connect-sweep--default--interval=PT5M}.
 */
public final class LifecycleSweepSpi implements Spi {

    public static final String NAME = "enterprise-connect-sweep";

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
        return LifecycleSweepProvider.class;
    }

    @Override
    @SuppressWarnings("rawtypes")
    public Class<? extends ProviderFactory> getProviderFactoryClass() {
        return LifecycleSweepProviderFactory.class;
    }
}
