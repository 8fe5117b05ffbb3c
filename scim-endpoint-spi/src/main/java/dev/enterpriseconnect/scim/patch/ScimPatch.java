package dev.enterpriseconnect.scim.patch;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Applies a SCIM PATCH request (RFC 7644 §3.5.2) to a resource in its JSON form. All or nothing:
 * the operations run on a copy, and the first invalid one throws {@link ScimPatchException}.
 */
public final class ScimPatch {

    private ScimPatch() {
    }

    /** @return the patched copy; {@code resource} and {@code patchRequest} are left as they were */
    public static ObjectNode apply(ObjectNode resource, JsonNode patchRequest) {
        return apply(resource, patchRequest, PatchTargets.ANY);
    }

    /** @param targets the attributes a {@code path} may name; any other is {@code invalidPath} */
    public static ObjectNode apply(ObjectNode resource, JsonNode patchRequest, PatchTargets targets) {
        List<PatchOperation> operations = PatchOperation.readRequest(patchRequest);
        ObjectNode result = resource.deepCopy();
        ResourceEditor editor = new ResourceEditor(result, targets);
        for (PatchOperation operation : operations) {
            editor.apply(operation);
        }
        return result;
    }
}
