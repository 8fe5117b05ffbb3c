package dev.enterpriseconnect.console.page;

import java.util.List;

import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;
import org.keycloak.services.resource.RealmResourceProvider;
import org.keycloak.services.resource.RealmResourceProviderFactory;

/** Serves the console page at {@code /realms/{realm}/enterprise-connect/console} and setup links' pages below {@code setup/}. */
public final class ConsolePageFactory implements RealmResourceProviderFactory {

    public static final String ID = "enterprise-connect";
    /** {@code host:port} of the DNS server that proves setup-link domains; unset: the system's resolvers. */
    public static final String DNS_SERVER = "dns-server";

    private String dnsServer;

    @Override
    public RealmResourceProvider create(KeycloakSession session) {
        return new RealmResourceProvider() {
            @Override
            public Object getResource() {
                return new ConsolePage(session, session.getContext().getRealm(), dnsServer);
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
        dnsServer = config.get(DNS_SERVER);
    }

    @Override
    public List<ProviderConfigProperty> getConfigMetadata() {
        return ProviderConfigurationBuilder.create().property().name(DNS_SERVER).type(ProviderConfigProperty.STRING_TYPE)
                .helpText("host:port of the DNS server asked for setup-link domain TXT records; unset: the system's resolvers")
                .add().build();
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
    }

    @Override
    public void close() {
    }
}
