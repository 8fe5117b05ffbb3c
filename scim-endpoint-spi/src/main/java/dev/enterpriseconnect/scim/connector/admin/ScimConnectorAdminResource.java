package dev.enterpriseconnect.scim.connector.admin;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.keycloak.component.ComponentModel;
import org.keycloak.component.ComponentValidationException;
import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.services.resources.admin.AdminEventBuilder;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

import dev.enterpriseconnect.scim.connector.ConnectorSecret;
import dev.enterpriseconnect.scim.connector.ScimConnector;
import dev.enterpriseconnect.scim.connector.ScimConnectorConfig;
import dev.enterpriseconnect.scim.connector.ScimConnectorProvider;
import dev.enterpriseconnect.scim.endpoint.ScimRequestContext;
import dev.enterpriseconnect.scim.protocol.ScimJson;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * Create, list, rotate and delete a realm's SCIM connectors. A secret appears in exactly two
 * responses (create, rotate) and nowhere else: not in lists, admin events or logs.
 */
public final class ScimConnectorAdminResource {

    private final KeycloakSession session;
    private final RealmModel realm;
    private final AdminEventBuilder adminEvent;

    ScimConnectorAdminResource(KeycloakSession session, RealmModel realm, AdminPermissionEvaluator auth,
            AdminEventBuilder adminEvent) {
        auth.realm().requireManageRealm();
        this.session = session;
        this.realm = realm;
        this.adminEvent = adminEvent.resource(ResourceType.COMPONENT);
    }

    @GET
    public Response list() {
        ArrayNode connectors = ScimJson.object().arrayNode();
        ScimConnector.all(realm).map(this::describe).forEach(connectors::add);
        return json(200, connectors);
    }

    @GET
    @Path("{id}")
    public Response get(@PathParam("id") String id) {
        return json(200, describe(find(id)));
    }

    @POST
    public Response create(String body) {
        JsonNode request = parse(body);
        String name = request.path("name").asText(null);
        if (name != null && ScimConnector.byName(realm, name).isPresent()) {
            return error(409, "A connector named '" + name + "' already exists");
        }
        ComponentModel component = new ComponentModel();
        component.setName(name);
        component.setParentId(realm.getId());
        component.setProviderType(ScimConnectorProvider.class.getName());
        component.setProviderId(ScimConnectorConfig.PROVIDER_ID);
        component.put(ScimConnectorConfig.CREDENTIAL_TYPE,
                request.path("credentialType").asText(ScimConnectorConfig.CREDENTIAL_BEARER));
        String secret = ConnectorSecret.generate();
        setSecret(component, secret);
        try {
            component = realm.addComponentModel(component);
        } catch (ComponentValidationException e) {
            return error(400, e.getMessage());
        }
        ScimConnector connector = ScimConnector.of(component);
        ObjectNode described = describe(connector);
        adminEvent.operation(OperationType.CREATE).resourcePath(session.getContext().getUri(), component.getId())
                .representation(Map.of("id", connector.id(), "name", connector.name())).success();
        described.put("token", secret);
        return json(201, described);
    }

    /** Issues a new secret; the old one stops working at once. */
    @POST
    @Path("{id}/rotate-secret")
    public Response rotateSecret(@PathParam("id") String id) {
        ScimConnector connector = find(id);
        ComponentModel component = new ComponentModel(connector.component());
        String secret = ConnectorSecret.generate();
        setSecret(component, secret);
        realm.updateComponent(component);
        adminEvent.operation(OperationType.ACTION).resourcePath(session.getContext().getUri())
                .representation(Map.of("id", connector.id(), "name", connector.name())).success();
        ObjectNode described = describe(ScimConnector.of(component));
        described.put("token", secret);
        return json(200, described);
    }

    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") String id) {
        ScimConnector connector = find(id);
        realm.removeComponent(connector.component());
        adminEvent.operation(OperationType.DELETE).resourcePath(session.getContext().getUri()).success();
        return Response.noContent().build();
    }

    private static void setSecret(ComponentModel component, String secret) {
        component.getConfig().put(ScimConnectorConfig.SECRET_HASH, List.of(ConnectorSecret.hash(secret)));
        component.getConfig().put(ScimConnectorConfig.SECRET_CREATED_AT, List.of(Instant.now().toString()));
    }

    private ScimConnector find(String id) {
        return ScimConnector.byId(realm, id).orElseThrow(() -> new jakarta.ws.rs.WebApplicationException(
                error(404, "No SCIM connector with id " + id)));
    }

    private ObjectNode describe(ScimConnector connector) {
        ObjectNode node = ScimJson.object();
        node.put("id", connector.id());
        node.put("name", connector.name());
        node.put("credentialType", connector.credentialType());
        node.put("secretCreatedAt", connector.secretCreatedAt());
        node.put("scimBaseUrl", ScimRequestContext.baseUrl(session, realm, connector.name()).toString());
        return node;
    }

    private static JsonNode parse(String body) {
        try {
            return ScimJson.parseObject(body);
        } catch (jakarta.ws.rs.WebApplicationException e) {
            throw new jakarta.ws.rs.WebApplicationException(error(400, "Body must be a JSON object"));
        }
    }

    private static Response error(int status, String message) {
        ObjectNode body = ScimJson.object();
        body.put("error", message);
        return json(status, body);
    }

    private static Response json(int status, JsonNode body) {
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(ScimJson.write(body)).build();
    }
}
