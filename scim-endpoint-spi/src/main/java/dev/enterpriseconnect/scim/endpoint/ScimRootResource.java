package dev.enterpriseconnect.scim.endpoint;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

import dev.enterpriseconnect.scim.log.ScimRequestLog;
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
        long started = System.nanoTime();
        RealmModel realm = session.getContext().getRealm();
        ScimRequestContext context = new ScimRequestContext(session, realm,
                new ConnectorAuthenticator(session, realm, guard).authenticate(connectorName));
        ScimRequestLog.begin(session, realm.getId(), context.connector(), started);
        // A connector whose Organization is gone is refused before any endpoint runs.
        context.organization();
        return new ScimConnectorEndpoint(context);
    }
}
