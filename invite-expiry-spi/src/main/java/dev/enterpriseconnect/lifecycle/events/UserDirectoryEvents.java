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

/**
 * Directory events about a user from outside a SCIM request (the sweep, a login), in the
 * transaction of the step: the data is the user's core SCIM attributes, the Organization the
 * user's.
 */
public final class UserDirectoryEvents {

    private UserDirectoryEvents() {
    }

    /** @param connector the connector the step is on behalf of, or null */
    public static void record(KeycloakSession session, RealmModel realm, UserModel user, String type, String connector,
            String actor, Map<String, String> details) {
        OrganizationProvider organizations = session.getProvider(OrganizationProvider.class);
        OrganizationModel organization = organizations == null ? null
                : organizations.getByMember(user).findFirst().orElse(null);
        DirectoryEvent event = DirectoryEvent.user(type, realm, user.getId()).organization(organization)
                .connector(connector).data(scimUser(user)).detail("actor", actor);
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
