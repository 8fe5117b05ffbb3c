package dev.enterpriseconnect.scim.log;

import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.keycloak.common.util.Time;
import org.keycloak.component.ComponentModel;
import org.keycloak.component.ComponentValidationException;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

import dev.enterpriseconnect.scim.connector.ScimConnector;
import dev.enterpriseconnect.scim.protocol.ScimException;
import dev.enterpriseconnect.scim.protocol.ScimJson;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * {@code /admin/realms/{realm}/scim-connectors/{id}/log}: a connector's provisioning log, newest
 * first, its summary, and its settings. Reading needs {@code view-realm}, changing the settings
 * {@code manage-realm}. Bad parameters are SCIM errors (400 invalidValue) and change nothing.
 */
public final class ProvisioningLogAdminResource {

    /** The reads a {@code view-realm} administrator may make below {@code scim-connectors}. */
    private static final Pattern READ_PATH = Pattern.compile(".*/scim-connectors/[^/]+/log(/summary|/settings)?/?");

    private final KeycloakSession session;
    private final RealmModel realm;
    private final ScimConnector connector;
    private final AdminPermissionEvaluator auth;

    public ProvisioningLogAdminResource(KeycloakSession session, RealmModel realm, ScimConnector connector,
            AdminPermissionEvaluator auth) {
        auth.realm().requireViewRealm();
        this.session = session;
        this.realm = realm;
        this.connector = connector;
        this.auth = auth;
    }

    /** Whether this request only reads a log, which {@code view-realm} suffices for. */
    public static boolean isLogRead(KeycloakSession session) {
        var http = session.getContext().getHttpRequest();
        return http != null && "GET".equals(http.getHttpMethod())
                && READ_PATH.matcher(session.getContext().getUri().getPath()).matches();
    }

    @GET
    public Response list(@QueryParam("first") String first, @QueryParam("max") String max,
            @QueryParam("since") String since, @QueryParam("until") String until,
            @QueryParam("status") String status, @QueryParam("user") String user) {
        LogQuery query = LogQuery.parse(first, max, since, until, status, user);
        ArrayNode rows = ScimJson.object().arrayNode();
        ProvisioningLog.read(session, connector.id(), query).forEach(row -> rows.add(describe(row)));
        return json(rows);
    }

    @GET
    @Path("summary")
    public Response summary() {
        ProvisioningLog.Summary summary = ProvisioningLog.summary(session, connector.id(), Time.currentTimeMillis());
        ObjectNode node = ScimJson.object();
        if (summary.lastRequestAt() == null) {
            node.putNull("lastRequestAt");
        } else {
            node.put("lastRequestAt", Instant.ofEpochMilli(summary.lastRequestAt()).toString());
        }
        node.put("errorsLast24h", summary.errorsLast24h());
        node.put("requestsLast24h", summary.requestsLast24h());
        return json(node);
    }

    /** The log settings; fields left out keep their value. */
    @GET
    @Path("settings")
    public Response settings() {
        ObjectNode node = ScimJson.object();
        LogSettings.of(connector.component()).describe(node);
        return json(node);
    }

    @PUT
    @Path("settings")
    public Response updateSettings(String body) {
        auth.realm().requireManageRealm();
        ObjectNode request = ScimJson.parseObject(body);
        ComponentModel component = new ComponentModel(connector.component());
        request.fieldNames().forEachRemaining(field -> {
            if (!LogSettings.KEYS.contains(field)) {
                throw ScimException.invalidValue(field + " is not a log setting; use " + String.join(", ", LogSettings.KEYS));
            }
        });
        for (String key : LogSettings.KEYS) {
            JsonNode value = request.get(key);
            if (value == null) {
                continue;
            }
            if (value.isNull()) {
                component.getConfig().remove(key);
            } else if (value.isArray()) {
                List<String> names = new java.util.ArrayList<>();
                value.forEach(name -> names.add(name.asText()));
                component.put(key, String.join(",", names));
            } else {
                component.put(key, value.asText());
            }
        }
        try {
            realm.updateComponent(component);
        } catch (ComponentValidationException e) {
            throw ScimException.invalidValue(e.getMessage());
        }
        ObjectNode node = ScimJson.object();
        LogSettings.of(component).describe(node);
        return json(node);
    }

    static ObjectNode describe(ProvisioningLogEntity row) {
        ObjectNode node = ScimJson.object();
        node.put("id", String.valueOf(row.getSeq()));
        node.put("time", Instant.ofEpochMilli(row.getCreatedAt()).toString());
        node.put("kind", row.getKind());
        node.put("method", row.getMethod());
        node.put("path", row.getPath());
        node.put("status", row.getStatus());
        node.put("scimType", row.getScimType());
        node.put("durationMs", row.getDurationMs());
        node.put("resourceType", row.getResourceType());
        node.put("resourceId", row.getResourceId());
        node.put("userName", row.getUserName());
        node.put("requestId", row.getRequestId());
        node.put("body", row.getBody());
        node.put("reason", row.getReason());
        return node;
    }

    private static Response json(JsonNode body) {
        return Response.ok(ScimJson.write(body), MediaType.APPLICATION_JSON).build();
    }
}
