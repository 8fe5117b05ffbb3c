package dev.enterpriseconnect.scim.user;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.keycloak.common.util.Time;

import dev.enterpriseconnect.lifecycle.invitation.InvitationAttributes;
import dev.enterpriseconnect.lifecycle.invitation.InvitationState;
import dev.enterpriseconnect.scim.protocol.JsonFields;
import dev.enterpriseconnect.scim.protocol.ScimException;
import dev.enterpriseconnect.scim.protocol.ScimJson;
import dev.enterpriseconnect.scim.protocol.ScimSchemas;

/**
 * The user's invitation as the read-only SCIM extension {@link ScimSchemas#INVITATION_USER}, so an
 * IdP (or its admin) can see who never accepted. Sent back on PUT it is ignored (RFC 7644
 * §3.5.1); a PATCH that changes it is refused.
 */
final class InvitationView {

    /** The user attributes a SCIM User is built from, besides the SCIM ones. */
    static final List<String> ATTRIBUTES = List.of(InvitationAttributes.STATUS, InvitationAttributes.SENT_AT,
            InvitationAttributes.EXPIRES_AT, InvitationAttributes.ACCEPTED_AT);

    private InvitationView() {
    }

    /** The extension object, or null when the user was never invited. */
    static ObjectNode of(ScimUserRecord user) {
        InvitationState state = InvitationState.of(user.attributes());
        if (!state.exists()) {
            return null;
        }
        ObjectNode view = ScimJson.object();
        view.put("status", state.statusAt(Time.currentTimeMillis()));
        putTime(view, "sentAt", state.sentAt());
        putTime(view, "expiresAt", state.expiresAt());
        putTime(view, "acceptedAt", state.acceptedAt());
        return view;
    }

    static void requireUnchanged(ObjectNode current, ObjectNode patched) {
        JsonNode before = JsonFields.get(current, ScimSchemas.INVITATION_USER);
        JsonNode after = JsonFields.get(patched, ScimSchemas.INVITATION_USER);
        if (!Objects.equals(before, after)) {
            throw ScimException.of(400, "mutability", ScimSchemas.INVITATION_USER + " is read-only: the server sets it");
        }
    }

    private static void putTime(ObjectNode view, String name, Long millis) {
        if (millis != null) {
            view.put(name, Instant.ofEpochMilli(millis).toString());
        }
    }
}
