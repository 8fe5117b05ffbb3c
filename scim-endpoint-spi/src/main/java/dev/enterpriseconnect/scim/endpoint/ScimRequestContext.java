package dev.enterpriseconnect.scim.endpoint;

import java.net.URI;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.RealmModel;
import org.keycloak.organization.OrganizationProvider;

import dev.enterpriseconnect.scim.connector.ScimConnector;

/** What every SCIM resource needs to know about the request it serves: who called, where. */
public record ScimRequestContext(KeycloakSession session, RealmModel realm, ScimConnector connector) {

    /** The connector's SCIM base URL, e.g. {@code https://host/realms/acme/enterprise-scim/okta/v2}. */
    public URI baseUrl() {
        return baseUrl(session, realm, connector.name());
    }

    /** The Organization this request is confined to, or null for the whole realm. */
    public OrganizationModel organization() {
        String id = connector.organizationId();
        return id == null || id.isBlank() ? null : session.getProvider(OrganizationProvider.class).getById(id);
    }

    public URI location(String resourceType, String id) {
        return URI.create(baseUrl() + "/" + resourceType + "/" + id);
    }

    public static URI baseUrl(KeycloakSession session, RealmModel realm, String connectorName) {
        return session.getContext().getUri().getBaseUriBuilder()
                .path("realms").path(realm.getName())
                .path(ScimEndpointFactory.ID).path(connectorName).path("v2")
                .build();
    }
}
