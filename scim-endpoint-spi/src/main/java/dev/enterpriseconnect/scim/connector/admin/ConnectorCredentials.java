package dev.enterpriseconnect.scim.connector.admin;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.databind.node.ObjectNode;

import org.keycloak.component.ComponentModel;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.services.managers.ClientManager;
import org.keycloak.services.managers.RealmManager;

import dev.enterpriseconnect.scim.connector.ConnectorSecret;
import dev.enterpriseconnect.scim.connector.ScimConnector;
import dev.enterpriseconnect.scim.connector.ScimConnectorConfig;

/**
 * Issues, rotates and withdraws a connector's credential. What it puts into the response is the
 * only place a secret is ever shown.
 */
public final class ConnectorCredentials {

    private final KeycloakSession session;
    private final RealmModel realm;

    public ConnectorCredentials(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
    }

    /** Sets up a new connector's credential; call before the component is stored. */
    void issue(ComponentModel component, ObjectNode shownOnce) {
        String type = component.get(ScimConnectorConfig.CREDENTIAL_TYPE, ScimConnectorConfig.CREDENTIAL_BEARER);
        if (ScimConnectorConfig.CREDENTIAL_OAUTH.equals(type)) {
            return;
        }
        newSecret(component, null, shownOnce);
    }

    /** After the component is stored: the oauth client and role, which need the connector's name. */
    void provision(ScimConnector connector, ObjectNode shownOnce) {
        if (!ScimConnectorConfig.CREDENTIAL_OAUTH.equals(connector.credentialType())) {
            return;
        }
        RoleModel role = realm.getRole(connector.oauthRole());
        if (role == null) {
            role = realm.addRole(connector.oauthRole());
            role.setDescription("May call SCIM connector '" + connector.name() + "' with a Keycloak access token");
        }
        String clientId = clientId(connector);
        ClientModel client = realm.getClientByClientId(clientId);
        if (client == null) {
            client = realm.addClient(clientId);
            client.setName("SCIM connector " + connector.name());
            client.setProtocol("openid-connect");
            client.setPublicClient(false);
            client.setStandardFlowEnabled(false);
            client.setDirectAccessGrantsEnabled(false);
            client.setServiceAccountsEnabled(true);
            client.setClientAuthenticatorType("client-secret");
            new ClientManager(new RealmManager(session)).enableServiceAccount(client);
        }
        UserModel serviceAccount = session.users().getServiceAccount(client);
        serviceAccount.grantRole(role);
        shownOnce.put("clientId", clientId);
        shownOnce.put("clientSecret", KeycloakModelUtils.generateSecret(client));
        shownOnce.put("tokenUrl", session.getContext().getUri().getBaseUriBuilder()
                .path("realms").path(realm.getName()).path("protocol/openid-connect/token").build().toString());
        shownOnce.put("role", connector.oauthRole());
    }

    /** A new secret; with an overlap the old one keeps working until it ends. */
    public void rotate(ScimConnector connector, ComponentModel updated, Duration overlap, ObjectNode shownOnce) {
        if (ScimConnectorConfig.CREDENTIAL_OAUTH.equals(connector.credentialType())) {
            provision(connector, shownOnce);
            return;
        }
        newSecret(updated, overlap.isZero() ? null : overlap, shownOnce);
    }

    void withdraw(ScimConnector connector) {
        if (!ScimConnectorConfig.CREDENTIAL_OAUTH.equals(connector.credentialType())) {
            return;
        }
        ClientModel client = realm.getClientByClientId(clientId(connector));
        if (client != null) {
            new ClientManager(new RealmManager(session)).removeClient(realm, client);
        }
        RoleModel role = realm.getRole(connector.oauthRole());
        if (role != null) {
            realm.removeRole(role);
        }
    }

    private static String clientId(ScimConnector connector) {
        return "scim-" + connector.name();
    }

    private static void newSecret(ComponentModel component, Duration overlap, ObjectNode shownOnce) {
        String previous = component.get(ScimConnectorConfig.SECRET_HASH);
        if (overlap != null && previous != null) {
            component.getConfig().put(ScimConnectorConfig.PREVIOUS_SECRET_HASH, List.of(previous));
            component.getConfig().put(ScimConnectorConfig.PREVIOUS_SECRET_EXPIRES_AT,
                    List.of(Instant.now().plus(overlap).toString()));
        } else {
            component.getConfig().remove(ScimConnectorConfig.PREVIOUS_SECRET_HASH);
            component.getConfig().remove(ScimConnectorConfig.PREVIOUS_SECRET_EXPIRES_AT);
        }
        String secret = ConnectorSecret.generate();
        component.getConfig().put(ScimConnectorConfig.SECRET_HASH, List.of(ConnectorSecret.hash(secret)));
        component.getConfig().put(ScimConnectorConfig.SECRET_CREATED_AT, List.of(Instant.now().toString()));
        if (ScimConnectorConfig.CREDENTIAL_BASIC.equals(
                component.get(ScimConnectorConfig.CREDENTIAL_TYPE, ScimConnectorConfig.CREDENTIAL_BEARER))) {
            shownOnce.put("username", component.getName());
            shownOnce.put("password", secret);
        } else {
            shownOnce.put("token", secret);
        }
    }
}
