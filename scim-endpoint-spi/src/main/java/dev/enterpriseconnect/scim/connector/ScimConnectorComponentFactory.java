package dev.enterpriseconnect.scim.connector;

import java.util.List;

import org.keycloak.Config;
import org.keycloak.component.ComponentModel;
import org.keycloak.component.ComponentValidationException;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

public final class ScimConnectorComponentFactory implements ScimConnectorProviderFactory {

    private static final ScimConnectorProvider PROVIDER = new ScimConnectorProvider() {
    };

    // Typed as PASSWORD so the generic component admin API masks the hash instead of echoing it.
    private static final List<ProviderConfigProperty> PROPERTIES = ProviderConfigurationBuilder.create()
            .property().name(ScimConnectorConfig.CREDENTIAL_TYPE).label("Credential type")
            .type(ProviderConfigProperty.LIST_TYPE).options(ScimConnectorConfig.CREDENTIAL_BEARER)
            .defaultValue(ScimConnectorConfig.CREDENTIAL_BEARER).add()
            .property().name(ScimConnectorConfig.SECRET_HASH).label("Secret hash")
            .type(ProviderConfigProperty.PASSWORD).secret(true).add()
            .property().name(ScimConnectorConfig.SECRET_CREATED_AT).label("Secret created at")
            .type(ProviderConfigProperty.STRING_TYPE).add()
            .build();

    @Override
    public ScimConnectorProvider create(KeycloakSession session, ComponentModel model) {
        return PROVIDER;
    }

    @Override
    public void validateConfiguration(KeycloakSession session, RealmModel realm, ComponentModel model)
            throws ComponentValidationException {
        if (model.getName() == null || !ScimConnectorConfig.NAME_PATTERN.matcher(model.getName()).matches()) {
            throw new ComponentValidationException(
                    "Connector name must be 1-63 lowercase letters, digits or '-', starting with a letter or digit");
        }
        String type = model.get(ScimConnectorConfig.CREDENTIAL_TYPE, ScimConnectorConfig.CREDENTIAL_BEARER);
        if (!ScimConnectorConfig.CREDENTIAL_BEARER.equals(type)) {
            throw new ComponentValidationException("Unsupported credential type: " + type);
        }
    }

    @Override
    public String getId() {
        return ScimConnectorConfig.PROVIDER_ID;
    }

    @Override
    public String getHelpText() {
        return "A SCIM 2.0 client (Okta, Entra ID) allowed to provision users into this realm.";
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return PROPERTIES;
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
}
