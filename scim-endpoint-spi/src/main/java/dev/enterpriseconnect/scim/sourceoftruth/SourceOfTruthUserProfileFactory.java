package dev.enterpriseconnect.scim.sourceoftruth;

import org.keycloak.models.KeycloakSession;
import org.keycloak.userprofile.DeclarativeUserProfileProvider;
import org.keycloak.userprofile.DeclarativeUserProfileProviderFactory;

/**
 * Keycloak's declarative user profile, with the source-of-truth rules of
 * {@link SourceOfTruthUserProfile} on top. It keeps Keycloak's provider id, so every realm's
 * stored profile configuration stays where it is; Keycloak prefers a deployed factory over its
 * built-in one of the same id and order.
 */
public final class SourceOfTruthUserProfileFactory extends DeclarativeUserProfileProviderFactory {

    @Override
    public DeclarativeUserProfileProvider create(KeycloakSession session) {
        return new SourceOfTruthUserProfile(session, this);
    }
}
