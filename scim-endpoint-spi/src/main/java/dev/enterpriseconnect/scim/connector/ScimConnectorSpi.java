package dev.enterpriseconnect.scim.connector;

import org.keycloak.provider.Provider;
import org.keycloak.provider.ProviderFactory;
import org.keycloak.provider.Spi;

/** Registers the component type that stores SCIM connectors. */
public final class ScimConnectorSpi implements Spi {

    public static final String NAME = "enterprise-scim-connector";

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
        return ScimConnectorProvider.class;
    }

    @Override
    @SuppressWarnings("rawtypes")
    public Class<? extends ProviderFactory> getProviderFactoryClass() {
        return ScimConnectorProviderFactory.class;
    }
}
