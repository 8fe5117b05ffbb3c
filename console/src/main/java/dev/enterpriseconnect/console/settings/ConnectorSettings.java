package dev.enterpriseconnect.console.settings;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.keycloak.component.ComponentModel;
import org.keycloak.component.ComponentValidationException;
import org.keycloak.models.RealmModel;

import dev.enterpriseconnect.lifecycle.invitation.InvitationPolicy;
import dev.enterpriseconnect.rolemapping.RoleMappingConfig;
import dev.enterpriseconnect.scim.connector.ScimConnector;
import dev.enterpriseconnect.scim.connector.ScimConnectorConfig;
import dev.enterpriseconnect.scim.protocol.ScimException;
import dev.enterpriseconnect.scim.protocol.ScimJson;

/**
 * A connector's editable settings, by the names its create call takes. A change goes through the
 * connector's own component validation, so the console shows the messages a create shows; a refused
 * change stores nothing. Secrets, their hashes and the Organization are not settings here.
 */
public final class ConnectorSettings {

    public static final List<String> KEYS;

    static {
        List<String> keys = new ArrayList<>(RoleMappingConfig.PROPERTY_NAMES);
        keys.addAll(InvitationPolicy.KEYS);
        keys.addAll(List.of(ScimConnectorConfig.DEPROVISION_ON_DELETE, ScimConnectorConfig.DEPROVISION_ON_DEACTIVATE,
                ScimConnectorConfig.DEPROVISION_RETENTION, ScimConnectorConfig.REQUIRED_ATTRIBUTES,
                ScimConnectorConfig.USERNAME_MATCHES_EMAIL, ScimConnectorConfig.PASSWORD_POLICY,
                ScimConnectorConfig.ALLOW_PRIVILEGED_USERS, ScimConnectorConfig.EXTENSION_SCHEMAS,
                ScimConnectorConfig.GROUPS_PARENT, ScimConnectorConfig.MAX_PAGE_SIZE,
                ScimConnectorConfig.BULK_MAX_OPERATIONS, ScimConnectorConfig.BULK_MAX_PAYLOAD_SIZE,
                ScimConnectorConfig.MAX_REQUEST_SIZE));
        keys.addAll(ScimConnectorConfig.CREDENTIAL_GUARD_SETTINGS);
        KEYS = List.copyOf(keys);
    }

    private final RealmModel realm;

    public ConnectorSettings(RealmModel realm) {
        this.realm = realm;
    }

    /** The settings as stored; a setting left at its default is absent. */
    public ObjectNode read(ScimConnector connector) {
        ObjectNode settings = ScimJson.object();
        for (String key : KEYS) {
            String value = connector.component().get(key);
            if (value != null) {
                settings.put(key, value);
            }
        }
        return settings;
    }

    /** Applies {@code changes} (a field set to null or "" goes back to its default); 400 with the reason, nothing stored. */
    public ScimConnector update(ScimConnector connector, JsonNode changes) {
        ComponentModel component = new ComponentModel(connector.component());
        for (Iterator<Map.Entry<String, JsonNode>> fields = changes.fields(); fields.hasNext();) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (!KEYS.contains(field.getKey())) {
                throw ScimException.invalidValue(field.getKey() + " is not a connector setting");
            }
            JsonNode value = field.getValue();
            if (value == null || value.isNull() || value.asText().isBlank()) {
                component.getConfig().remove(field.getKey());
            } else if (value.isContainerNode()) {
                throw ScimException.invalidValue(field.getKey() + " must be a string, number or boolean");
            } else {
                component.put(field.getKey(), value.asText().strip());
            }
        }
        try {
            realm.updateComponent(component);
        } catch (ComponentValidationException e) {
            throw ScimException.invalidValue(e.getMessage());
        }
        return ScimConnector.of(component);
    }
}
