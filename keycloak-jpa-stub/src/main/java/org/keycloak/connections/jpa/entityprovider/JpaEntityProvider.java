package org.keycloak.connections.jpa.entityprovider;

import java.util.List;

import org.keycloak.provider.Provider;

/** Compile-only stand-in for Keycloak's interface of the same name (keycloak-model-jpa 26.7.3). */
public interface JpaEntityProvider extends Provider {

    List<Class<?>> getEntities();

    String getChangelogLocation();

    String getFactoryId();
}
