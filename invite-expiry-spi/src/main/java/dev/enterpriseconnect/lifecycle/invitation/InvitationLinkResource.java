package dev.enterpriseconnect.lifecycle.invitation;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.Objects;

import org.keycloak.authentication.actiontoken.execactions.ExecuteActionsActionToken;
import org.keycloak.common.util.SecretGenerator;
import org.keycloak.common.util.Time;
import org.keycloak.forms.login.LoginFormsProvider;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.credential.PasswordCredentialModel;
import org.keycloak.representations.JsonWebToken;
import org.keycloak.services.resources.LoginActionsService;
import org.keycloak.services.util.ResolveRelative;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;

/**
 * Where an invitation email's link lands. A valid, current, unexpired link sends the user on to
 * login: through the company's IdP ({@code kc_idp_hint}) when the connector names one, else to
 * set a password (Keycloak's own execute-actions flow) if the user has none yet, else to the
 * login form. Opening the link changes nothing, so mail scanners that fetch links do no harm;
 * the first login is what accepts the invitation.
 */
public final class InvitationLinkResource {

    /** How long the set-password step may take once the link was opened. */
    private static final int SET_PASSWORD_SECONDS = 15 * 60;

    private final KeycloakSession session;
    private final RealmModel realm;

    InvitationLinkResource(KeycloakSession session) {
        this.session = session;
        this.realm = session.getContext().getRealm();
    }

    @GET
    public Response open(@QueryParam("token") String token) {
        JsonWebToken link = token == null || token.isBlank() ? null : decode(token);
        if (link == null || !InvitationSender.TOKEN_TYPE.equals(link.getType()) || link.getSubject() == null) {
            return page(Response.Status.BAD_REQUEST, "ecInvitationInvalid");
        }
        UserModel user = session.users().getUserById(realm, link.getSubject());
        if (user == null) {
            return page(Response.Status.BAD_REQUEST, "ecInvitationInvalid");
        }
        InvitationState state = InvitationState.of(user);
        if (!Objects.equals(state.nonce(), link.getId())) {
            return page(Response.Status.GONE, "ecInvitationSuperseded");
        }
        long now = Time.currentTimeMillis();
        if (state.expiresAt() == null || now >= state.expiresAt()) {
            String when = state.expiresAt() == null ? "" : InvitationSender.expiryText(
                    session.getContext().resolveLocale(user), state.expiresAt());
            return page(Response.Status.GONE, "ecInvitationExpired", when);
        }
        if (!user.isEnabled()) {
            return page(Response.Status.FORBIDDEN, "ecInvitationUserDisabled");
        }
        InvitationPolicy policy = policyOf(state);
        ClientModel client = realm.getClientByClientId(policy.clientId());
        if (client == null || !client.isEnabled()) {
            return page(Response.Status.INTERNAL_SERVER_ERROR, "ecInvitationMisconfigured");
        }
        String redirectUri = policy.redirectUri() != null ? policy.redirectUri()
                : ResolveRelative.resolveRelativeUri(session, client.getRootUrl(), client.getBaseUrl());
        URI base = session.getContext().getUri().getBaseUri();
        if (!policy.viaIdentityProvider() && !hasPassword(user)) {
            return Response.status(302).location(setPasswordLink(user, client, redirectUri, base)).build();
        }
        return Response.status(302).location(loginLink(user, client, redirectUri, base, policy)).build();
    }

    private JsonWebToken decode(String token) {
        try {
            return session.tokens().decode(token, JsonWebToken.class);
        } catch (RuntimeException malformed) {
            return null;
        }
    }

    private InvitationPolicy policyOf(InvitationState state) {
        try {
            return InvitationPolicy.ofConnector(realm, state.connector()).orElse(InvitationPolicy.DEFAULT);
        } catch (IllegalArgumentException invalidSetting) {
            return InvitationPolicy.DEFAULT;
        }
    }

    private static boolean hasPassword(UserModel user) {
        return user.credentialManager().getStoredCredentialsByTypeStream(PasswordCredentialModel.TYPE).findAny()
                .isPresent();
    }

    /** Keycloak's execute-actions link, as an admin's "send required actions email" would make. */
    private URI setPasswordLink(UserModel user, ClientModel client, String redirectUri, URI base) {
        ExecuteActionsActionToken token = new ExecuteActionsActionToken(user.getId(), user.getEmail(),
                Time.currentTime() + SET_PASSWORD_SECONDS, List.of(UserModel.RequiredAction.UPDATE_PASSWORD.name()),
                redirectUri, client.getClientId());
        return LoginActionsService.actionTokenProcessor(session.getContext().getUri())
                .queryParam("key", token.serialize(session, realm, session.getContext().getUri()))
                .queryParam("client_id", client.getClientId())
                .build(realm.getName());
    }

    /** An ordinary authorization request, with the user and (optionally) the IdP already chosen. */
    private URI loginLink(UserModel user, ClientModel client, String redirectUri, URI base, InvitationPolicy policy) {
        UriBuilder login = UriBuilder.fromUri(base).path("realms").path(realm.getName())
                .path("protocol/openid-connect/auth")
                .queryParam("client_id", client.getClientId())
                .queryParam("redirect_uri", redirectUri)
                .queryParam("response_type", "code")
                .queryParam("scope", "openid")
                .queryParam("state", SecretGenerator.getInstance().randomString(22))
                // Public clients such as the account console insist on PKCE.
                .queryParam("code_challenge", challenge(SecretGenerator.getInstance().randomString(43)))
                .queryParam("code_challenge_method", "S256")
                .queryParam("login_hint", user.getEmail() != null ? user.getEmail() : user.getUsername());
        if (policy.viaIdentityProvider()) {
            login.queryParam("kc_idp_hint", policy.identityProvider());
        }
        return login.build();
    }

    private static String challenge(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    private Response page(Response.Status status, String message, Object... parameters) {
        return session.getProvider(LoginFormsProvider.class).setError(message, parameters).createErrorPage(status);
    }
}
