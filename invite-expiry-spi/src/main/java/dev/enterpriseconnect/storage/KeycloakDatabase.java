package dev.enterpriseconnect.storage;

import java.lang.reflect.Method;

import org.keycloak.models.KeycloakSession;
import org.keycloak.provider.Provider;

import jakarta.persistence.EntityManager;

/**
 * The request's JPA {@link EntityManager}, shared with Keycloak's own storage so our queries see
 * the same transaction. It lives in the lowest module that queries the database (the SCIM module
 * depends on this one), so SCIM, the sweep and the purge share one way in. Reached by name because {@code keycloak-model-jpa}'s POM does not resolve
 * from Maven Central (its parent is not published); queries name entities in JPQL
 * ({@code UserEntity}, {@code UserAttributeEntity}), so no entity class is needed at compile time.
 */
public final class KeycloakDatabase {

    private static final Class<? extends Provider> PROVIDER;
    private static final Method ENTITY_MANAGER;

    static {
        try {
            Class<?> type = Class.forName("org.keycloak.connections.jpa.JpaConnectionProvider", false,
                    KeycloakSession.class.getClassLoader());
            PROVIDER = type.asSubclass(Provider.class);
            ENTITY_MANAGER = type.getMethod("getEntityManager");
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private KeycloakDatabase() {
    }

    public static EntityManager entityManager(KeycloakSession session) {
        try {
            return (EntityManager) ENTITY_MANAGER.invoke(session.getProvider(PROVIDER));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Keycloak's JPA storage is not available", e);
        }
    }
}
