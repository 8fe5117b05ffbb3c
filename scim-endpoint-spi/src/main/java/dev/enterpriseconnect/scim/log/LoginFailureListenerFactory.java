package dev.enterpriseconnect.scim.log;

import java.util.Map;

import org.keycloak.Config;
import org.keycloak.common.util.Time;
import org.keycloak.events.Details;
import org.keycloak.events.Event;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.EventListenerProviderFactory;
import org.keycloak.events.admin.AdminEvent;
import org.keycloak.models.IdentityProviderModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;

import dev.enterpriseconnect.lifecycle.invitation.InvitationPolicy;
import dev.enterpriseconnect.scim.connector.ScimConnector;

/**
 * Logs every failed login through a connector's identity provider with Keycloak's reason (the
 * event's error). A connector's identity provider is its {@code invitationIdentityProvider}, or any
 * identity provider of the Organization the connector provisions into. Global, so it needs no
 * entry in the realm's event listeners; it reacts only to error events that name an identity provider.
 */
public final class LoginFailureListenerFactory implements EventListenerProviderFactory {

    public static final String ID = "enterprise-connect-provisioning-log";

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

    static void record(KeycloakSession session, Event event) {
        Map<String, String> details = event.getDetails();
        String alias = details == null ? null : details.get(Details.IDENTITY_PROVIDER);
        if (alias == null || event.getType() == null || !event.getType().name().endsWith("_ERROR")) {
            return;
        }
        RealmModel realm = session.realms().getRealm(event.getRealmId());
        if (realm == null) {
            return;
        }
        IdentityProviderModel provider = session.identityProviders().getByAlias(alias);
        String organization = provider == null ? null : provider.getOrganizationId();
        ScimConnector.all(realm)
                .filter(connector -> alias.equals(connector.component().get(InvitationPolicy.IDENTITY_PROVIDER))
                        || (organization != null && organization.equals(connector.organizationId())))
                .filter(connector -> LogSettings.of(connector.component()).enabled())
                .forEach(connector -> {
                    ProvisioningLogEntity row = new ProvisioningLogEntity();
                    row.setRealmId(realm.getId());
                    row.setConnectorId(connector.id());
                    row.setKind(ProvisioningLog.KIND_LOGIN);
                    row.setCreatedAt(event.getTime() > 0 ? event.getTime() : Time.currentTimeMillis());
                    row.setPath(ScimRequestLog.cut(event.getType().name() + " via " + alias, 512));
                    row.setResourceType(event.getUserId() == null ? null : "User");
                    row.setResourceId(event.getUserId());
                    String userName = details.get(Details.USERNAME) != null ? details.get(Details.USERNAME)
                            : details.get(Details.IDENTITY_PROVIDER_USERNAME);
                    row.setUserName(userName == null ? null : ScimRequestLog.cut(userName, 255));
                    String reason = event.getError();
                    String why = details.get(Details.REASON);
                    row.setReason(ScimRequestLog.cut(why == null ? String.valueOf(reason) : reason + ": " + why, 1024));
                    // Its own transaction: a failed login's request may well roll back.
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
