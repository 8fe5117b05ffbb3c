package dev.enterpriseconnect.scim.provisioning;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What a committed write produced, for the HTTP resource or a /Bulk operation to render.
 *
 * @param status   the HTTP status to answer (201, 200, 204)
 * @param id       the resource's id
 * @param resource the resource as SCIM shows it, or null (204)
 * @param version  the resource's {@code meta.version} after the write, or null (deleted)
 */
public record ProvisioningResult(int status, String id, ObjectNode resource, String version) {

    /** A result whose version is the one the resource shows (null when there is no resource). */
    public ProvisioningResult(int status, String id, ObjectNode resource) {
        this(status, id, resource, resource == null ? null : resource.at("/meta/version").asText(null));
    }
}
