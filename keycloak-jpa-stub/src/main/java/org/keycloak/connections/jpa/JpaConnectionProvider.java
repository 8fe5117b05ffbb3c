package org.keycloak.connections.jpa;

import org.keycloak.provider.Provider;

import jakarta.persistence.EntityManager;

/** Compile-only stand-in for Keycloak's interface of the same name (keycloak-model-jpa 26.7.3). */
public interface JpaConnectionProvider extends Provider {

    EntityManager getEntityManager();
}
