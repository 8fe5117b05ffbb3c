package dev.enterpriseconnect.console.admin;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;
import org.keycloak.models.IdentityProviderModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.services.resources.admin.AdminEventBuilder;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

import dev.enterpriseconnect.console.idp.MetadataImport;
import dev.enterpriseconnect.console.idp.SigningCertificate;
import dev.enterpriseconnect.console.settings.ConnectorSettings;
import dev.enterpriseconnect.console.setup.SetupValues;
import dev.enterpriseconnect.console.setuplink.SetupLinkAdminResource;
import dev.enterpriseconnect.scim.connector.ScimConnector;
import dev.enterpriseconnect.scim.protocol.ScimException;
import dev.enterpriseconnect.scim.protocol.ScimJson;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The console's own admin API: what the signed-in administrator may do, a connector's setup values,
 * and identity providers from metadata. Reading needs view-realm, changing manage-realm, both
 * checked by Keycloak's own admin permissions. Errors are SCIM error bodies.
 */
public final class ConsoleAdminResource {

    private final KeycloakSession session;
    private final RealmModel realm;
    private final AdminPermissionEvaluator auth;
    private final AdminEventBuilder adminEvent;

    ConsoleAdminResource(KeycloakSession session, RealmModel realm, AdminPermissionEvaluator auth,
            AdminEventBuilder adminEvent) {
        this.session = session;
        this.realm = realm;
        this.auth = auth;
        this.adminEvent = adminEvent;
    }

    /** Whether the caller may read or change this realm's set-up; the console shows what it can do, or a refusal. */
    @GET
    @Path("access")
    public Response access() {
        ObjectNode answer = ScimJson.object();
        answer.put("realm", realm.getName());
        answer.put("user", auth.adminAuth().getUser().getUsername());
        answer.put("signedInRealm", auth.adminAuth().getRealm().getName());
        answer.put("view", auth.realm().canViewRealm());
        answer.put("manage", auth.realm().canManageRealm());
        return json(200, answer);
    }

    @GET
    @Path("connectors/{id}/setup-values")
    public Response setupValues(@PathParam("id") String id, @QueryParam("samlAlias") String samlAlias,
            @QueryParam("oidcAlias") String oidcAlias) {
        auth.realm().requireViewRealm();
        return json(200, new SetupValues(session, realm).of(connector(id), samlAlias, oidcAlias));
    }

    /** The connector's editable settings (view-realm); never a secret. */
    @GET
    @Path("connectors/{id}/settings")
    public Response settings(@PathParam("id") String id) {
        auth.realm().requireViewRealm();
        return json(200, new ConnectorSettings(realm).read(connector(id)));
    }

    /**
     * Changes settings by their create-field names, e.g. {@code {"roles":"ADMIN=realm:admin; USER=realm:user"}};
     * fields left out keep their value. Refused with the connector's own validation message, nothing stored.
     */
    @PUT
    @Path("connectors/{id}/settings")
    public Response updateSettings(@PathParam("id") String id, String body) {
        auth.realm().requireManageRealm();
        ScimConnector connector = connector(id);
        JsonNode changes = parse(body);
        ConnectorSettings settings = new ConnectorSettings(realm);
        ObjectNode shown = settings.read(settings.update(connector, changes));
        adminEvent.resource(ResourceType.COMPONENT).operation(OperationType.UPDATE)
                .resourcePath(session.getContext().getUri())
                .representation(Map.of("id", connector.id(), "name", connector.name(), "settings", shown)).success();
        return json(200, shown);
    }

    /**
     * Creates the connector's SAML identity provider from the customer's metadata:
     * {@code {"alias","displayName","metadataUrl"|"metadataXml","domains":[…]}}.
     */
    @POST
    @Path("connectors/{id}/identity-providers")
    public Response createIdentityProvider(@PathParam("id") String id, String body) {
        auth.realm().requireManageRealm();
        ScimConnector connector = connector(id);
        JsonNode request = parse(body);
        List<String> domains = new ArrayList<>();
        JsonNode listed = request.get("domains");
        if (listed != null && !listed.isNull()) {
            if (!listed.isArray()) {
                throw ScimException.invalidValue("domains must be an array of domain names");
            }
            listed.forEach(d -> domains.add(d.asText()));
        }
        MetadataImport.Result result = new MetadataImport(session, realm).create(connector,
                new MetadataImport.Request(text(request, "alias"), text(request, "displayName"),
                        text(request, "metadataUrl"), text(request, "metadataXml"), domains));
        ObjectNode answer = describe(result.provider(), result.certificates());
        result.mappers().forEach(answer.putArray("mappers")::add);
        answer.put("firstBrokerLoginFlow", result.firstLoginFlow());
        if (result.organization() != null) {
            ObjectNode organization = answer.putObject("organization");
            organization.put("id", result.organization().getId());
            organization.put("name", result.organization().getName());
            result.organization().getDomains().forEach(d -> organization.withArray("domains").add(d.getName()));
        }
        adminEvent.resource(ResourceType.IDENTITY_PROVIDER).operation(OperationType.CREATE)
                .resourcePath(session.getContext().getUri(), result.provider().getAlias())
                .representation(Map.of("alias", result.provider().getAlias(), "connector", connector.name())).success();
        return json(201, answer);
    }

    /** Setup links: create for one Organization, list, revoke; domains typed on their pages, approve. */
    @Path("setup-links")
    public SetupLinkAdminResource setupLinks() {
        return new SetupLinkAdminResource(session, realm, auth, adminEvent);
    }

    /** A SAML provider as the console shows it: where it signs in, and its signing certificates' subject and expiry. */
    @GET
    @Path("identity-providers/{alias}")
    public Response identityProvider(@PathParam("alias") String alias) {
        auth.realm().requireViewRealm();
        IdentityProviderModel provider = session.identityProviders().getByAlias(alias);
        if (provider == null) {
            throw ScimException.notFound("No identity provider with alias " + alias);
        }
        return json(200, describe(provider, MetadataImport.certificates(provider)));
    }

    private static ObjectNode describe(IdentityProviderModel provider, List<SigningCertificate> certificates) {
        ObjectNode node = ScimJson.object();
        node.put("alias", provider.getAlias());
        node.put("displayName", provider.getDisplayName());
        node.put("providerId", provider.getProviderId());
        Map<String, String> config = provider.getConfig();
        node.put("idpEntityId", config.get("idpEntityId"));
        node.put("singleSignOnServiceUrl", config.get("singleSignOnServiceUrl"));
        node.put("validateSignature", Boolean.parseBoolean(config.get("validateSignature")));
        node.put("metadataDescriptorUrl", config.get("metadataDescriptorUrl"));
        ArrayNode list = node.putArray("signingCertificates");
        certificates.forEach(c -> list.addObject().put("subject", c.subject()).put("notAfter", c.notAfter().toString()));
        return node;
    }

    private ScimConnector connector(String id) {
        return ScimConnector.byId(realm, id).orElseThrow(() -> ScimException.notFound("No SCIM connector with id " + id));
    }

    private static String text(JsonNode request, String field) {
        JsonNode value = request.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw ScimException.invalidValue(field + " must be a string");
        }
        return value.asText();
    }

    private static JsonNode parse(String body) {
        try {
            return ScimJson.parseObject(body);
        } catch (jakarta.ws.rs.WebApplicationException e) {
            throw ScimException.invalidSyntax("The body must be a JSON object");
        }
    }

    private static Response json(int status, JsonNode body) {
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(ScimJson.write(body)).build();
    }
}
