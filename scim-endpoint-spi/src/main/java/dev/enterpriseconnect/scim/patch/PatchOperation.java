package dev.enterpriseconnect.scim.patch;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;

import dev.enterpriseconnect.scim.protocol.JsonFields;
import dev.enterpriseconnect.scim.protocol.ScimSchemas;

/**
 * One entry of a PatchOp request's {@code Operations}.
 *
 * @param path the target, or {@code null} when the operation applies to the resource itself
 * @param value the value, or {@code null} when the member is absent (a JSON null stays a node)
 */
record PatchOperation(Kind kind, String path, JsonNode value) {

    enum Kind {
        ADD, REPLACE, REMOVE
    }

    /** Validates the envelope of RFC 7644 §3.5.2. Member names are matched in any case, as Entra and Okta differ. */
    static List<PatchOperation> readRequest(JsonNode request) {
        if (request == null || !request.isObject()) {
            throw ScimPatchException.invalidSyntax("A PATCH request must be a JSON object");
        }
        if (!hasPatchSchema(JsonFields.get(request, "schemas"))) {
            throw ScimPatchException.invalidSyntax("A PATCH request must have \"schemas\": [\"" + ScimSchemas.PATCH_OP + "\"]");
        }
        JsonNode operations = JsonFields.get(request, "Operations");
        if (operations == null || !operations.isArray() || operations.isEmpty()) {
            throw ScimPatchException.invalidSyntax("A PATCH request must have a non-empty \"Operations\" array");
        }
        List<PatchOperation> result = new ArrayList<>();
        for (JsonNode operation : operations) {
            result.add(read(operation, result.size() + 1));
        }
        return result;
    }

    private static boolean hasPatchSchema(JsonNode schemas) {
        if (schemas == null || !schemas.isArray()) {
            return false;
        }
        for (JsonNode schema : schemas) {
            if (schema.isTextual() && schema.asText().equalsIgnoreCase(ScimSchemas.PATCH_OP)) {
                return true;
            }
        }
        return false;
    }

    private static PatchOperation read(JsonNode operation, int number) {
        if (!operation.isObject()) {
            throw ScimPatchException.invalidSyntax("Operation " + number + " must be a JSON object");
        }
        JsonNode op = JsonFields.get(operation, "op");
        if (op == null || !op.isTextual()) {
            throw ScimPatchException.invalidSyntax("Operation " + number + " has no \"op\"");
        }
        Kind kind = switch (op.asText().toLowerCase(Locale.ROOT)) {
            case "add" -> Kind.ADD;
            case "replace" -> Kind.REPLACE;
            case "remove" -> Kind.REMOVE;
            default -> throw ScimPatchException.invalidSyntax("Operation " + number + " has unknown op '" + op.asText()
                    + "'; expected add, replace or remove");
        };
        JsonNode path = JsonFields.get(operation, "path");
        if (path != null && !path.isNull() && !path.isTextual()) {
            throw ScimPatchException.invalidPath("Operation " + number + " has a \"path\" that is not a string");
        }
        String pathText = path == null || path.isNull() || path.asText().isBlank() ? null : path.asText().trim();
        return new PatchOperation(kind, pathText, JsonFields.get(operation, "value"));
    }
}
