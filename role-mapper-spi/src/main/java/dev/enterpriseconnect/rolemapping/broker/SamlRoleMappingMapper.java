package dev.enterpriseconnect.rolemapping.broker;

import org.keycloak.broker.provider.BrokeredIdentityContext;
import org.keycloak.broker.saml.SAMLDataMarshaller;
import org.keycloak.broker.saml.SAMLEndpoint;
import org.keycloak.broker.saml.SAMLIdentityProviderFactory;

/** The role and team mapping for a SAML identity provider (Okta, Entra): reads the assertion's attribute statements. */
public final class SamlRoleMappingMapper extends RoleMappingIdentityProviderMapper {

    public static final String PROVIDER_ID = "enterprise-connect-saml-role-mapping";

    @Override
    IncomingAttributes incoming(BrokeredIdentityContext context) {
        Object assertion = context.getContextData().get(SAMLEndpoint.SAML_ASSERTION);
        if (assertion == null) {
            return SamlAttributeStatements.none();
        }
        return SamlAttributeStatements.parse(new SAMLDataMarshaller().serialize(assertion));
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String[] getCompatibleProviders() {
        return new String[] {SAMLIdentityProviderFactory.PROVIDER_ID};
    }

    @Override
    public String getDisplayType() {
        return "Enterprise Connect role and team mapping (SAML)";
    }

    @Override
    public String getHelpText() {
        return "Gives the user the role and team named by SAML attributes (role table, default role, group rules,"
                + " team by exact group name), on first login and, with sync mode Force, on every login. Same settings as"
                + " a SCIM connector's role mapping.";
    }
}
