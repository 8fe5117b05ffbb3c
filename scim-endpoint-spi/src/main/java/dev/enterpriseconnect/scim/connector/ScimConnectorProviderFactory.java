package dev.enterpriseconnect.scim.connector;

import org.keycloak.component.ComponentFactory;

public interface ScimConnectorProviderFactory extends ComponentFactory<ScimConnectorProvider, ScimConnectorProvider> {
}
