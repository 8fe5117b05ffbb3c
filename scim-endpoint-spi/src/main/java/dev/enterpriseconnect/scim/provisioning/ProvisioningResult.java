package dev.enterpriseconnect.scim.provisioning;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What a committed write produced, for the HTTP resource or a /Bulk operation to render.
 *
 * @param status   the HTTP status to answer (201, 200, 204)
 * @param id       the resource's id
 * @param resource the resource as SCIM shows it, or null (204)
 */
public record ProvisioningResult(int status, String id, ObjectNode resource) {

    /** The resource's {@code meta.version}, or null when there is no resource. */
    public String version() {
        return resource == null ? null : resource.at("/meta/version").asText(null);
    }
}
