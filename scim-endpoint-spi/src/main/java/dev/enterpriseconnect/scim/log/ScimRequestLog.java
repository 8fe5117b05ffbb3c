package dev.enterpriseconnect.scim.log;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import org.keycloak.common.util.Time;
import org.keycloak.models.KeycloakSession;

import dev.enterpriseconnect.scim.connector.ScimConnector;
import dev.enterpriseconnect.scim.protocol.ScimJson;

/**
 * The log row of the SCIM request being served, filled in while it runs and written by
 * {@link ProvisioningLogResponseFilter} once the answer is known. Held as a session attribute:
 * one per request, none when the connector's log is off.
 */
public final class ScimRequestLog {

    static final String ATTRIBUTE = ScimRequestLog.class.getName();

    /**
     * Request-id headers identity providers send, checked in order: Okta's {@code X-Okta-Request-Id}
     * on its outbound calls, Microsoft's {@code client-request-id} and {@code request-id}, and the
     * common {@code X-Request-Id} / {@code X-Correlation-Id}.
     */
    static final List<String> REQUEST_ID_HEADERS = List.of("X-Okta-Request-Id", "client-request-id", "request-id",
            "X-Request-Id", "X-Correlation-Id");

    final String realmId;
    final String connectorId;
    final LogSettings settings;
    final long startedNanos;
    final long startedMillis;
    final String method;
    final String path;
    final String requestId;
    String body;
    String resourceType;
    String resourceId;
    String userName;
    String scimType;

    private ScimRequestLog(String realmId, ScimConnector connector, LogSettings settings, long startedNanos, String method,
            String path, String requestId) {
        this.realmId = realmId;
        this.connectorId = connector.id();
        this.settings = settings;
        this.startedNanos = startedNanos;
        this.startedMillis = Time.currentTimeMillis();
        this.method = method;
        this.path = path;
        this.requestId = requestId;
        ResourcePath resource = ResourcePath.of(path);
        this.resourceType = resource.type();
        this.resourceId = resource.id();
    }

    /**
     * Starts the row of an authenticated request of this connector.
     *
     * @param startedNanos when the request reached the endpoint, before its credential was checked
     */
    public static void begin(KeycloakSession session, String realmId, ScimConnector connector, long startedNanos) {
        LogSettings settings = LogSettings.of(connector.component());
        var http = session.getContext().getHttpRequest();
        if (!settings.enabled() || http == null) {
            return;
        }
        var uri = session.getContext().getUri();
        String full = uri.getRequestUri().getRawPath();
        // Relative to the connector's base URL: /Users/{id}, /Groups?filter=...
        int v2 = full.indexOf("/v2", Math.max(0, full.indexOf("/enterprise-scim/")));
        String path = v2 >= 0 ? full.substring(v2 + 3) : full;
        String query = uri.getRequestUri().getRawQuery();
        if (query != null) {
            path = path + "?" + query;
        }
        if (path.isEmpty()) {
            path = "/";
        }
        String requestId = null;
        var headers = session.getContext().getRequestHeaders();
        for (String header : REQUEST_ID_HEADERS) {
            String value = headers.getHeaderString(header);
            if (value != null && !value.isBlank()) {
                requestId = cut(value.trim(), 128);
                break;
            }
        }
        session.setAttribute(ATTRIBUTE, new ScimRequestLog(realmId, connector, settings, startedNanos,
                http.getHttpMethod(), cut(path, 512), requestId));
    }

    /** The row being filled for this request, or null (not a SCIM request, or the log is off). */
    public static ScimRequestLog current(KeycloakSession session) {
        return session.getAttribute(ATTRIBUTE, ScimRequestLog.class);
    }

    /** The body as read, before any parsing; redacted only when the row is written. */
    public static void body(KeycloakSession session, String body) {
        ScimRequestLog log = current(session);
        if (log != null) {
            log.body = body;
        }
    }

    /** What a write produced: its resource's id and, for users, userName. */
    public static void wrote(KeycloakSession session, String resourceType, String id, JsonNode resource) {
        ScimRequestLog log = current(session);
        if (log == null || "Bulk".equals(log.resourceType)) {
            return;
        }
        if (resourceType != null) {
            log.resourceType = resourceType;
        }
        log.resourceId = id;
        if ("User".equals(log.resourceType) && resource != null && resource.path("userName").isTextual()) {
            log.userName = resource.path("userName").asText();
        }
    }

    /** The row, with what the answer said. */
    ProvisioningLogEntity toEntity(int status, Object answer) {
        ProvisioningLogEntity row = new ProvisioningLogEntity();
        row.setRealmId(realmId);
        row.setConnectorId(connectorId);
        row.setKind(ProvisioningLog.KIND_SCIM);
        row.setCreatedAt(startedMillis);
        row.setMethod(method);
        row.setPath(path);
        row.setStatus(status);
        row.setDurationMs((int) Math.min(Integer.MAX_VALUE, (System.nanoTime() - startedNanos) / 1_000_000));
        row.setRequestId(requestId);
        row.setResourceType(resourceType);
        row.setResourceId(resourceId == null ? null : cut(resourceId, 36));
        if (body != null && !body.isBlank()) {
            JsonNode json = ScimJson.parseStored(body);
            if (userName == null && "User".equals(resourceType) && json.path("userName").isTextual()) {
                userName = json.path("userName").asText();
            }
            row.setBody(json.isObject() || json.isArray() ? new BodyRedaction(settings.redactedAttributes()).apply(json)
                    : "[not JSON, " + body.length() + " characters, not kept]");
        }
        row.setUserName(userName == null ? null : cut(userName, 255));
        if (status >= 400 && answer instanceof String text) {
            JsonNode error = ScimJson.parseStored(text);
            String type = error.path("scimType").asText(null);
            row.setScimType(type == null ? scimType : cut(type, 32));
            String detail = error.path("detail").asText(null);
            row.setReason(detail == null ? null : cut(detail, 1024));
        }
        return row;
    }

    static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }

    /** The resource a path under the base URL is about: {@code /Users/{id}} is a User and its id. */
    record ResourcePath(String type, String id) {
        static ResourcePath of(String path) {
            String plain = path;
            int query = plain.indexOf('?');
            if (query >= 0) {
                plain = plain.substring(0, query);
            }
            String[] parts = plain.split("/");
            String type = parts.length > 1 ? switch (parts[1]) {
                case "Users" -> "User";
                case "Groups" -> "Group";
                case "Bulk" -> "Bulk";
                default -> null;
            } : null;
            String id = type != null && !"Bulk".equals(type) && parts.length > 2 && !parts[2].startsWith(".")
                    ? parts[2] : null;
            return new ResourcePath(type, id);
        }
    }
}
