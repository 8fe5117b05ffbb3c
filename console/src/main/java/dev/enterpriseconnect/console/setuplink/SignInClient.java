package dev.enterpriseconnect.console.setuplink;

import org.keycloak.models.ClientModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;

/**
 * The client a setup page's "test sign-in" logs in with: SP-initiated through the customer's new
 * identity provider, landing on a page that only says it worked. It never exchanges a code; the
 * login itself is what the status panel reports.
 */
final class SignInClient {

    static final String CLIENT_ID = "enterprise-connect-setup-test";

    private SignInClient() {
    }

    /** Registers the client if needed; returns the landing page's path below the server root. */
    static String ensure(RealmModel realm) {
        String landing = "/realms/" + realm.getName() + "/enterprise-connect/setup/signed-in";
        ClientModel client = realm.getClientByClientId(CLIENT_ID);
        if (client == null) {
            client = realm.addClient(KeycloakModelUtils.generateId(), CLIENT_ID);
            client.setName("Enterprise Connect setup link: test sign-in");
            client.setDescription("Lets a customer's IT admin try single sign-on from a setup link. Registered by Enterprise Connect.");
            client.setProtocol("openid-connect");
            client.setEnabled(true);
            client.setPublicClient(true);
            client.setStandardFlowEnabled(true);
            client.setImplicitFlowEnabled(false);
            client.setDirectAccessGrantsEnabled(false);
            client.setServiceAccountsEnabled(false);
            client.setConsentRequired(false);
            client.setFullScopeAllowed(false);
            client.setRootUrl("${authBaseUrl}");
            client.setAttribute("pkce.code.challenge.method", "S256");
        }
        if (!client.getRedirectUris().contains(landing)) {
            client.addRedirectUri(landing);
        }
        return landing;
    }
}
