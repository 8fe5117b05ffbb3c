package dev.enterpriseconnect.scim.endpoint;

import java.util.Locale;
import java.util.Set;

import org.keycloak.models.KeycloakSession;
import org.keycloak.utils.KeycloakSessionUtil;

import dev.enterpriseconnect.events.EventMetrics;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.ext.Provider;

/**
 * Times every SCIM request, the refused ones included, into
 * {@code enterprise_connect_scim_requests_seconds{connector,resource,operation,status}}: one place
 * sees the status JAX-RS answered, whether a resource returned it or a {@code ScimException} did.
 * Every label comes from a bounded set: the connector is the authenticated one's name (the name in
 * the path is whatever a caller sends), the resource a fixed list, the method and the status.
 */
@Provider
public final class ScimRequestMetrics implements ContainerResponseFilter {

    private static final String STARTED = ScimRequestMetrics.class.getName() + ".started";
    private static final String CONNECTOR = ScimRequestMetrics.class.getName() + ".connector";
    private static final String MOUNT = "/" + ScimEndpointFactory.ID + "/";
    private static final Set<String> RESOURCES = Set.of("Users", "Groups", "Bulk");
    private static final Set<String> DISCOVERY = Set.of("ServiceProviderConfig", "Schemas", "ResourceTypes");
    private static final Set<String> METHODS = Set.of("get", "post", "put", "patch", "delete");

    /** Notes the start before matching, so the credential check and the locator are timed too. */
    @Provider
    @PreMatching
    public static final class Start implements ContainerRequestFilter {
        @Override
        public void filter(ContainerRequestContext request) {
            if (isScim(request.getUriInfo().getPath())) {
                request.setProperty(STARTED, System.nanoTime());
            }
        }
    }

    /** The request's connector label, set once its credential was accepted. */
    static void authenticated(KeycloakSession session, String connectorName) {
        session.setAttribute(CONNECTOR, connectorName);
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (!(request.getProperty(STARTED) instanceof Long started)) {
            return;
        }
        String method = request.getMethod().toLowerCase(Locale.ROOT);
        EventMetrics.scimRequest(connector(), resource(request.getUriInfo().getPath()),
                METHODS.contains(method) ? method : "other", response.getStatus(), System.nanoTime() - started);
    }

    private static String connector() {
        try {
            KeycloakSession session = KeycloakSessionUtil.getKeycloakSession();
            Object name = session == null ? null : session.getAttribute(CONNECTOR);
            return name instanceof String text ? text : "none";
        } catch (RuntimeException closed) {
            return "none";
        }
    }

    static boolean isScim(String path) {
        return path != null && ("/" + path).contains(MOUNT);
    }

    /** The resource type after {@code <connector>/v2/}: Users, Groups, Bulk, search, discovery or other. */
    static String resource(String path) {
        String text = "/" + path;
        int mount = text.indexOf(MOUNT);
        int afterConnector = mount < 0 ? -1 : text.indexOf('/', mount + MOUNT.length());
        if (afterConnector < 0 || !text.startsWith("/v2/", afterConnector)) {
            return "other";
        }
        String rest = text.substring(afterConnector + 4);
        int slash = rest.indexOf('/');
        String first = slash < 0 ? rest : rest.substring(0, slash);
        if (RESOURCES.contains(first)) {
            return first;
        }
        if (".search".equals(first)) {
            return "search";
        }
        return DISCOVERY.contains(first) ? "discovery" : "other";
    }
}
