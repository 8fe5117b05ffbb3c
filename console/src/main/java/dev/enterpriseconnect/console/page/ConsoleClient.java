package dev.enterpriseconnect.console.page;

import org.keycloak.models.ClientModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;

/**
 * The public OIDC client the console signs in with (authorization code + PKCE), one per realm. Its
 * Home URL is the console, so the console is one click away in Keycloak's Clients list. The master
 * realm's client serves master administrators of every realm: each console adds its own redirect URI.
 */
public final class ConsoleClient {

    public static final String CLIENT_ID = "enterprise-connect-console";

    private ConsoleClient() {
    }

    /** The console's path below the server root, e.g. {@code /realms/acme/enterprise-connect/console}. */
    public static String consolePath(RealmModel realm) {
        return "/realms/" + realm.getName() + "/" + ConsolePageFactory.ID + "/console";
    }

    /** Registers the client of {@code signInRealm} for the console of {@code consoleRealm} if it is not there yet. */
    public static void ensure(RealmModel signInRealm, RealmModel consoleRealm) {
        String path = consolePath(consoleRealm);
        ClientModel client = signInRealm.getClientByClientId(CLIENT_ID);
        if (client == null) {
            client = signInRealm.addClient(KeycloakModelUtils.generateId(), CLIENT_ID);
            client.setName("Enterprise Connect console");
            client.setDescription("Set up customers' SCIM connectors and single sign-on. Registered by Enterprise Connect.");
            client.setProtocol("openid-connect");
            client.setEnabled(true);
            client.setPublicClient(true);
            client.setStandardFlowEnabled(true);
            client.setImplicitFlowEnabled(false);
            client.setDirectAccessGrantsEnabled(false);
            client.setServiceAccountsEnabled(false);
            client.setConsentRequired(false);
            // Keycloak's admin permissions read the realm-management roles from the token, as for its own console.
            client.setFullScopeAllowed(true);
            // Relative URIs resolve against the server's own public URL, behind any proxy.
            client.setRootUrl("${authBaseUrl}");
            client.setBaseUrl(consolePath(signInRealm));
            client.addWebOrigin("+");
            client.setAttribute("pkce.code.challenge.method", "S256");
            client.setAttribute("post.logout.redirect.uris", "+");
        }
        if (!client.getRedirectUris().contains(path)) {
            client.addRedirectUri(path);
        }
    }
}
