package dev.enterpriseconnect.scim.log;

import java.util.List;

import org.keycloak.Config;
import org.keycloak.connections.jpa.entityprovider.JpaEntityProvider;
import org.keycloak.connections.jpa.entityprovider.JpaEntityProviderFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;

/** Adds the provisioning log's table to Keycloak's persistence unit and Liquibase run (H2 and PostgreSQL). */
public final class ProvisioningLogEntityProviderFactory implements JpaEntityProviderFactory {

    public static final String ID = "enterprise-connect-provisioning-log";
    static final String CHANGELOG = "META-INF/enterprise-connect-provisioning-log-changelog.xml";

    private static final JpaEntityProvider PROVIDER = new JpaEntityProvider() {
        @Override
        public List<Class<?>> getEntities() {
            return List.of(ProvisioningLogEntity.class);
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
        ReadRowWriter.start(factory);
    }

    @Override
    public void close() {
        ReadRowWriter.stop();
    }

    @Override
    public String getId() {
        return ID;
    }
}
