package dev.enterpriseconnect.scim.provisioning;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.enterpriseconnect.events.DirectoryEvent;
import dev.enterpriseconnect.events.DirectoryEvents;
import dev.enterpriseconnect.scim.endpoint.ScimRequestContext;

/**
 * The outbox hook of SCIM writes: a directory event in the write's own session, so it commits
 * with the change or rolls back with it (a 409 or any SCIM error emits nothing).
 */
public final class ProvisioningEvents {

    private ProvisioningEvents() {
    }

    /** @param details name/value pairs such as {@code "policy", "disable"}; null values are left out */
    public static void user(ScimRequestContext context, String type, String userId, ObjectNode resource,
            String... details) {
        record(context, DirectoryEvent.user(type, context.realm(), userId), resource, details);
    }

    public static void group(ScimRequestContext context, String type, String groupId, ObjectNode data,
            String... details) {
        record(context, DirectoryEvent.group(type, context.realm(), groupId), data, details);
    }

    private static void record(ScimRequestContext context, DirectoryEvent event, ObjectNode data, String... details) {
        event.organization(context.organization()).connector(context.connector().name()).data(data);
        for (int i = 0; i + 1 < details.length; i += 2) {
            event.detail(details[i], details[i + 1]);
        }
        DirectoryEvents.record(context.session(), event);
    }
}
