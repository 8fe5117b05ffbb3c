package dev.enterpriseconnect.scim.sourceoftruth;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.userprofile.AttributeContext;
import org.keycloak.userprofile.AttributeMetadata;
import org.keycloak.userprofile.DeclarativeUserProfileProvider;
import org.keycloak.userprofile.DeclarativeUserProfileProviderFactory;
import org.keycloak.userprofile.UserProfileContext;
import org.keycloak.userprofile.UserProfileMetadata;

import dev.enterpriseconnect.lifecycle.invitation.InvitationAttributes;

/**
 * Keycloak's declarative user profile with two rules added where people edit users (admin REST
 * and console, account console and REST, the update-profile step of a login):
 * <ul>
 * <li>for a user a connector manages, the fields the connector lists are read-only, unless the
 * connector allows edits; Keycloak then shows them read-only and refuses a change with
 * {@code error-user-attribute-read-only};</li>
 * <li>the "Resend invitation" box is hidden for a user whose connector sends no invitations
 * (its users are invited through the IdP);</li>
 * <li>the provisioned record (the {@code scim_*} attributes and our {@code ec_*} marks) is
 * read-only for everyone, and an attribute of it without a value is not shown, nor is an empty
 * attribute of the invitation record.</li>
 * </ul>
 * The connector's own profile write runs inside {@link SourceOfTruth#provisioningWrite} and is
 * not affected. The rules are added to the per-request copy of the cached metadata.
 */
final class SourceOfTruthUserProfile extends DeclarativeUserProfileProvider {

    private static final Set<UserProfileContext> EDITING = EnumSet.of(UserProfileContext.USER_API,
            UserProfileContext.ACCOUNT, UserProfileContext.UPDATE_PROFILE, UserProfileContext.UPDATE_EMAIL);

    private static final String INVITATION_RECORD = "ec_invite_";

    SourceOfTruthUserProfile(KeycloakSession session, DeclarativeUserProfileProviderFactory factory) {
        super(session, factory);
    }

    @Override
    protected UserProfileMetadata configureUserProfile(UserProfileMetadata metadata, KeycloakSession session) {
        UserProfileMetadata configured = super.configureUserProfile(metadata, session);
        if (!EDITING.contains(configured.getContext())) {
            return configured;
        }
        for (AttributeMetadata attribute : configured.getAttributes()) {
            String name = attribute.getName();
            if (ProvisionedRecord.holds(name)) {
                attribute.addWriteCondition(c -> SourceOfTruth.inProvisioningWrite(c.getSession()));
                attribute.addReadCondition(c -> SourceOfTruth.inProvisioningWrite(c.getSession()) || hasValue(c));
            } else if (name.startsWith(INVITATION_RECORD) && !InvitationAttributes.RESEND.equals(name)) {
                // Written by the invitation code only (view-only in the configuration): shown once it has a value.
                attribute.addReadCondition(SourceOfTruthUserProfile::hasValue);
            } else if (InvitationAttributes.RESEND.equals(name)) {
                // Hidden, not just read-only: the box is an action, not a field.
                attribute.addWriteCondition(c -> !locked(c, name));
                attribute.addReadCondition(c -> !locked(c, name));
            } else {
                attribute.addWriteCondition(c -> !locked(c, name));
            }
        }
        return configured;
    }

    private static boolean locked(AttributeContext context, String attribute) {
        UserModel user = context.getUser();
        KeycloakSession session = context.getSession();
        if (user == null || SourceOfTruth.inProvisioningWrite(session)) {
            return false;
        }
        RealmModel realm = session.getContext().getRealm();
        return SourceOfTruth.lockedAttributes(session, realm, user).contains(attribute);
    }

    private static boolean hasValue(AttributeContext context) {
        List<String> values = context.getAttribute().getValue();
        return values != null && values.stream().anyMatch(value -> value != null && !value.isBlank());
    }
}
