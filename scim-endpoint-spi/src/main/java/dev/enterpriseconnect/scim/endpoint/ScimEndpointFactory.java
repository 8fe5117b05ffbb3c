package dev.enterpriseconnect.scim.endpoint;

import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.services.resource.RealmResourceProvider;
import org.keycloak.services.resource.RealmResourceProviderFactory;

/**
 * Mounts the SCIM service provider at {@code /realms/{realm}/enterprise-scim}. The id differs from
 * {@code scim}, which Keycloak's own preview SCIM API uses, so both can be enabled together.
 */
public final class ScimEndpointFactory implements RealmResourceProviderFactory {

    public static final String ID = "enterprise-scim";

    /** This node's credential throttling; options {@code --spi-realm-restapi-extension--enterprise-scim--address-failure-limit} and {@code --address-failure-window} (seconds). */
    private final CredentialGuard guard = new CredentialGuard();

    @Override
    public RealmResourceProvider create(KeycloakSession session) {
        return new RealmResourceProvider() {
            @Override
            public Object getResource() {
                return new ScimRootResource(session, guard);
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
        guard.configure(config);
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
    }

    @Override
    public void close() {
    }
}
