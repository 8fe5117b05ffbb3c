package dev.enterpriseconnect.scim.bulk;

import java.io.InputStream;

import dev.enterpriseconnect.scim.log.ScimRequestLog;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.enterpriseconnect.scim.endpoint.ScimFallback;
import dev.enterpriseconnect.scim.endpoint.ScimRequestContext;
import dev.enterpriseconnect.scim.group.GroupProvisioning;
import dev.enterpriseconnect.scim.protocol.JsonFields;
import dev.enterpriseconnect.scim.protocol.ScimException;
import dev.enterpriseconnect.scim.protocol.ScimJson;
import dev.enterpriseconnect.scim.protocol.ScimRequestBody;
import dev.enterpriseconnect.scim.protocol.ScimSchemas;
import dev.enterpriseconnect.scim.provisioning.ProvisioningResult;
import dev.enterpriseconnect.scim.provisioning.ProvisioningTransaction;
import dev.enterpriseconnect.scim.user.UserProvisioning;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

/**
 * {@code /Bulk} (RFC 7644 §3.7): many operations in one request, each run by the same provisioning
 * services as its single-request form and committed on its own, with {@code bulkId} references
 * resolved as the creating operations finish, whatever order the client sent them in.
 */
public final class ScimBulkResource {

    private static final Pattern BULK_ID = Pattern.compile("bulkId:([A-Za-z0-9._~-]+)");
    private static final Pattern PATH = Pattern.compile("/(Users|Groups)(?:/([^/]+))?");

    private final ScimRequestContext context;

    public ScimBulkResource(ScimRequestContext context) {
        this.context = context;
    }

    private record Operation(int index, String method, String bulkId, String path, JsonNode data, String version) {
    }

    @POST
    public Response bulk(InputStream stream) {
        String body = ScimRequestBody.read(stream, context.session().getContext().getRequestHeaders(),
                context.connector().bulkMaxPayloadSize(),
                "maxPayloadSize");
        ScimRequestLog.body(context.session(), body);
        ObjectNode request = ScimJson.parseObject(body);
        JsonNode schemas = JsonFields.get(request, "schemas");
        if (schemas == null || !schemas.toString().contains(ScimSchemas.BULK_REQUEST)) {
            throw ScimException.invalidSyntax("'schemas' must list " + ScimSchemas.BULK_REQUEST);
        }
        JsonNode operations = JsonFields.get(request, "Operations");
        if (operations == null || !operations.isArray()) {
            throw ScimException.invalidSyntax("'Operations' must be an array");
        }
        int maxOperations = context.connector().bulkMaxOperations();
        if (operations.size() > maxOperations) {
            throw ScimException.of(413, null, "The request has " + operations.size()
                    + " operations; maxOperations is " + maxOperations);
        }
        JsonNode failOnErrorsNode = JsonFields.get(request, "failOnErrors");
        int failOnErrors = failOnErrorsNode == null || failOnErrorsNode.isNull() ? Integer.MAX_VALUE
                : Math.max(1, failOnErrorsNode.asInt());

        List<Operation> pending = new ArrayList<>();
        for (int i = 0; i < operations.size(); i++) {
            pending.add(read(i, operations.get(i)));
        }
        Map<String, String> created = new HashMap<>();
        ObjectNode[] results = new ObjectNode[pending.size()];
        int errors = 0;
        // Each pass runs the operations whose references are known; a pass without progress ends it.
        boolean progress = true;
        while (!pending.isEmpty() && progress && errors < failOnErrors) {
            progress = false;
            List<Operation> deferred = new ArrayList<>();
            for (Operation operation : pending) {
                if (errors >= failOnErrors) {
                    deferred.add(operation);
                    continue;
                }
                if (!referencesKnown(operation, created)) {
                    deferred.add(operation);
                    continue;
                }
                progress = true;
                ObjectNode result = run(operation, created);
                results[operation.index()] = result;
                if (result.get("status").asInt() >= 400) {
                    errors++;
                }
            }
            pending = deferred;
        }
        if (errors < failOnErrors) {
            for (Operation unresolved : pending) {
                results[unresolved.index()] = failure(unresolved, ScimException.of(409, "invalidValue",
                        "Operation refers to a bulkId no operation of this request created"));
            }
        }
        ObjectNode response = ScimJson.object();
        response.putArray("schemas").add(ScimSchemas.BULK_RESPONSE);
        ArrayNode out = response.putArray("Operations");
        for (ObjectNode result : results) {
            if (result != null) {
                out.add(result);
            }
        }
        return ScimJson.response(200, response).build();
    }

    private static Operation read(int index, JsonNode node) {
        if (!node.isObject()) {
            throw ScimException.invalidSyntax("Operation " + (index + 1) + " must be an object");
        }
        String method = text(node, "method");
        String path = text(node, "path");
        if (method == null || path == null) {
            throw ScimException.invalidSyntax("Operation " + (index + 1) + " needs 'method' and 'path'");
        }
        method = method.toUpperCase(Locale.ROOT);
        String bulkId = text(node, "bulkId");
        if (method.equals("POST") && bulkId == null) {
            throw ScimException.invalidSyntax("Operation " + (index + 1) + ": POST needs a 'bulkId'");
        }
        return new Operation(index, method, bulkId, path, JsonFields.get(node, "data"), text(node, "version"));
    }

    private static boolean referencesKnown(Operation operation, Map<String, String> created) {
        String text = operation.path() + (operation.data() == null ? "" : operation.data().toString());
        Matcher matcher = BULK_ID.matcher(text);
        while (matcher.find()) {
            if (!created.containsKey(matcher.group(1))) {
                return false;
            }
        }
        return true;
    }

    /**
     * Runs one operation in a transaction of its own: an operation reported 2xx is committed, one
     * reported failed left nothing behind, whatever the others did.
     */
    private ObjectNode run(Operation operation, Map<String, String> created) {
        String path = resolve(operation.path(), created);
        Matcher target = PATH.matcher(path);
        if (!target.matches()) {
            return failure(operation, ScimException.of(400, "invalidPath",
                    "Bulk paths are /Users, /Users/{id}, /Groups or /Groups/{id}"));
        }
        String type = target.group(1);
        String id = target.group(2);
        try {
            ObjectNode data = data(operation, created);
            ProvisioningResult outcome = ProvisioningTransaction.runApart(context,
                    scope -> dispatch(scope, operation.method(), type, id, data, operation.version()));
            ObjectNode result = ScimJson.object();
            result.put("method", operation.method());
            if (operation.bulkId() != null) {
                result.put("bulkId", operation.bulkId());
            }
            if (operation.method().equals("POST")) {
                created.put(operation.bulkId(), outcome.id());
            }
            result.put("location", context.location(type, outcome.id()).toString());
            if (outcome.version() != null) {
                result.put("version", outcome.version());
            }
            result.put("status", String.valueOf(outcome.status()));
            return result;
        } catch (WebApplicationException e) {
            return failure(operation, e);
        }
    }

    /** The operation's data with bulkId references replaced; null for DELETE. */
    private static ObjectNode data(Operation operation, Map<String, String> created) {
        if (operation.data() == null || operation.data().isNull()) {
            if (!operation.method().equals("DELETE")) {
                throw ScimException.invalidSyntax(operation.method() + " needs 'data'");
            }
            return null;
        }
        return ScimJson.parseObject(resolve(ScimJson.write(operation.data()), created));
    }

    private static ProvisioningResult dispatch(ScimRequestContext scope, String method, String type, String id,
            ObjectNode data, String version) {
        boolean users = type.equals("Users");
        if (method.equals("POST")) {
            if (id != null) {
                throw ScimException.of(400, "invalidPath", "POST goes to /" + type + ", without an id");
            }
            return users ? new UserProvisioning(scope).create(data) : new GroupProvisioning(scope).create(data);
        }
        if (id == null) {
            throw ScimException.of(400, "invalidPath", method + " needs /" + type + "/{id}");
        }
        return switch (method) {
            case "PUT" -> users ? new UserProvisioning(scope).replace(id, data, version)
                    : new GroupProvisioning(scope).replace(id, data, version);
            case "PATCH" -> users ? new UserProvisioning(scope).patch(id, data, version)
                    : new GroupProvisioning(scope).patch(id, data, version, null);
            case "DELETE" -> users ? new UserProvisioning(scope).delete(id, version)
                    : new GroupProvisioning(scope).delete(id, version);
            default -> throw ScimException.invalidSyntax("Unknown bulk method '" + method + "'");
        };
    }

    private static ObjectNode failure(Operation operation, WebApplicationException error) {
        ObjectNode result = ScimJson.object();
        result.put("method", operation.method());
        if (operation.bulkId() != null) {
            result.put("bulkId", operation.bulkId());
        }
        Response response = error.getResponse();
        result.put("status", String.valueOf(response.getStatus()));
        if (response.getEntity() instanceof String entity) {
            result.set("response", ScimJson.parseStored(entity));
        }
        return result;
    }

    private static String resolve(String text, Map<String, String> created) {
        Matcher matcher = BULK_ID.matcher(text);
        StringBuilder resolved = new StringBuilder();
        while (matcher.find()) {
            matcher.appendReplacement(resolved, Matcher.quoteReplacement(created.getOrDefault(matcher.group(1),
                    matcher.group())));
        }
        matcher.appendTail(resolved);
        return resolved.toString();
    }

    private static String text(JsonNode node, String name) {
        JsonNode value = JsonFields.get(node, name);
        return value == null || value.isNull() ? null : value.asText();
    }

    // Wrong methods answer 405 with Allow, as a SCIM error (RFC 7644 §3.12).

    @GET
    public Response getNotAllowed() {
        throw ScimException.methodNotAllowed("GET", "/Bulk", "POST");
    }

    @PUT
    public Response putNotAllowed() {
        throw ScimException.methodNotAllowed("PUT", "/Bulk", "POST");
    }

    @PATCH
    public Response patchNotAllowed() {
        throw ScimException.methodNotAllowed("PATCH", "/Bulk", "POST");
    }

    @DELETE
    public Response deleteNotAllowed() {
        throw ScimException.methodNotAllowed("DELETE", "/Bulk", "POST");
    }

    /** Nothing lives below this endpoint: 404 as a SCIM error. */
    @Path("{rest: .+}")
    public ScimFallback below() {
        return ScimFallback.unknownEndpoint();
    }
}
