package dev.enterpriseconnect.lifecycle.invitation;

import java.net.URI;

import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.services.resource.RealmResourceProvider;
import org.keycloak.services.resource.RealmResourceProviderFactory;

import jakarta.ws.rs.core.UriBuilder;

/** Mounts the link of invitation emails at {@code /realms/{realm}/enterprise-invitation}. */
public final class InvitationLinkResourceFactory implements RealmResourceProviderFactory {

    public static final String ID = "enterprise-invitation";

    /** {@code <base>/realms/<realm>/enterprise-invitation}; the token goes in the {@code token} query parameter. */
    static UriBuilder linkBase(URI base, RealmModel realm) {
        return UriBuilder.fromUri(base).path("realms").path(realm.getName()).path(ID);
    }

    @Override
    public RealmResourceProvider create(KeycloakSession session) {
        return new RealmResourceProvider() {
            @Override
            public Object getResource() {
                return new InvitationLinkResource(session);
            }

            @Override
            public void close() {
            }
        };
    }

    @Override
    public String getId() {
        return ID;
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
}
