package dev.enterpriseconnect.scim.connector;

import org.keycloak.provider.Provider;

/**
 * Provider type under which SCIM connectors are stored as realm components. Components give us
 * realm-cache invalidation across the cluster and realm export/import for free; the provider
 * itself carries no behaviour, {@link ScimConnector} is the view the code works with.
 */
public interface ScimConnectorProvider extends Provider {

    @Override
    default void close() {
    }
}
