package dev.enterpriseconnect.lifecycle.events;

import java.util.Map;

import com.fasterxml.jackson.databind.node.ObjectNode;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.organization.OrganizationProvider;

import dev.enterpriseconnect.events.DirectoryEvent;
import dev.enterpriseconnect.events.DirectoryEvents;
import dev.enterpriseconnect.events.EventTypes;
import dev.enterpriseconnect.lifecycle.invitation.InvitationState;

/**
 * Invitation steps as directory events (outbox), in the transaction of the step: sent, accepted,
 * expired. The data is the user as SCIM shows its core attributes; the connector is the one whose
 * policy invited the user.
 */
final class InvitationEvents {

    private static final Map<String, String> TYPES = Map.of(
            LifecycleEvents.INVITATION_SENT, EventTypes.INVITATION_SENT,
            LifecycleEvents.INVITATION_ACCEPTED, EventTypes.INVITATION_ACCEPTED,
            LifecycleEvents.INVITATION_EXPIRED, EventTypes.INVITATION_EXPIRED);

    private InvitationEvents() {
    }

    static void record(KeycloakSession session, RealmModel realm, String userId, String step, String actor,
            Map<String, String> details) {
        String type = TYPES.get(step);
        if (type == null) {
            return;
        }
        UserModel user = session.users().getUserById(realm, userId);
        if (user == null) {
            return;
        }
        String connector = InvitationState.of(user).connector();
        if (connector == null && actor != null && actor.startsWith("scim:")) {
            connector = actor.substring("scim:".length());
        }
        OrganizationProvider organizations = session.getProvider(OrganizationProvider.class);
        OrganizationModel organization = organizations == null ? null
                : organizations.getByMember(user).findFirst().orElse(null);
        DirectoryEvent event = DirectoryEvent.user(type, realm, userId).organization(organization).connector(connector)
                .data(scimUser(user)).detail("actor", actor);
        details.forEach(event::detail);
        DirectoryEvents.record(session, event);
    }

    private static ObjectNode scimUser(UserModel user) {
        ObjectNode node = DirectoryEvents.JSON.createObjectNode();
        node.putArray("schemas").add("urn:ietf:params:scim:schemas:core:2.0:User");
        node.put("id", user.getId());
        node.put("userName", user.getUsername());
        node.put("active", user.isEnabled());
        if (user.getEmail() != null) {
            node.putArray("emails").addObject().put("value", user.getEmail()).put("primary", true);
        }
        return node;
    }
}
