package dev.enterpriseconnect.login.ssodomains;

import java.util.Optional;

import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.authenticators.browser.AbstractUsernameFormAuthenticator;
import org.keycloak.authentication.authenticators.browser.IdentityProviderAuthenticator;
import org.keycloak.models.IdentityProviderModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.OrganizationDomainModel;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.organization.OrganizationProvider;
import org.keycloak.organization.utils.Organizations;

/**
 * Users whose email domain belongs to an organization with an identity provider set to "redirect when
 * the email domain matches" sign in through that provider only: this step sends them there.
 *
 * <p>Keycloak's own organization step redirects only users who have no credential; a user who still
 * has a password (created before single sign-on was set up) is shown the password form. Placed before
 * the password form, this step redirects them instead; placed after it as well, it also stops a login
 * in which the password form was the first to identify the user, so a password alone never ends it.
 */
public final class OrganizationSsoRequired extends IdentityProviderAuthenticator {

    @Override
    public void authenticate(AuthenticationFlowContext context) {
        Optional<String> email = email(context);
        Optional<IdentityProviderModel> idp = email.flatMap(e -> requiredProvider(context.getSession(), context.getRealm(), e));
        if (idp.isPresent()) {
            redirect(context, idp.get().getAlias(), email.get());
        } else {
            context.success();
        }
    }

    @Override
    public void action(AuthenticationFlowContext context) {
        authenticate(context);
    }

    @Override
    public boolean requiresUser() {
        return false;
    }

    @Override
    public boolean configuredFor(KeycloakSession session, RealmModel realm, UserModel user) {
        return true;
    }

    private static Optional<String> email(AuthenticationFlowContext context) {
        UserModel user = context.getUser();
        if (user != null && user.getEmail() != null) {
            return Optional.of(user.getEmail());
        }
        // Not identified yet: the email typed on the identity-first page, in this request or remembered.
        String typed = context.getHttpRequest().getDecodedFormParameters().getFirst(UserModel.USERNAME);
        if (typed == null) {
            typed = context.getAuthenticationSession().getAuthNote(AbstractUsernameFormAuthenticator.ATTEMPTED_USERNAME);
        }
        return typed != null && typed.contains("@") ? Optional.of(typed.strip()) : Optional.empty();
    }

    /** The enabled identity provider the user's email domain must sign in with, if any. */
    static Optional<IdentityProviderModel> requiredProvider(KeycloakSession session, RealmModel realm, String email) {
        String domain = Organizations.getEmailDomain(email);
        OrganizationProvider organizations = session.getProvider(OrganizationProvider.class);
        if (domain == null || organizations == null || !realm.isOrganizationsEnabled()) {
            return Optional.empty();
        }
        OrganizationModel organization = organizations.getByDomainName(domain);
        if (organization == null || !organization.isEnabled()) {
            return Optional.empty();
        }
        return organization.getIdentityProviders()
                .filter(IdentityProviderModel::isEnabled)
                .filter(OrganizationModel.IdentityProviderRedirectMode.EMAIL_MATCH::isSet)
                .filter(idp -> {
                    String configured = idp.getConfig().get(OrganizationModel.ORGANIZATION_DOMAIN_ATTRIBUTE);
                    return domain.equalsIgnoreCase(configured) || OrganizationDomainModel.ANY_DOMAIN.equals(configured);
                })
                .findFirst();
    }
}
