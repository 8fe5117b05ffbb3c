package dev.enterpriseconnect.console.setuplink;

import org.keycloak.Config;
import org.keycloak.common.util.Time;
import org.keycloak.events.Details;
import org.keycloak.events.Event;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.EventListenerProviderFactory;
import org.keycloak.events.EventType;
import org.keycloak.events.admin.AdminEvent;
import org.keycloak.models.IdentityProviderModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;

import dev.enterpriseconnect.scim.connector.ScimConnector;
import dev.enterpriseconnect.scim.log.LogSettings;
import dev.enterpriseconnect.scim.log.ProvisioningLog;
import dev.enterpriseconnect.scim.log.ProvisioningLogEntity;

/**
 * Logs a successful login through an Organization's identity provider in the provisioning log of
 * that Organization's connectors (failures are logged already), so a setup page can say the first
 * sign-in worked. Global: it needs no entry in the realm's event listeners.
 */
public final class SignInListenerFactory implements EventListenerProviderFactory {

    public static final String ID = "enterprise-connect-setup-sign-in";

    @Override
    public EventListenerProvider create(KeycloakSession session) {
        return new EventListenerProvider() {
            @Override
            public void onEvent(Event event) {
                record(session, event);
            }

            @Override
            public void onEvent(AdminEvent event, boolean includeRepresentation) {
            }

            @Override
            public void close() {
            }
        };
    }

    private static void record(KeycloakSession session, Event event) {
        String alias = event.getDetails() == null ? null : event.getDetails().get(Details.IDENTITY_PROVIDER);
        if (alias == null || event.getType() != EventType.LOGIN) {
            return;
        }
        RealmModel realm = session.realms().getRealm(event.getRealmId());
        IdentityProviderModel provider = realm == null ? null : session.identityProviders().getByAlias(alias);
        if (provider == null || provider.getOrganizationId() == null) {
            return;
        }
        String user = event.getDetails().get(Details.USERNAME);
        ScimConnector.all(realm).filter(c -> provider.getOrganizationId().equals(c.organizationId()))
                .filter(c -> LogSettings.of(c.component()).enabled())
                .forEach(connector -> {
                    ProvisioningLogEntity row = new ProvisioningLogEntity();
                    row.setRealmId(realm.getId());
                    row.setConnectorId(connector.id());
                    row.setKind(ProvisioningLog.KIND_LOGIN);
                    row.setCreatedAt(event.getTime() > 0 ? event.getTime() : Time.currentTimeMillis());
                    row.setPath("LOGIN via " + alias);
                    row.setStatus(200);
                    row.setResourceType(event.getUserId() == null ? null : "User");
                    row.setResourceId(event.getUserId());
                    row.setUserName(user == null || user.length() > 255 ? null : user);
                    ProvisioningLog.writeApart(session.getKeycloakSessionFactory(), row);
                });
    }

    @Override
    public boolean isGlobal() {
        return true;
    }

    @Override
    public void init(Config.Scope config) {
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
    }

    @Override
    public void close() {
    }

    @Override
    public String getId() {
        return ID;
    }
}
