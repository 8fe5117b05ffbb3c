package dev.enterpriseconnect.scim.endpoint;

import java.util.List;
import java.util.Optional;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

import dev.enterpriseconnect.scim.connector.ScimConnector;
import dev.enterpriseconnect.scim.protocol.ScimException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.HttpHeaders;

/** Resolves the connector named in the path and checks the caller's credential before anything else. */
public final class ScimRootResource {

    private static final String BEARER = "bearer ";

    private final KeycloakSession session;

    ScimRootResource(KeycloakSession session) {
        this.session = session;
    }

    @Path("{connector}/v2")
    public ScimConnectorEndpoint connector(@PathParam("connector") String connectorName) {
        RealmModel realm = session.getContext().getRealm();
        // An unknown connector and a wrong secret answer alike, so names cannot be probed.
        ScimConnector connector = ScimConnector.byName(realm, connectorName)
                .filter(c -> c.acceptsSecret(bearerToken().orElse(null)))
                .orElseThrow(() -> ScimException.unauthorized(realm.getName(),
                        "A valid bearer token of this SCIM connector is required"));
        return new ScimConnectorEndpoint(new ScimRequestContext(session, realm, connector));
    }

    private Optional<String> bearerToken() {
        List<String> values = session.getContext().getRequestHeaders().getRequestHeader(HttpHeaders.AUTHORIZATION);
        if (values == null || values.size() != 1) {
            return Optional.empty();
        }
        String value = values.get(0);
        if (value.length() <= BEARER.length() || !value.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return Optional.empty();
        }
        return Optional.of(value.substring(BEARER.length()).trim());
    }
}
