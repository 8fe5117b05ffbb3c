package dev.enterpriseconnect.login.accountlinking;

import java.util.List;

import org.keycloak.Config;
import org.keycloak.authentication.Authenticator;
import org.keycloak.authentication.AuthenticatorFactory;
import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ProviderConfigProperty;

/** Registers {@link TrustedEmailAccountLinker} for first-broker-login flows. */
public final class TrustedEmailAccountLinkerFactory implements AuthenticatorFactory {

    public static final String PROVIDER_ID = "ec-link-trusted-email";

    private static final TrustedEmailAccountLinker SINGLETON = new TrustedEmailAccountLinker();

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String getDisplayType() {
        return "Link existing user with a trusted email";
    }

    @Override
    public String getReferenceCategory() {
        return "autoLink";
    }

    @Override
    public String getHelpText() {
        return "First broker login: when the identity provider is trusted for emails, link the user with the same email"
                + " if that email is verified or the account was never used (provisioned, no credential); refuse with a"
                + " clear page otherwise. No such user: go on to the next step.";
    }

    @Override
    public boolean isConfigurable() {
        return false;
    }

    @Override
    public AuthenticationExecutionModel.Requirement[] getRequirementChoices() {
        return new AuthenticationExecutionModel.Requirement[] {AuthenticationExecutionModel.Requirement.ALTERNATIVE,
                AuthenticationExecutionModel.Requirement.REQUIRED, AuthenticationExecutionModel.Requirement.DISABLED};
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
