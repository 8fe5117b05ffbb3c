package dev.enterpriseconnect.scim.endpoint;

import com.fasterxml.jackson.databind.node.ObjectNode;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

import dev.enterpriseconnect.events.activation.ConnectorActivations;
import dev.enterpriseconnect.scim.connector.ScimConnector;
import dev.enterpriseconnect.scim.connector.ScimConnectorConfig;
import dev.enterpriseconnect.scim.log.ScimRequestLog;
import dev.enterpriseconnect.scim.protocol.ScimJson;
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

    /** The connector's endpoint, or for a caller whose failed checks are throttled a {@link DelayedRefusal}. */
    @Path("{connector}/v2")
    public Object connector(@PathParam("connector") String connectorName) {
        long started = System.nanoTime();
        RealmModel realm = session.getContext().getRealm();
        ConnectorAuthenticator authenticator = new ConnectorAuthenticator(session, realm, guard);
        ScimConnector connector;
        try {
            connector = authenticator.authenticate(connectorName);
        } catch (ConnectorAuthenticator.Throttled throttled) {
            return new DelayedRefusal(throttled.answer().getResponse());
        }
        ScimRequestContext context = new ScimRequestContext(session, realm, connector);
        ScimRequestLog.begin(session, realm.getId(), connector, started);
        // A connector whose Organization is gone is refused before any endpoint runs.
        context.organization();
        if (authenticator.usedCurrentCredential()) {
            ConnectorActivations.onAuthenticated(session, realm, context.organization(), connector.id(),
                    connector.name(), generation(connector), () -> activationData(context));
        }
        return new ScimConnectorEndpoint(context);
    }

    /** Which credential this is: a rotation gives the secret a new creation time; OAuth has one generation. */
    private static String generation(ScimConnector connector) {
        if (ScimConnectorConfig.CREDENTIAL_OAUTH.equals(connector.credentialType())) {
            return "oauth";
        }
        String created = connector.secretCreatedAt();
        return created == null || created.isBlank() ? "initial" : created;
    }

    /** The connector as a {@code connector.activated} event shows it: no secret, no hash. */
    private static ObjectNode activationData(ScimRequestContext context) {
        ScimConnector connector = context.connector();
        ObjectNode data = ScimJson.object();
        data.put("id", connector.id());
        data.put("name", connector.name());
        data.put("credentialType", connector.credentialType());
        if (connector.secretCreatedAt() != null) {
            data.put("secretCreatedAt", connector.secretCreatedAt());
        }
        data.put("scimBaseUrl", context.baseUrl().toString());
        return data;
    }
}
