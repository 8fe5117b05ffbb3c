package dev.enterpriseconnect.console.setuplink;

import java.time.Instant;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.RealmModel;
import org.keycloak.organization.OrganizationProvider;
import org.keycloak.services.resources.admin.AdminEventBuilder;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

import dev.enterpriseconnect.scim.connector.ScimConnector;
import dev.enterpriseconnect.scim.connector.admin.ScimConnectorAdminResource;
import dev.enterpriseconnect.scim.protocol.ScimException;
import dev.enterpriseconnect.scim.protocol.ScimJson;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * {@code /admin/realms/{realm}/enterprise-connect/setup-links}: a vendor administrator creates a
 * setup link for one Organization (its connector created if missing), lists and revokes links, and
 * approves domains typed on setup pages. Reading needs view-realm, changing manage-realm; every
 * change is an admin event.
 */
public final class SetupLinkAdminResource {

    private final KeycloakSession session;
    private final RealmModel realm;
    private final AdminPermissionEvaluator auth;
    private final AdminEventBuilder adminEvent;

    public SetupLinkAdminResource(KeycloakSession session, RealmModel realm, AdminPermissionEvaluator auth,
            AdminEventBuilder adminEvent) {
        this.session = session;
        this.realm = realm;
        this.auth = auth;
        this.adminEvent = adminEvent;
    }

    /**
     * {@code {"organizationId", "connector" (name, default: the Organization's alias), "expiresIn"
     * (days or ISO-8601, default P7D, at most P30D), "contact" (whom the page tells to ask)}}. The
     * answer holds the link's URL, the only time it is shown.
     */
    @POST
    public Response create(String body) {
        auth.realm().requireManageRealm();
        JsonNode request = parse(body);
        String organizationId = request.path("organizationId").asText(null);
        if (organizationId == null || organizationId.isBlank()) {
            throw ScimException.invalidValue("organizationId is required");
        }
        OrganizationProvider organizations = session.getProvider(OrganizationProvider.class);
        OrganizationModel organization = organizations == null ? null : organizations.getById(organizationId);
        if (organization == null) {
            throw ScimException.invalidValue("No Organization with id " + organizationId);
        }
        // Checked before anything is written: a refused lifetime creates no connector either.
        SetupLinks.lifetime(request.path("expiresIn").asText(null));
        ScimConnector connector = connector(organization, request.path("connector").asText(null));
        String createdBy = auth.adminAuth().getUser().getUsername();
        SetupLinks.Issued issued = new SetupLinks(session, realm).create(organization, connector.id(),
                request.path("expiresIn").asText(null), createdBy, request.path("contact").asText(null));
        ObjectNode answer = describe(issued.link());
        answer.put("url", session.getContext().getUri().getBaseUri().toString().replaceAll("/$", "") + "/realms/"
                + realm.getName() + "/enterprise-connect/setup/" + issued.token());
        adminEvent.resource(ResourceType.ORGANIZATION).operation(OperationType.CREATE)
                .resourcePath(session.getContext().getUri(), issued.link().getId())
                .representation(Map.of("id", issued.link().getId(), "organizationId", organization.getId(),
                        "connector", connector.name(), "expiresAt", answer.get("expiresAt").asText())).success();
        return json(201, answer);
    }

    @GET
    public Response list(@QueryParam("organizationId") String organizationId) {
        auth.realm().requireViewRealm();
        ArrayNode links = ScimJson.object().arrayNode();
        new SetupLinks(session, realm).list(organizationId).forEach(l -> links.add(describe(l)));
        return json(200, links);
    }

    @GET
    @Path("{id}")
    public Response get(@PathParam("id") String id) {
        auth.realm().requireViewRealm();
        return json(200, describe(new SetupLinks(session, realm).byId(id)));
    }

    /** The link stops at once; its page then says it was revoked and whom to ask. */
    @POST
    @Path("{id}/revoke")
    public Response revoke(@PathParam("id") String id) {
        auth.realm().requireManageRealm();
        SetupLinkEntity link = new SetupLinks(session, realm).revoke(id);
        adminEvent.resource(ResourceType.ORGANIZATION).operation(OperationType.ACTION)
                .resourcePath(session.getContext().getUri())
                .representation(Map.of("id", link.getId(), "organizationId", link.getOrganizationId())).success();
        return json(200, describe(link));
    }

    /** Domains typed on setup pages, proven or not ({@code ?organizationId=} for one Organization). */
    @GET
    @Path("domains")
    public Response domains(@QueryParam("organizationId") String organizationId) {
        auth.realm().requireViewRealm();
        DomainClaims claims = new DomainClaims(session, realm, null);
        ArrayNode list = ScimJson.object().arrayNode();
        (organizationId == null ? claims.all() : claims.of(organizationId)).forEach(c -> list.add(describe(c)));
        return json(200, list);
    }

    /** A vendor administrator vouches for a domain: it joins its Organization, verified, and routes. */
    @POST
    @Path("domains/{id}/approve")
    public Response approve(@PathParam("id") String id) {
        auth.realm().requireManageRealm();
        DomainClaimEntity claim = new DomainClaims(session, realm, null).approve(id,
                auth.adminAuth().getUser().getUsername());
        adminEvent.resource(ResourceType.ORGANIZATION).operation(OperationType.UPDATE)
                .resourcePath(session.getContext().getUri())
                .representation(Map.of("domain", claim.getName(), "organizationId", claim.getOrganizationId())).success();
        return json(200, describe(claim));
    }

    /** The Organization's connector: the named one, else the one provisioning into it, else a new one. */
    private ScimConnector connector(OrganizationModel organization, String name) {
        if (name != null && !name.isBlank()) {
            var named = ScimConnector.byName(realm, name);
            if (named.isPresent()) {
                if (!organization.getId().equals(named.get().organizationId())) {
                    throw ScimException.invalidValue("Connector " + name + " does not provision into this Organization");
                }
                return named.get();
            }
        } else {
            var existing = ScimConnector.all(realm).filter(c -> organization.getId().equals(c.organizationId())).findFirst();
            if (existing.isPresent()) {
                return existing.get();
            }
            name = organization.getAlias() == null ? organization.getName() : organization.getAlias();
        }
        // The connector admin API's own create: same checks, same admin event; its secret is not kept
        // (the IT admin generates the one they paste on the setup page).
        ObjectNode create = ScimJson.object();
        create.put("name", name);
        create.put("organizationId", organization.getId());
        Response created = new ScimConnectorAdminResource(session, realm, auth, adminEvent).create(ScimJson.write(create));
        if (created.getStatus() != 201) {
            throw ScimException.invalidValue("The connector could not be created: " + created.getEntity());
        }
        String connectorName = name;
        return ScimConnector.byName(realm, connectorName)
                .orElseThrow(() -> new IllegalStateException("Connector " + connectorName + " not found after create"));
    }

    private ObjectNode describe(SetupLinkEntity link) {
        ObjectNode node = ScimJson.object();
        node.put("id", link.getId());
        node.put("organizationId", link.getOrganizationId());
        OrganizationModel organization = new SetupLinks(session, realm).organization(link);
        node.put("organization", organization == null ? null : organization.getName());
        node.put("connectorId", link.getConnectorId());
        node.put("connector", ScimConnector.byId(realm, link.getConnectorId()).map(ScimConnector::name).orElse(null));
        node.put("status", SetupLinks.status(link));
        node.put("createdAt", Instant.ofEpochMilli(link.getCreatedAt()).toString());
        node.put("expiresAt", Instant.ofEpochMilli(link.getExpiresAt()).toString());
        node.put("revokedAt", link.getRevokedAt() == null ? null : Instant.ofEpochMilli(link.getRevokedAt()).toString());
        node.put("lastUsedAt", link.getLastUsedAt() == null ? null : Instant.ofEpochMilli(link.getLastUsedAt()).toString());
        node.put("createdBy", link.getCreatedBy());
        node.put("contact", link.getContact());
        return node;
    }

    private static ObjectNode describe(DomainClaimEntity claim) {
        ObjectNode node = ScimJson.object();
        node.put("id", claim.getId());
        node.put("organizationId", claim.getOrganizationId());
        node.put("name", claim.getName());
        node.put("verified", claim.getVerifiedAt() != null);
        node.put("verifiedAt", claim.getVerifiedAt() == null ? null : Instant.ofEpochMilli(claim.getVerifiedAt()).toString());
        node.put("verifiedBy", claim.getVerifiedBy());
        node.put("recordName", DomainClaims.recordName(claim));
        node.put("recordValue", DomainClaims.recordValue(claim));
        return node;
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
