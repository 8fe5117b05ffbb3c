package dev.enterpriseconnect.login.ssodomains;

import java.util.List;

import org.keycloak.Config;
import org.keycloak.authentication.Authenticator;
import org.keycloak.authentication.AuthenticatorFactory;
import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ProviderConfigProperty;

/** Registers {@link OrganizationSsoRequired} for browser flows. */
public final class OrganizationSsoRequiredFactory implements AuthenticatorFactory {

    public static final String PROVIDER_ID = "ec-organization-sso-required";

    private static final OrganizationSsoRequired SINGLETON = new OrganizationSsoRequired();

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String getDisplayType() {
        return "Organization SSO required for its email domains";
    }

    @Override
    public String getReferenceCategory() {
        return "organization";
    }

    @Override
    public String getHelpText() {
        return "Sends users whose email domain belongs to an organization with an identity provider in 'redirect when"
                + " email domain matches' mode to that provider, even when they have a password. Put it before and after"
                + " the Username Password Form.";
    }

    @Override
    public boolean isConfigurable() {
        return false;
    }

    @Override
    public AuthenticationExecutionModel.Requirement[] getRequirementChoices() {
        return new AuthenticationExecutionModel.Requirement[] {AuthenticationExecutionModel.Requirement.REQUIRED,
                AuthenticationExecutionModel.Requirement.DISABLED};
    }

    @Override
    public boolean isUserSetupAllowed() {
        return false;
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return List.of();
    }

    @Override
    public Authenticator create(KeycloakSession session) {
        return SINGLETON;
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
