package dev.enterpriseconnect.scim.endpoint;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import org.jboss.logging.Logger;
import org.keycloak.common.util.Time;
import org.keycloak.component.ComponentModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.services.managers.AppAuthManager;
import org.keycloak.services.managers.AuthenticationManager;

import dev.enterpriseconnect.events.EventMetrics;
import dev.enterpriseconnect.scim.connector.ConnectorSecret;
import dev.enterpriseconnect.scim.connector.ScimConnector;
import dev.enterpriseconnect.scim.connector.ScimConnectorConfig;
import dev.enterpriseconnect.scim.protocol.ScimException;
import jakarta.ws.rs.core.HttpHeaders;

/**
 * Checks a SCIM request's credential against the connector named in its path.
 *
 * <p>Every failure answers alike, so nothing can be learnt from it: an unknown connector, a wrong
 * secret, a wrong scheme and a malformed or missing header all give 401 with the same SCIM error
 * body and the same {@code WWW-Authenticate} values ({@code Bearer} and {@code Basic}, the schemes
 * the endpoint accepts), and all cost one SHA-256 and a constant-time compare. Failures are
 * throttled and reported by {@link CredentialGuard}.
 */
final class ConnectorAuthenticator {

    private static final Logger LOG = Logger.getLogger(ConnectorAuthenticator.class);

    static final String UNAUTHORIZED_DETAIL = "A valid credential of this SCIM connector is required";
    static final String THROTTLED_DETAIL = "Too many failed credential checks; retry later";

    private final KeycloakSession session;
    private final RealmModel realm;
    private final CredentialGuard guard;
    /** Whether the admitted request used the connector's current credential (not a rotated-out one in its overlap). */
    private boolean currentCredential;

    ConnectorAuthenticator(KeycloakSession session, RealmModel realm, CredentialGuard guard) {
        this.session = session;
        this.realm = realm;
        this.guard = guard;
    }

    ScimConnector authenticate(String connectorName) {
        long now = Time.currentTimeMillis();
        ScimConnector connector = ScimConnector.byName(realm, connectorName).orElse(null);
        Caller caller = new Caller(connectorName, connector);

        String failure;
        if (connector != null && connector.hasLegacySecretHash()
                && guard.failures().throttledFor(now, caller.keys(), caller.limits()) > 0) {
            // A not yet upgraded PBKDF2 hash costs ~250 ms to check: not while this key is throttled.
            failure = "throttled";
        } else {
            failure = check(connector);
        }
        if (failure == null) {
            return admit(connector, now);
        }
        FailureThrottle.Decision decision = guard.failures().fail(now, caller.keys(), caller.limits());
        guard.reportFailure(session, realm, connectorName, connector, failure, caller.address(), decision, now);
        // Only a configured connector's name is a label: the path's name is whatever a caller sends.
        String label = connector == null ? "unknown" : connector.name();
        EventMetrics.authFailure(label, failure);
        if (decision.throttled()) {
            EventMetrics.throttled(label, "auth_failures");
            throw new Throttled(ScimException.tooManyRequests(CredentialGuard.seconds(decision.retryAfterMillis()),
                    THROTTLED_DETAIL));
        }
        throw unauthorized(realm.getName());
    }

    /** The one 401 every failure gets. */
    static ScimException unauthorized(String realmName) {
        return ScimException.unauthorized(realmName, UNAUTHORIZED_DETAIL, "Bearer", "Basic");
    }

    /**
     * Who is calling, for the failure throttle: worked out on first use, so an admitted request
     * (the common case) never reads its address or builds its keys.
     */
    private final class Caller {
        private final String connectorName;
        private final ScimConnector connector;
        private String address;

        Caller(String connectorName, ScimConnector connector) {
            this.connectorName = connectorName;
            this.connector = connector;
        }

        String address() {
            if (address == null) {
                address = remoteAddress();
            }
            return address;
        }

        /** Failures count per connector name and caller, and per caller across the realm. */
        String[] keys() {
            return new String[] {realm.getId() + "\n" + connectorName + "\n" + address(), realm.getId() + "\n" + address()};
        }

        FailureThrottle.Limit[] limits() {
            return new FailureThrottle.Limit[] {CredentialGuard.pairLimit(connector), guard.addressLimit()};
        }
    }

    private ScimConnector admit(ScimConnector connector, long now) {
        // The credential is valid: from here on (a 429 of the rate limit included) the request is the connector's.
        ScimRequestMetrics.authenticated(session, connector.name());
        long wait = guard.requests().acquire(realm.getId() + "/" + connector.id(), now, connector.requestRateLimit(),
                connector.requestRateBurst());
        if (wait > 0) {
            guard.reportRateLimited(session, realm, connector, remoteAddress(), now);
            EventMetrics.throttled(connector.name(), "request_rate");
            throw ScimException.tooManyRequests(CredentialGuard.seconds(wait), "This SCIM connector may make "
                    + connector.requestRateLimit() + " requests per second; retry later");
        }
        return connector;
    }

    /** After {@link #authenticate}: the credential was the connector's current one (what activation counts). */
    boolean usedCurrentCredential() {
        return currentCredential;
    }

    /** Null when the credential is this connector's, else why not. */
    private String check(ScimConnector connector) {
        Optional<String> header = authorization();
        String scheme = header.map(ConnectorAuthenticator::scheme).orElse("");
        String value = header.map(h -> h.substring(scheme.length()).trim()).orElse(null);
        if (connector == null) {
            ConnectorSecret.matches(value, null); // the same work as a wrong secret
            return "unknown_connector";
        }
        String type = connector.credentialType();
        return switch (type) {
            case ScimConnectorConfig.CREDENTIAL_BASIC -> basic(connector, "basic ".equals(scheme) ? value : null);
            case ScimConnectorConfig.CREDENTIAL_OAUTH -> !"bearer ".equals(scheme) ? "no_credential"
                    : (currentCredential = oauth(connector, value)) ? null : "wrong_credential";
            default -> secret(connector, "bearer ".equals(scheme) ? value : null, true);
        };
    }

    private String basic(ScimConnector connector, String encoded) {
        String user = null;
        String password = null;
        if (encoded != null) {
            try {
                String decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
                int colon = decoded.indexOf(':');
                if (colon > 0) {
                    user = decoded.substring(0, colon);
                    password = decoded.substring(colon + 1);
                }
            } catch (IllegalArgumentException notBase64) {
                // answered below like any other failure
            }
        }
        // The secret is checked whatever the username, so a wrong name costs what a wrong password does.
        return secret(connector, password, connector.basicUsername().equals(user));
    }

    /** @param rest whether the rest of the credential (Basic's username) is right */
    private String secret(ScimConnector connector, String presented, boolean rest) {
        ScimConnector.SecretMatch match = connector.matchSecret(presented);
        if (presented == null) {
            return "no_credential";
        }
        if (match == ScimConnector.SecretMatch.NONE || !rest) {
            return "wrong_credential";
        }
        connector.upgradedSecretHash(match, presented).ifPresent(upgraded -> upgrade(connector, upgraded));
        currentCredential = match == ScimConnector.SecretMatch.CURRENT;
        return null;
    }

    /**
     * Replaces a slow PBKDF2 hash of earlier versions with the fast one, in a transaction of its
     * own (the request's may roll back) and only if the stored hash is still the one that matched,
     * so a rotation in between is never undone. Every node reads the new value from the component.
     */
    private void upgrade(ScimConnector connector, ComponentModel upgraded) {
        try {
            KeycloakModelUtils.runJobInTransaction(session.getKeycloakSessionFactory(), other -> {
                RealmModel current = other.realms().getRealm(realm.getId());
                ComponentModel stored = current == null ? null : current.getComponent(connector.id());
                if (stored == null) {
                    return;
                }
                ComponentModel copy = new ComponentModel(stored);
                boolean changed = false;
                for (String key : List.of(ScimConnectorConfig.SECRET_HASH, ScimConnectorConfig.PREVIOUS_SECRET_HASH)) {
                    String before = connector.component().get(key);
                    String after = upgraded.get(key);
                    if (before != null && !before.equals(after) && before.equals(stored.get(key))) {
                        copy.getConfig().putSingle(key, after);
                        changed = true;
                    }
                }
                if (changed) {
                    current.updateComponent(copy);
                }
            });
        } catch (RuntimeException e) {
            LOG.warnf("Could not upgrade the stored secret hash of SCIM connector %s in realm %s: %s", connector.name(),
                    realm.getName(), e.toString());
        }
    }

    /**
     * A Keycloak access token of this realm whose subject holds the connector's role now. The
     * audience is not checked, so no audience mapper is needed; the role is what grants access,
     * and removing it revokes access at once.
     */
    private boolean oauth(ScimConnector connector, String token) {
        if (token == null || token.isEmpty()) {
            return false;
        }
        AuthenticationManager.AuthResult result;
        try {
            result = new AppAuthManager.BearerTokenAuthenticator(session)
                    .setRealm(realm)
                    .setUriInfo(session.getContext().getUri())
                    .setConnection(session.getContext().getConnection())
                    .setHeaders(session.getContext().getRequestHeaders())
                    .setTokenString(token)
                    .authenticate();
        } catch (RuntimeException invalid) {
            return false;
        }
        if (result == null || result.user() == null || !result.user().isEnabled()) {
            return false;
        }
        RoleModel role = realm.getRole(connector.oauthRole());
        return role != null && result.user().hasRole(role);
    }

    private Optional<String> authorization() {
        List<String> values = session.getContext().getRequestHeaders().getRequestHeader(HttpHeaders.AUTHORIZATION);
        if (values == null || values.size() != 1) {
            return Optional.empty();
        }
        return Optional.of(values.get(0));
    }

    /** {@code "bearer "} or {@code "basic "} as the header starts (any case), else empty. */
    private static String scheme(String header) {
        for (String scheme : new String[] {"Bearer ", "Basic "}) {
            if (header.length() > scheme.length() && header.regionMatches(true, 0, scheme, 0, scheme.length())) {
                return header.substring(0, scheme.length()).toLowerCase(java.util.Locale.ROOT);
            }
        }
        return "";
    }

    private String remoteAddress() {
        var connection = session.getContext().getConnection();
        String address = connection == null ? null : connection.getRemoteAddr();
        return address == null ? "unknown" : address;
    }

    /** Failed checks of this caller are throttled: {@link #answer} is its 429, sent after a pause ({@link DelayedRefusal}). */
    static final class Throttled extends RuntimeException {
        private final transient ScimException answer;

        Throttled(ScimException answer) {
            super(answer.getMessage(), null, false, false);
            this.answer = answer;
        }

        ScimException answer() {
            return answer;
        }
    }
}
