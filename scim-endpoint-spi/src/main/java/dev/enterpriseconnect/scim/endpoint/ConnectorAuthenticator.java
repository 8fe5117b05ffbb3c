package dev.enterpriseconnect.scim.endpoint;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.services.managers.AppAuthManager;
import org.keycloak.services.managers.AuthenticationManager;

import dev.enterpriseconnect.scim.connector.ScimConnector;
import dev.enterpriseconnect.scim.connector.ScimConnectorConfig;
import dev.enterpriseconnect.scim.protocol.ScimException;
import jakarta.ws.rs.core.HttpHeaders;

/** Checks a SCIM request's credential against the connector named in its path. */
final class ConnectorAuthenticator {

    private final KeycloakSession session;
    private final RealmModel realm;

    ConnectorAuthenticator(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
    }

    ScimConnector authenticate(String connectorName) {
        Optional<ScimConnector> connector = ScimConnector.byName(realm, connectorName);
        // An unknown connector and a wrong credential answer alike, so names cannot be probed.
        if (connector.isEmpty()) {
            throw unauthorized(ScimConnectorConfig.CREDENTIAL_BEARER);
        }
        String type = connector.get().credentialType();
        boolean accepted = switch (type) {
            case ScimConnectorConfig.CREDENTIAL_BASIC -> basic(connector.get());
            case ScimConnectorConfig.CREDENTIAL_OAUTH -> oauth(connector.get());
            default -> connector.get().acceptsSecret(credential("bearer ").orElse(null));
        };
        if (!accepted) {
            throw unauthorized(type);
        }
        return connector.get();
    }

    private boolean basic(ScimConnector connector) {
        Optional<String> encoded = credential("basic ");
        if (encoded.isEmpty()) {
            return false;
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(encoded.get()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException notBase64) {
            return false;
        }
        int colon = decoded.indexOf(':');
        return colon > 0 && connector.basicUsername().equals(decoded.substring(0, colon))
                && connector.acceptsSecret(decoded.substring(colon + 1));
    }

    /**
     * A Keycloak access token of this realm whose subject holds the connector's role now. The
     * audience is not checked, so no audience mapper is needed; the role is what grants access,
     * and removing it revokes access at once.
     */
    private boolean oauth(ScimConnector connector) {
        Optional<String> token = credential("bearer ");
        if (token.isEmpty()) {
            return false;
        }
        AuthenticationManager.AuthResult result = new AppAuthManager.BearerTokenAuthenticator(session)
                .setRealm(realm)
                .setUriInfo(session.getContext().getUri())
                .setConnection(session.getContext().getConnection())
                .setHeaders(session.getContext().getRequestHeaders())
                .setTokenString(token.get())
                .authenticate();
        if (result == null || result.user() == null || !result.user().isEnabled()) {
            return false;
        }
        RoleModel role = realm.getRole(connector.oauthRole());
        return role != null && result.user().hasRole(role);
    }

    private Optional<String> credential(String scheme) {
        List<String> values = session.getContext().getRequestHeaders().getRequestHeader(HttpHeaders.AUTHORIZATION);
        if (values == null || values.size() != 1) {
            return Optional.empty();
        }
        String value = values.get(0);
        if (value.length() <= scheme.length() || !value.regionMatches(true, 0, scheme, 0, scheme.length())) {
            return Optional.empty();
        }
        return Optional.of(value.substring(scheme.length()).trim());
    }

    private ScimException unauthorized(String credentialType) {
        String scheme = ScimConnectorConfig.CREDENTIAL_BASIC.equals(credentialType) ? "Basic" : "Bearer";
        return ScimException.unauthorized(scheme, realm.getName(),
                "A valid " + (scheme.equals("Basic") ? "username and password" : "token")
                        + " of this SCIM connector is required");
    }
}
