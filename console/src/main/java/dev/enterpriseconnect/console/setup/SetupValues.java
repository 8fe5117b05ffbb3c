package dev.enterpriseconnect.console.setup;

import java.net.URI;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

import dev.enterpriseconnect.scim.connector.ScimConnector;
import dev.enterpriseconnect.scim.connector.ScimConnectorConfig;
import dev.enterpriseconnect.scim.endpoint.ScimRequestContext;

/**
 * What an administrator pastes into Okta and Entra ID for one connector, computed from the URL the
 * server is reached at (its Frontend URL when one is set): the one place these values are made.
 */
public final class SetupValues {

    public static final String EMAIL = "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress";
    public static final String GIVEN_NAME = "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/givenname";
    public static final String SURNAME = "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/surname";
    public static final String NAME_ID_EMAIL = "urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress";
    static final String IDP_INITIATED_NAME = "saml_idp_initiated_sso_url_name";
    /** Clients looked at for IdP-initiated URLs: a bound, so the answer costs the same in any realm. */
    static final int CLIENTS_SCANNED = 500;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final KeycloakSession session;
    private final RealmModel realm;

    public SetupValues(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
    }

    /** The SAML provider alias the console proposes for a connector, and the setup values assume. */
    public static String defaultSamlAlias(ScimConnector connector) {
        return connector.name() + "-saml";
    }

    public static String defaultOidcAlias(ScimConnector connector) {
        return connector.name() + "-oidc";
    }

    public ObjectNode of(ScimConnector connector, String samlAlias, String oidcAlias) {
        String saml = samlAlias == null || samlAlias.isBlank() ? defaultSamlAlias(connector) : samlAlias;
        String oidc = oidcAlias == null || oidcAlias.isBlank() ? defaultOidcAlias(connector) : oidcAlias;
        ObjectNode answer = JSON.createObjectNode();
        answer.put("connector", connector.name());
        answer.put("serverUrl", server());
        answer.set("scim", scim(connector));
        answer.set("saml", saml(saml));
        answer.set("oidc", oidc(oidc));
        return answer;
    }

    private ObjectNode scim(ScimConnector connector) {
        String baseUrl = ScimRequestContext.baseUrl(session, realm, connector.name()).toString();
        String kind = connector.credentialType();
        ObjectNode scim = JSON.createObjectNode();
        scim.put("baseUrl", baseUrl);
        scim.put("credentialType", kind);
        ArrayNode okta = scim.putArray("okta");
        row(okta, "SCIM connector base URL", baseUrl);
        row(okta, "Unique identifier field for users", "userName");
        row(okta, "Supported provisioning actions", "Push New Users, Push Profile Updates, Push Groups");
        ArrayNode entra = scim.putArray("entra");
        row(entra, "Tenant URL", baseUrl);
        switch (kind) {
            case ScimConnectorConfig.CREDENTIAL_BASIC -> {
                row(okta, "Authentication Mode", "Basic Auth (the connector's username and password)");
                note(entra, "Entra ID sends only a Secret Token: give Entra a connector with credential kind bearer");
            }
            case ScimConnectorConfig.CREDENTIAL_OAUTH -> {
                String tokenUrl = server() + "/realms/" + realm.getName() + "/protocol/openid-connect/token";
                row(okta, "Authentication Mode", "OAuth 2 (client credentials)");
                row(okta, "Access token endpoint URI", tokenUrl);
                row(entra, "Authentication Method", "OAuth2 Client Credentials Grant");
                row(entra, "Token Endpoint", tokenUrl);
            }
            default -> {
                row(okta, "Authentication Mode", "HTTP Header (Authorization: Bearer, paste the token)");
                hint(entra, "Secret Token", "the connector's token (shown once, at create or rotate)");
            }
        }
        return scim;
    }

    private ObjectNode saml(String alias) {
        String acs = endpoint(alias);
        String entityId = issuer();
        ObjectNode saml = JSON.createObjectNode();
        saml.put("alias", alias);
        saml.put("exists", session.identityProviders().getByAlias(alias) != null);
        saml.put("acsUrl", acs);
        saml.put("entityId", entityId);
        saml.put("nameIdFormat", NAME_ID_EMAIL);
        ArrayNode attributes = saml.putArray("attributes");
        attribute(attributes, "email", EMAIL, "user.email", "user.mail");
        attribute(attributes, "first name", GIVEN_NAME, "user.firstName", "user.givenname");
        attribute(attributes, "last name", SURNAME, "user.lastName", "user.surname");
        attribute(attributes, "role", "role", "appuser.role (or user.role)", "user.assignedroles");
        attribute(attributes, "division", "division", "user.division", "user.department");
        attribute(attributes, "groups", "groups", "Group attribute statement, filter Matches regex .*", "user.groups");
        ArrayNode initiated = saml.putArray("idpInitiated");
        realm.getClientsStream(0, CLIENTS_SCANNED).filter(c -> "saml".equals(c.getProtocol()))
                .filter(c -> c.getAttribute(IDP_INITIATED_NAME) != null && !c.getAttribute(IDP_INITIATED_NAME).isBlank())
                .forEach(c -> initiated.addObject().put("clientId", c.getClientId())
                        .put("url", acs + "/clients/" + c.getAttribute(IDP_INITIATED_NAME)));
        ArrayNode okta = saml.putArray("okta");
        row(okta, "Single sign-on URL (also Recipient and Destination URL)", acs);
        row(okta, "Audience URI (SP Entity ID)", entityId);
        row(okta, "Name ID format", "EmailAddress");
        row(okta, "Application username", "Email");
        for (var a : attributes) {
            row(okta, "Attribute statement: " + a.get("name").asText(), a.get("okta").asText());
        }
        initiated.forEach(i -> row(okta, "IdP-initiated Single sign-on URL for " + i.get("clientId").asText(),
                i.get("url").asText()));
        hint(okta, "Then give the console", "the app's Metadata URL (Sign On tab)");
        ArrayNode entra = saml.putArray("entra");
        row(entra, "Identifier (Entity ID)", entityId);
        row(entra, "Reply URL (Assertion Consumer Service URL)", acs);
        row(entra, "Unique User Identifier (Name ID)", "user.mail, format Email address");
        for (var a : attributes) {
            row(entra, "Claim: " + a.get("name").asText(), a.get("entra").asText());
        }
        initiated.forEach(i -> row(entra, "Relay State / Sign on URL for " + i.get("clientId").asText(),
                i.get("url").asText()));
        hint(entra, "Then give the console", "the App Federation Metadata Url");
        return saml;
    }

    private ObjectNode oidc(String alias) {
        String redirect = endpoint(alias);
        ObjectNode oidc = JSON.createObjectNode();
        oidc.put("alias", alias);
        oidc.put("exists", session.identityProviders().getByAlias(alias) != null);
        oidc.put("redirectUri", redirect);
        oidc.put("scopes", "openid email profile");
        ArrayNode claims = oidc.putArray("claims");
        for (String claim : new String[] {"email", "given_name", "family_name", "role", "division", "groups"}) {
            claims.add(claim);
        }
        ArrayNode okta = oidc.putArray("okta");
        row(okta, "Application type", "OIDC - Web Application, grant type Authorization Code, Require PKCE");
        row(okta, "Sign-in redirect URI", redirect);
        row(okta, "Scopes", "openid email profile");
        row(okta, "ID token claims", "role, division; Groups claim 'groups' (filter Matches regex .*)");
        ArrayNode entra = oidc.putArray("entra");
        row(entra, "Redirect URI (Web)", redirect);
        row(entra, "API permissions", "openid email profile");
        row(entra, "Optional claims", "email, groups; app roles arrive in 'roles' (roleAttribute=roles)");
        return oidc;
    }

    private String endpoint(String alias) {
        return server() + "/realms/" + realm.getName() + "/broker/" + alias + "/endpoint";
    }

    /** The realm's issuer URL: the SAML audience (SP entity ID) our identity providers present. */
    public String issuer() {
        return server() + "/realms/" + realm.getName();
    }

    private String server() {
        URI base = session.getContext().getUri().getBaseUri();
        return base.toString().replaceAll("/$", "");
    }

    private static void attribute(ArrayNode list, String what, String name, String okta, String entra) {
        list.addObject().put("what", what).put("name", name).put("okta", name + " = " + okta)
                .put("entra", name + " = " + entra);
    }

    private static void row(ArrayNode rows, String label, String value) {
        rows.addObject().put("label", label).put("value", value);
    }

    private static void note(ArrayNode rows, String text) {
        hint(rows, "Note", text);
    }

    /** A row that tells what to do rather than a value to paste: no copy button. */
    private static void hint(ArrayNode rows, String label, String text) {
        rows.addObject().put("label", label).put("value", text).put("note", true);
    }
}
