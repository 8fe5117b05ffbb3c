package dev.enterpriseconnect.events;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ObjectNode;

import org.keycloak.models.OrganizationModel;
import org.keycloak.models.RealmModel;

/**
 * A change in the directory, before it is recorded: what happened ({@link EventTypes}), to which
 * resource, through which connector, and the resource as SCIM shows it. The id and timestamp are
 * given when it is recorded.
 */
public final class DirectoryEvent {

    private final String type;
    private final RealmModel realm;
    private final String resourceType;
    private final String resourceId;
    private OrganizationModel organization;
    private String connector;
    private ObjectNode data;
    private final Map<String, String> details = new LinkedHashMap<>();

    private DirectoryEvent(String type, RealmModel realm, String resourceType, String resourceId) {
        this.type = type;
        this.realm = realm;
        this.resourceType = resourceType;
        this.resourceId = resourceId;
    }

    public static DirectoryEvent user(String type, RealmModel realm, String userId) {
        return new DirectoryEvent(type, realm, EventTypes.USER, userId);
    }

    public static DirectoryEvent group(String type, RealmModel realm, String groupId) {
        return new DirectoryEvent(type, realm, EventTypes.GROUP, groupId);
    }

    /** An event about a SCIM connector itself, e.g. its activation. */
    public static DirectoryEvent aboutConnector(String type, RealmModel realm, String connectorId) {
        return new DirectoryEvent(type, realm, EventTypes.CONNECTOR, connectorId);
    }

    public DirectoryEvent organization(OrganizationModel organization) {
        this.organization = organization;
        return this;
    }

    public DirectoryEvent connector(String connector) {
        this.connector = connector;
        return this;
    }

    /** The resource's SCIM representation (or, for a deleted one, what is left of it). */
    public DirectoryEvent data(ObjectNode data) {
        this.data = data;
        return this;
    }

    /** A further fact such as the deprovisioning {@code policy}; never a secret. */
    public DirectoryEvent detail(String name, String value) {
        if (value != null) {
            details.put(name, value);
        }
        return this;
    }

    public String type() {
        return type;
    }

    public RealmModel realm() {
        return realm;
    }

    public String resourceType() {
        return resourceType;
    }

    public String resourceId() {
        return resourceId;
    }

    public OrganizationModel organization() {
        return organization;
    }

    public String connector() {
        return connector;
    }

    public ObjectNode data() {
        return data;
    }

    public Map<String, String> details() {
        return details;
    }
}
