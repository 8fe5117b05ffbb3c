package dev.enterpriseconnect.scim.connector;

import java.util.Optional;
import java.util.stream.Stream;

import org.keycloak.component.ComponentModel;
import org.keycloak.models.RealmModel;

/** A SCIM connector as the rest of the code sees it: a read-only view of its realm component. */
public final class ScimConnector {

    private final ComponentModel component;

    private ScimConnector(ComponentModel component) {
        this.component = component;
    }

    public static ScimConnector of(ComponentModel component) {
        return new ScimConnector(component);
    }

    public static Stream<ScimConnector> all(RealmModel realm) {
        return realm.getComponentsStream(realm.getId(), ScimConnectorProvider.class.getName()).map(ScimConnector::new);
    }

    public static Optional<ScimConnector> byName(RealmModel realm, String name) {
        return all(realm).filter(c -> c.name().equals(name)).findFirst();
    }

    public static Optional<ScimConnector> byId(RealmModel realm, String id) {
        return all(realm).filter(c -> c.id().equals(id)).findFirst();
    }

    public String id() {
        return component.getId();
    }

    public String name() {
        return component.getName();
    }

    public String credentialType() {
        return component.get(ScimConnectorConfig.CREDENTIAL_TYPE, ScimConnectorConfig.CREDENTIAL_BEARER);
    }

    public String secretCreatedAt() {
        return component.get(ScimConnectorConfig.SECRET_CREATED_AT);
    }

    public boolean acceptsSecret(String presented) {
        return ConnectorSecret.matches(presented, component.get(ScimConnectorConfig.SECRET_HASH));
    }

    public ComponentModel component() {
        return component;
    }
}
