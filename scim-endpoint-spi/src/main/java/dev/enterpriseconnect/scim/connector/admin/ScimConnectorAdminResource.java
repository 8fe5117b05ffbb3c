package dev.enterpriseconnect.scim.connector.admin;

import java.time.Duration;
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

import dev.enterpriseconnect.lifecycle.invitation.InvitationPolicy;
import dev.enterpriseconnect.lifecycle.events.LifecycleListenerEnrollment;
import dev.enterpriseconnect.lifecycle.invitation.InvitationProfileDeclaration;
import dev.enterpriseconnect.rolemapping.RoleMappingConfig;
import dev.enterpriseconnect.scim.connector.ScimConnector;
import dev.enterpriseconnect.scim.connector.ScimConnectorConfig;
import dev.enterpriseconnect.scim.connector.ScimConnectorProvider;
import dev.enterpriseconnect.scim.endpoint.FailedAttempts;
import dev.enterpriseconnect.scim.endpoint.ScimRequestContext;
import dev.enterpriseconnect.scim.log.LogSettings;
import dev.enterpriseconnect.scim.log.ProvisioningLogAdminResource;
import dev.enterpriseconnect.scim.protocol.ScimJson;
import dev.enterpriseconnect.scim.sourceoftruth.Detachment;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
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
    private final ConnectorCredentials credentials;
    private final AdminPermissionEvaluator auth;

    private static final Duration MAX_OVERLAP = Duration.ofDays(7);

    public ScimConnectorAdminResource(KeycloakSession session, RealmModel realm, AdminPermissionEvaluator auth,
            AdminEventBuilder adminEvent) {
        // Reading a connector's log needs view-realm only (the log resource checks it); all else manage-realm.
        if (!ProvisioningLogAdminResource.isLogRead(session)) {
            auth.realm().requireManageRealm();
        }
        this.auth = auth;
        this.session = session;
        this.realm = realm;
        this.adminEvent = adminEvent.resource(ResourceType.COMPONENT);
        this.credentials = new ConnectorCredentials(session, realm);
    }

    /** Every connector of the realm, or with {@code ?name=} the one of that name (an empty list when none). */
    @GET
    public Response list(@QueryParam("name") String name) {
        ArrayNode connectors = ScimJson.object().arrayNode();
        ScimConnector.all(realm).filter(c -> name == null || name.equals(c.name())).map(this::describe)
                .forEach(connectors::add);
        return json(200, connectors);
    }

    /**
     * The most recent failed SCIM credential checks of this realm seen by this node (newest first,
     * at most {@value FailedAttempts#RECENT}), including names no connector has. Never a secret.
     */
    @GET
    @Path("failed-attempts")
    public Response failedAttempts() {
        ArrayNode attempts = ScimJson.object().arrayNode();
        FailedAttempts.recent(realm.getId()).forEach(attempt -> attempts.add(attempt(attempt)));
        return json(200, attempts);
    }

    @GET
    @Path("{id}")
    public Response get(@PathParam("id") String id) {
        return json(200, describe(find(id)));
    }

    /** The connector's provisioning log: {@code GET …/log}, {@code …/log/summary}, {@code …/log/settings}. */
    @Path("{id}/log")
    public ProvisioningLogAdminResource log(@PathParam("id") String id) {
        return new ProvisioningLogAdminResource(session, realm, find(id), auth);
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
        if (request.hasNonNull("organizationId")) {
            component.put(ScimConnectorConfig.ORGANIZATION_ID, request.get("organizationId").asText());
        }
        if (request.hasNonNull("requiredAttributes")) {
            JsonNode paths = request.get("requiredAttributes");
            List<String> list = new java.util.ArrayList<>();
            (paths.isArray() ? paths : List.of(paths)).forEach(p -> list.add(p.asText()));
            component.put(ScimConnectorConfig.REQUIRED_ATTRIBUTES, String.join(",", list));
        }
        applySourceOfTruth(request, component);
        if (request.hasNonNull("extensionSchemas")) {
            JsonNode schemas = request.get("extensionSchemas");
            List<String> urns = new java.util.ArrayList<>();
            (schemas.isArray() ? schemas : List.of(schemas)).forEach(s -> urns.add(s.asText()));
            component.put(ScimConnectorConfig.EXTENSION_SCHEMAS, String.join(",", urns));
        }
        JsonNode roleMapping = request.get("roleMapping");
        if (roleMapping != null && roleMapping.isObject()) {
            for (String key : RoleMappingConfig.PROPERTY_NAMES) {
                if (roleMapping.hasNonNull(key)) {
                    component.put(key, roleMapping.get(key).asText());
                }
            }
        }
        applyDeprovisioning(request.get("deprovisioning"), component);
        if (request.hasNonNull("groupsParent")) {
            component.put(ScimConnectorConfig.GROUPS_PARENT, request.get("groupsParent").asText());
        }
        List<String> settings = new java.util.ArrayList<>(List.of(ScimConnectorConfig.MAX_PAGE_SIZE,
                ScimConnectorConfig.BULK_MAX_OPERATIONS, ScimConnectorConfig.BULK_MAX_PAYLOAD_SIZE,
                ScimConnectorConfig.MAX_REQUEST_SIZE, ScimConnectorConfig.ALLOW_PRIVILEGED_USERS,
                ScimConnectorConfig.USERNAME_MATCHES_EMAIL, ScimConnectorConfig.PASSWORD_POLICY));
        settings.addAll(InvitationPolicy.KEYS);
        settings.addAll(ScimConnectorConfig.CREDENTIAL_GUARD_SETTINGS);
        settings.addAll(LogSettings.KEYS);
        for (String setting : settings) {
            if (request.hasNonNull(setting)) {
                component.put(setting, request.get(setting).asText());
            }
        }
        dev.enterpriseconnect.scim.group.ParentGroupMark.markNewConnector(session, realm, component);
        ObjectNode shownOnce = ScimJson.object();
        credentials.issue(component, shownOnce);
        try {
            component = realm.addComponentModel(component);
        } catch (ComponentValidationException e) {
            return error(400, e.getMessage());
        }
        ScimConnector connector = ScimConnector.of(component);
        credentials.provision(connector, shownOnce);
        LifecycleListenerEnrollment.ensureEnabled(realm);
        InvitationProfileDeclaration.ensure(session, realm);
        adminEvent.operation(OperationType.CREATE).resourcePath(session.getContext().getUri(), component.getId())
                .representation(Map.of("id", connector.id(), "name", connector.name())).success();
        return json(201, describe(connector).setAll(shownOnce));
    }

    /**
     * Issues a new secret. {@code overlapSeconds} (default 0, at most 7 days) keeps the old one
     * working that long, so the IdP can be updated without a failed sync.
     */
    @POST
    @Path("{id}/rotate-secret")
    public Response rotateSecret(@PathParam("id") String id, @QueryParam("overlapSeconds") String overlapSeconds) {
        ScimConnector connector = find(id);
        Duration overlap;
        try {
            overlap = Duration.ofSeconds(overlapSeconds == null ? 0 : Long.parseLong(overlapSeconds));
        } catch (NumberFormatException e) {
            return error(400, "overlapSeconds must be a whole number of seconds");
        }
        if (overlap.isNegative() || overlap.compareTo(MAX_OVERLAP) > 0) {
            return error(400, "overlapSeconds must be between 0 and " + MAX_OVERLAP.toSeconds());
        }
        ComponentModel component = new ComponentModel(connector.component());
        ObjectNode shownOnce = ScimJson.object();
        credentials.rotate(connector, component, overlap, shownOnce);
        realm.updateComponent(component);
        adminEvent.operation(OperationType.ACTION).resourcePath(session.getContext().getUri())
                .representation(Map.of("id", connector.id(), "name", connector.name())).success();
        return json(200, describe(ScimConnector.of(component)).setAll(shownOnce));
    }

    /**
     * Changes what DELETE and deactivation do to users ({@code onDelete}, {@code onDeactivate},
     * {@code retention}); fields left out keep their value. A bad value is 400 and changes nothing.
     */
    @PUT
    @Path("{id}/deprovisioning")
    public Response updateDeprovisioning(@PathParam("id") String id, String body) {
        ScimConnector connector = find(id);
        JsonNode settings = parse(body);
        ComponentModel component = new ComponentModel(connector.component());
        applyDeprovisioning(settings, component);
        try {
            realm.updateComponent(component);
        } catch (ComponentValidationException e) {
            return error(400, e.getMessage());
        }
        ObjectNode shown = deprovisioning(ScimConnector.of(component));
        adminEvent.operation(OperationType.UPDATE).resourcePath(session.getContext().getUri())
                .representation(Map.<String, Object>of("id", connector.id(), "name", connector.name(), "deprovisioning", shown))
                .success();
        return json(200, shown);
    }

    /**
     * Changes which fields the IdP owns ({@code managedFields}) and whether people may edit them
     * anyway ({@code allowManagedEdits}); fields left out keep their value. A bad value is 400 and
     * changes nothing.
     */
    @PUT
    @Path("{id}/source-of-truth")
    public Response updateSourceOfTruth(@PathParam("id") String id, String body) {
        ScimConnector connector = find(id);
        JsonNode settings = parse(body);
        settings.fieldNames().forEachRemaining(field -> {
            if (!field.equals(ScimConnectorConfig.MANAGED_FIELDS) && !field.equals(ScimConnectorConfig.ALLOW_MANAGED_EDITS)) {
                throw new jakarta.ws.rs.WebApplicationException(error(400, field + " is not a source-of-truth setting; use "
                        + ScimConnectorConfig.MANAGED_FIELDS + ", " + ScimConnectorConfig.ALLOW_MANAGED_EDITS));
            }
        });
        ComponentModel component = new ComponentModel(connector.component());
        applySourceOfTruth(settings, component);
        try {
            realm.updateComponent(component);
        } catch (ComponentValidationException e) {
            return error(400, e.getMessage());
        }
        ObjectNode shown = sourceOfTruth(ScimConnector.of(component));
        adminEvent.operation(OperationType.UPDATE).resourcePath(session.getContext().getUri())
                .representation(Map.<String, Object>of("id", connector.id(), "name", connector.name(), "sourceOfTruth", shown))
                .success();
        return json(200, shown);
    }

    /**
     * Detaches a user from this connector: the user's IdP-owned fields become editable and the
     * connector no longer sees the user (GET 404, lists leave it out, a POST of its userName 409).
     */
    @POST
    @Path("{id}/users/{userId}/detach")
    public Response detach(@PathParam("id") String id, @PathParam("userId") String userId) {
        ScimConnector connector = find(id);
        Detachment.Outcome outcome = Detachment.detach(session, realm, connector, userId);
        if (outcome.problem() != null) {
            return error(outcome.status(), outcome.problem());
        }
        adminEvent.operation(OperationType.ACTION).resourcePath(session.getContext().getUri())
                .representation(Map.of("userId", userId, "detachedFrom", connector.name())).success();
        ObjectNode shown = ScimJson.object();
        shown.put("userId", userId);
        shown.put("detachedFrom", connector.name());
        return json(200, shown);
    }

    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") String id) {
        ScimConnector connector = find(id);
        credentials.withdraw(connector);
        realm.removeComponent(connector.component());
        FailedAttempts.forget(realm.getId(), connector.id());
        adminEvent.operation(OperationType.DELETE).resourcePath(session.getContext().getUri()).success();
        return Response.noContent().build();
    }

    private static void applyDeprovisioning(JsonNode settings, ComponentModel component) {
        if (settings == null || settings.isNull()) {
            return;
        }
        if (!settings.isObject()) {
            throw new jakarta.ws.rs.WebApplicationException(error(400, "deprovisioning must be a JSON object"));
        }
        Map<String, String> keys = Map.of("onDelete", ScimConnectorConfig.DEPROVISION_ON_DELETE,
                "onDeactivate", ScimConnectorConfig.DEPROVISION_ON_DEACTIVATE,
                "retention", ScimConnectorConfig.DEPROVISION_RETENTION);
        settings.fieldNames().forEachRemaining(field -> {
            if (!keys.containsKey(field)) {
                throw new jakarta.ws.rs.WebApplicationException(error(400, "deprovisioning." + field
                        + " is not a setting; use onDelete, onDeactivate, retention"));
            }
        });
        keys.forEach((field, key) -> {
            JsonNode value = settings.get(field);
            if (value != null && !value.isNull()) {
                component.put(key, value.asText());
            }
        });
    }

    private static void applySourceOfTruth(JsonNode settings, ComponentModel component) {
        JsonNode fields = settings.get(ScimConnectorConfig.MANAGED_FIELDS);
        if (fields != null && !fields.isNull()) {
            if (!fields.isArray()) {
                throw new jakarta.ws.rs.WebApplicationException(error(400, ScimConnectorConfig.MANAGED_FIELDS
                        + " must be a JSON array of SCIM field names"));
            }
            List<String> names = new java.util.ArrayList<>();
            fields.forEach(field -> names.add(field.asText()));
            component.put(ScimConnectorConfig.MANAGED_FIELDS, String.join(",", names));
        }
        JsonNode edits = settings.get(ScimConnectorConfig.ALLOW_MANAGED_EDITS);
        if (edits != null && !edits.isNull()) {
            component.put(ScimConnectorConfig.ALLOW_MANAGED_EDITS, edits.asText());
        }
    }

    private static ObjectNode sourceOfTruth(ScimConnector connector) {
        ObjectNode node = ScimJson.object();
        connector.managedFields().forEach(node.putArray(ScimConnectorConfig.MANAGED_FIELDS)::add);
        node.put(ScimConnectorConfig.ALLOW_MANAGED_EDITS, connector.allowsManagedEdits());
        return node;
    }

    private static ObjectNode deprovisioning(ScimConnector connector) {
        ObjectNode node = ScimJson.object();
        node.put("onDelete", connector.onDelete().value());
        node.put("onDeactivate", connector.onDeactivate().value());
        node.put("retention", connector.retentionSetting());
        return node;
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
        node.put("maxPageSize", connector.maxPageSize());
        node.put("groupsParent", connector.groupsParentName());
        ObjectNode roleMapping = ScimJson.object();
        for (String key : RoleMappingConfig.PROPERTY_NAMES) {
            String value = connector.component().get(key);
            if (value != null) {
                roleMapping.put(key, value);
            }
        }
        if (!roleMapping.isEmpty()) {
            node.set("roleMapping", roleMapping);
        }
        connector.extensionSchemas().forEach(node.putArray("extensionSchemas")::add);
        describeInvitations(connector, node);
        node.set("deprovisioning", deprovisioning(connector));
        node.put("bulkMaxOperations", connector.bulkMaxOperations());
        node.put("bulkMaxPayloadSize", connector.bulkMaxPayloadSize());
        node.put("maxRequestSize", connector.maxRequestSize());
        node.put("allowPrivilegedUsers", connector.allowsPrivilegedUsers());
        connector.requiredAttributes().forEach(node.putArray("requiredAttributes")::add);
        node.put("userNameMatchesEmail", connector.userNameMatchesEmail());
        node.put("passwordPolicy", connector.passwordPolicy());
        node.setAll(sourceOfTruth(connector));
        if (connector.organizationId() != null) {
            node.put("organizationId", connector.organizationId());
        }
        String problem = ScimRequestContext.problem(session, connector);
        node.put("status", problem == null ? "ok" : "broken");
        if (problem != null) {
            node.put("problem", problem);
        }
        if (connector.previousSecretExpiresAt() != null) {
            node.put("previousSecretValidUntil", connector.previousSecretExpiresAt());
        }
        if (ScimConnectorConfig.CREDENTIAL_OAUTH.equals(connector.credentialType())) {
            node.put("role", connector.oauthRole());
        }
        node.put("scimBaseUrl", ScimRequestContext.baseUrl(session, realm, connector.name()).toString());
        describeCredentialChecks(connector, node);
        LogSettings.of(connector.component()).describe(node);
        return node;
    }

    // Credential checks: settings, and the failures this node saw
    private void describeCredentialChecks(ScimConnector connector, ObjectNode node) {
        node.put(ScimConnectorConfig.AUTH_FAILURE_LIMIT, connector.authFailureLimit());
        node.put(ScimConnectorConfig.AUTH_FAILURE_WINDOW, connector.durationSetting(ScimConnectorConfig.AUTH_FAILURE_WINDOW,
                ScimConnectorConfig.DEFAULT_AUTH_FAILURE_WINDOW));
        node.put(ScimConnectorConfig.REQUEST_RATE_LIMIT, connector.requestRateLimit());
        node.put(ScimConnectorConfig.REQUEST_RATE_BURST, connector.requestRateBurst());
        FailedAttempts.Summary failures = FailedAttempts.forConnector(realm.getId(), connector.id());
        node.put("failedAttempts", failures.count());
        node.put("throttledAttempts", failures.throttled());
        node.put("rateLimitedRequests", failures.rateLimited());
        if (failures.last() != null) {
            node.set("lastFailedAttempt", attempt(failures.last()));
        }
    }

    private static ObjectNode attempt(FailedAttempts.Attempt attempt) {
        ObjectNode node = ScimJson.object();
        node.put("time", java.time.Instant.ofEpochMilli(attempt.time()).toString());
        node.put("connector", attempt.connector());
        node.put("knownConnector", attempt.knownConnector());
        node.put("reason", attempt.reason());
        node.put("address", attempt.address());
        node.put("throttled", attempt.throttled());
        return node;
    }

    private static void describeInvitations(ScimConnector connector, ObjectNode node) {
        try {
            InvitationPolicy policy = connector.invitationPolicy();
            node.put(InvitationPolicy.ENABLED, policy.enabled());
            node.put(InvitationPolicy.LIFESPAN, connector.durationSetting(InvitationPolicy.LIFESPAN,
                    InvitationPolicy.DEFAULT_LIFESPAN_SETTING));
            node.put(InvitationPolicy.MAX_RESENDS, policy.maxResends());
            if (policy.disableAfter() != null) {
                node.put(InvitationPolicy.DISABLE_AFTER, connector.durationSetting(InvitationPolicy.DISABLE_AFTER, null));
            }
            if (policy.identityProvider() != null) {
                node.put(InvitationPolicy.IDENTITY_PROVIDER, policy.identityProvider());
            }
            node.put(InvitationPolicy.CLIENT_ID, policy.clientId());
            if (policy.redirectUri() != null) {
                node.put(InvitationPolicy.REDIRECT_URI, policy.redirectUri());
            }
        } catch (IllegalArgumentException invalid) {
            node.put("invitationSettingsError", invalid.getMessage());
        }
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
