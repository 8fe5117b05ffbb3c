package dev.enterpriseconnect.scim.endpoint;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

/** Resolves the connector named in the path and checks the caller's credential before anything else. */
public final class ScimRootResource {

    private final KeycloakSession session;
    private final CredentialGuard guard;

    ScimRootResource(KeycloakSession session, CredentialGuard guard) {
        this.session = session;
        this.guard = guard;
    }

    @Path("{connector}/v2")
    public ScimConnectorEndpoint connector(@PathParam("connector") String connectorName) {
        RealmModel realm = session.getContext().getRealm();
        return new ScimConnectorEndpoint(new ScimRequestContext(session, realm,
                new ConnectorAuthenticator(session, realm, guard).authenticate(connectorName)));
    }
}
