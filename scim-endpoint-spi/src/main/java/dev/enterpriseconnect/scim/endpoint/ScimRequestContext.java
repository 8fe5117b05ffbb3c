package dev.enterpriseconnect.scim.endpoint;

import java.net.URI;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.RealmModel;
import org.keycloak.organization.OrganizationProvider;

import dev.enterpriseconnect.scim.connector.ScimConnector;
import dev.enterpriseconnect.scim.connector.ScimConnectorConfig;
import dev.enterpriseconnect.scim.log.ScimRequestLog;
import dev.enterpriseconnect.scim.protocol.ScimRequestBody;
import dev.enterpriseconnect.scim.protocol.ScimException;
import dev.enterpriseconnect.scim.schema.ScimSchemaCatalog;

/**
 * What every SCIM resource needs to know about the request it serves: who called, where, and
 * the Organization the connector is confined to.
 */
public final class ScimRequestContext {

    private final KeycloakSession session;
    private final RealmModel realm;
    private final ScimConnector connector;
    private OrganizationModel organization;
    private boolean organizationResolved;
    private ScimSchemaCatalog schemas;
    private String baseUrl;

    public ScimRequestContext(KeycloakSession session, RealmModel realm, ScimConnector connector) {
        this.session = session;
        this.realm = realm;
        this.connector = connector;
    }

    public KeycloakSession session() {
        return session;
    }

    public RealmModel realm() {
        return realm;
    }

    public ScimConnector connector() {
        return connector;
    }

    /**
     * The schemas this connector keeps in this realm: the built-in ones as the realm's settings make
     * them true (email uniqueness) and the connector's custom extensions.
     */
    public ScimSchemaCatalog schemas() {
        if (schemas == null) {
            schemas = ScimSchemaCatalog.standard().forRealm(realm.isDuplicateEmailsAllowed())
                    .withOpenExtensions(connector.extensionSchemas());
        }
        return schemas;
    }

    /** The connector's SCIM base URL, e.g. {@code https://host/realms/acme/enterprise-scim/okta/v2}. */
    public URI baseUrl() {
        return URI.create(base());
    }

    /** Built once per request: every resource of a page, and every group of each, links to it. */
    private String base() {
        if (baseUrl == null) {
            baseUrl = baseUrl(session, realm, connector.name()).toString();
        }
        return baseUrl;
    }

    /**
     * The Organization this request is confined to, or null for a realm-wide connector. A connector
     * whose Organization is gone is refused: it must never fall back to the whole realm.
     */
    public OrganizationModel organization() {
        if (!organizationResolved) {
            String id = connector.organizationId();
            if (id != null && !id.isBlank()) {
                organization = session.getProvider(OrganizationProvider.class).getById(id);
                if (organization == null) {
                    throw ScimException.of(403, null, problem(session, connector));
                }
            }
            organizationResolved = true;
        }
        return organization;
    }

    /** Why the connector cannot serve requests (its Organization was deleted), or null when it can. */
    public static String problem(KeycloakSession session, ScimConnector connector) {
        String id = connector.organizationId();
        if (id == null || id.isBlank() || session.getProvider(OrganizationProvider.class).getById(id) != null) {
            return null;
        }
        return "This connector is scoped to Organization " + id + ", which no longer exists; it serves no requests"
                + " until an administrator deletes it or creates a new one";
    }

    /** A single-resource request's body, read up to the connector's {@code maxRequestSize} (413 past it). */
    public String readBody(java.io.InputStream body) {
        String text = ScimRequestBody.read(body, session.getContext().getRequestHeaders(), connector.maxRequestSize(),
                ScimConnectorConfig.MAX_REQUEST_SIZE);
        ScimRequestLog.body(session, text);
        return text;
    }

    public URI location(String resourceType, String id) {
        return URI.create(base() + "/" + resourceType + "/" + id);
    }

    public static URI baseUrl(KeycloakSession session, RealmModel realm, String connectorName) {
        return session.getContext().getUri().getBaseUriBuilder()
                .path("realms").path(realm.getName())
                .path(ScimEndpointFactory.ID).path(connectorName).path("v2")
                .build();
    }
}
