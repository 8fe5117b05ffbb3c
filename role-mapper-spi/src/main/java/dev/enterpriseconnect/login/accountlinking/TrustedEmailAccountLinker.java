package dev.enterpriseconnect.login.accountlinking;

import org.jboss.logging.Logger;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.AuthenticationFlowError;
import org.keycloak.authentication.authenticators.broker.AbstractIdpAuthenticator;
import org.keycloak.authentication.authenticators.broker.util.SerializedBrokeredIdentityContext;
import org.keycloak.broker.provider.BrokeredIdentityContext;
import org.keycloak.models.IdentityProviderModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.organization.OrganizationProvider;
import org.keycloak.organization.utils.Organizations;

import jakarta.ws.rs.core.Response;

/**
 * First login through an identity provider: links the brokered identity to the existing user with
 * the same email, with no remove-and-re-invite, when that is safe:
 * <ul>
 * <li>the identity provider is trusted for emails ("Trust Email" on: the customer's Okta or Entra
 * owns the address), and</li>
 * <li>the existing user's email is verified, or the user has no credential and no other identity
 * provider link, so nobody but its owner could have used it (an account provisioned by SCIM or
 * created by an administrator before single sign-on was set up).</li>
 * </ul>
 * No user with that email: the next step (usually "Create User If Unique") runs. A user whose email
 * is unverified and who has a password is refused with a page that says why: linking it would hand
 * the account of whoever registered that address to the identity provider's user, or the reverse.
 */
public final class TrustedEmailAccountLinker extends AbstractIdpAuthenticator {

    /**
     * Identity provider setting: link only emails of a verified domain of the provider's Organization.
     * Set on providers a customer made from a setup link, whose domains must be proven first.
     */
    public static final String VERIFIED_DOMAINS_ONLY = "enterpriseConnectVerifiedDomainsOnly";
    static final String UNVERIFIED_ERROR = "existing_account_email_not_verified";
    static final String LINKED_ELSEWHERE_ERROR = "existing_account_linked_to_other_identity";

    private static final Logger LOG = Logger.getLogger(TrustedEmailAccountLinker.class);

    @Override
    protected void authenticateImpl(AuthenticationFlowContext context, SerializedBrokeredIdentityContext serialized,
            BrokeredIdentityContext brokered) {
        KeycloakSession session = context.getSession();
        RealmModel realm = context.getRealm();
        IdentityProviderModel idp = brokered.getIdpConfig();
        String email = brokered.getEmail();
        if (!idp.isTrustEmail() || email == null || email.isBlank()) {
            context.attempted();
            return;
        }
        if (Boolean.parseBoolean(idp.getConfig().get(VERIFIED_DOMAINS_ONLY)) && !ofVerifiedDomain(session, idp, email)) {
            // A customer's IdP may assert any address: it links none outside the domains its Organization proved.
            context.attempted();
            return;
        }
        UserModel existing = session.users().getUserByEmail(realm, email);
        if (existing == null) {
            context.attempted();
            return;
        }
        if (session.users().getFederatedIdentity(realm, existing, idp.getAlias()) != null) {
            sendFailureChallenge(context, Response.Status.CONFLICT, LINKED_ELSEWHERE_ERROR,
                    "The account with this email is already linked to another " + idp.getAlias()
                            + " user. Please contact your administrator.", AuthenticationFlowError.USER_CONFLICT);
            return;
        }
        boolean unused = existing.credentialManager().getStoredCredentialsStream().findAny().isEmpty()
                && session.users().getFederatedIdentitiesStream(realm, existing).findAny().isEmpty();
        if (existing.isEmailVerified() || unused) {
            LOG.debugf("Linking %s identity '%s' to existing user %s (email %s)", idp.getAlias(), brokered.getUsername(),
                    existing.getId(), existing.isEmailVerified() ? "verified" : "of an account never used");
            context.setUser(existing);
            context.success();
            return;
        }
        sendFailureChallenge(context, Response.Status.CONFLICT, UNVERIFIED_ERROR,
                "An account with this email already exists, but its email is not verified, so it cannot be linked to "
                        + idp.getAlias() + " automatically. Sign in with your password and verify your email first,"
                        + " or ask your administrator.", AuthenticationFlowError.USER_CONFLICT);
    }

    private static boolean ofVerifiedDomain(KeycloakSession session, IdentityProviderModel idp, String email) {
        OrganizationProvider organizations = session.getProvider(OrganizationProvider.class);
        OrganizationModel organization = idp.getOrganizationId() == null || organizations == null ? null
                : organizations.getById(idp.getOrganizationId());
        String domain = Organizations.getEmailDomain(email);
        return organization != null && domain != null && organization.getDomains()
                .anyMatch(d -> d.isVerified() && d.getName().equalsIgnoreCase(domain));
    }

    @Override
    protected void actionImpl(AuthenticationFlowContext context, SerializedBrokeredIdentityContext serialized,
            BrokeredIdentityContext brokered) {
        authenticateImpl(context, serialized, brokered);
    }

    @Override
    public boolean requiresUser() {
        return false;
    }

    @Override
    public boolean configuredFor(KeycloakSession session, RealmModel realm, UserModel user) {
        return true;
    }
}
