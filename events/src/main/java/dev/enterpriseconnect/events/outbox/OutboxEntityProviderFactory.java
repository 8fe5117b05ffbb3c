package dev.enterpriseconnect.events.outbox;

import java.util.List;

import org.keycloak.Config;
import org.keycloak.connections.jpa.entityprovider.JpaEntityProvider;
import org.keycloak.connections.jpa.entityprovider.JpaEntityProviderFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;

import dev.enterpriseconnect.events.activation.ConnectorActivationEntity;
import dev.enterpriseconnect.events.webhook.WebhookDeliveryEntity;
import dev.enterpriseconnect.events.webhook.WebhookEndpointEntity;

/**
 * Adds our tables to Keycloak's persistence unit and its Liquibase run (H2 and PostgreSQL alike).
 * Keycloak calls {@link #create} with no session at build time to collect the entities.
 */
public final class OutboxEntityProviderFactory implements JpaEntityProviderFactory {

    public static final String ID = "enterprise-connect-events";
    static final String CHANGELOG = "META-INF/enterprise-connect-events-changelog.xml";

    private static final JpaEntityProvider PROVIDER = new JpaEntityProvider() {
        @Override
        public List<Class<?>> getEntities() {
            return List.of(OutboxEventEntity.class, WebhookEndpointEntity.class, WebhookDeliveryEntity.class,
                    ConnectorActivationEntity.class);
        }

        @Override
        public String getChangelogLocation() {
            return CHANGELOG;
        }

        @Override
        public String getFactoryId() {
            return ID;
        }

        @Override
        public void close() {
        }
    };

    @Override
    public JpaEntityProvider create(KeycloakSession session) {
        return PROVIDER;
    }

    @Override
    public void init(Config.Scope config) {
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
    }

    @Override
    public void close() {
    }

    @Override
    public String getId() {
        return ID;
    }
}
