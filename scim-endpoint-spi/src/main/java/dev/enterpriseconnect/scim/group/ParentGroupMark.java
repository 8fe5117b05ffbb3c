package dev.enterpriseconnect.scim.group;

import java.util.Optional;

import org.keycloak.component.ComponentModel;
import org.keycloak.models.GroupModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

import dev.enterpriseconnect.scim.connector.ScimConnector;
import dev.enterpriseconnect.scim.endpoint.ScimRequestContext;
import dev.enterpriseconnect.scim.protocol.ScimException;

/**
 * Where a connector's parent group is, remembered on the connector itself so that finding it is a
 * cached read instead of a query by name on every request. Keycloak caches components with the
 * realm and invalidates them on every node when one changes, so a mark written once (when the
 * parent is created or first looked up by an administrator's action) is seen everywhere.
 * The mark names the parent it describes: after the parent's name changes it no longer applies.
 */
public final class ParentGroupMark {

    static final String KEY = "groupsParentGroup";
    private static final char SEPARATOR = '|';

    private ParentGroupMark() {
    }

    /**
     * The marked group id for the connector's current parent name: empty when nothing is known
     * (look it up), an empty string when the parent does not exist yet.
     */
    static Optional<String> groupId(ScimConnector connector) {
        String mark = connector.component().get(KEY);
        String name = connector.groupsParentName();
        if (mark == null || mark.length() <= name.length() || !mark.startsWith(name)
                || mark.charAt(name.length()) != SEPARATOR) {
            return Optional.empty();
        }
        return Optional.of(mark.substring(name.length() + 1));
    }

    /**
     * Marks a new connector (its component, before it is saved) with its parent group as the
     * database has it now, usually none, so its requests need not look the parent up by name.
     */
    public static void markNewConnector(KeycloakSession session, RealmModel realm, ComponentModel component) {
        ScimConnector connector = ScimConnector.of(component);
        GroupModel parent;
        try {
            parent = new ScimGroupStore(new ScimRequestContext(session, realm, connector)).parentByName();
        } catch (ScimException unknownOrganization) {
            return; // the connector's validation refuses it; unmarked, lookups stay by name
        }
        mark(component, connector.groupsParentName(), parent == null ? null : parent.getId());
    }

    /** Marks {@code component} (a copy about to be saved) with its parent's id, or none. */
    static void mark(ComponentModel component, String parentName, String groupIdOrNull) {
        component.getConfig().putSingle(KEY, parentName + SEPARATOR + (groupIdOrNull == null ? "" : groupIdOrNull));
    }
}
