package dev.enterpriseconnect.rolemapping.broker;

import org.keycloak.broker.oidc.KeycloakOIDCIdentityProviderFactory;
import org.keycloak.broker.oidc.OIDCIdentityProviderFactory;
import org.keycloak.broker.provider.BrokeredIdentityContext;

/** The role and team mapping for an OpenID Connect identity provider (Okta, Entra): reads token and userinfo claims. */
public final class OidcRoleMappingMapper extends RoleMappingIdentityProviderMapper {

    public static final String PROVIDER_ID = "enterprise-connect-oidc-role-mapping";

    @Override
    IncomingAttributes incoming(BrokeredIdentityContext context) {
        return new OidcClaims(context);
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String[] getCompatibleProviders() {
        return new String[] {OIDCIdentityProviderFactory.PROVIDER_ID, KeycloakOIDCIdentityProviderFactory.PROVIDER_ID};
    }

    @Override
    public String getDisplayType() {
        return "Enterprise Connect role and team mapping (OIDC)";
    }

    @Override
    public String getHelpText() {
        return "Gives the user the role and team named by OIDC claims (role table, default role, group rules,"
                + " team by exact group name), on first login and, with sync mode Force, on every login. Same settings as"
                + " a SCIM connector's role mapping.";
    }
}
