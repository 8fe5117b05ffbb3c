package org.keycloak.connections.jpa.entityprovider;

import org.keycloak.provider.ProviderFactory;

/** Compile-only stand-in for Keycloak's interface of the same name (keycloak-model-jpa 26.7.3). */
public interface JpaEntityProviderFactory extends ProviderFactory<JpaEntityProvider> {
}
