package dev.enterpriseconnect.events;

import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;

import jakarta.persistence.EntityManager;

/** The session's JPA EntityManager: our rows join the transaction of whatever else the session writes. */
public final class Database {

    private Database() {
    }

    public static EntityManager entityManager(KeycloakSession session) {
        return session.getProvider(JpaConnectionProvider.class).getEntityManager();
    }
}
