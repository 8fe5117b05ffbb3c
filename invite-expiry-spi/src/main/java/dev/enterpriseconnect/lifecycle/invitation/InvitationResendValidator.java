package dev.enterpriseconnect.lifecycle.invitation;

import java.util.Collection;

import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.userprofile.AttributeContext;
import org.keycloak.userprofile.UserProfileAttributeValidationContext;
import org.keycloak.validate.SimpleValidator;
import org.keycloak.validate.ValidationContext;
import org.keycloak.validate.ValidationError;
import org.keycloak.validate.ValidatorConfig;

/**
 * Refuses the console's "Resend invitation" box when the invitation could not go out, so the
 * administrator reads why next to the box and nothing is saved, instead of a silent no-op.
 */
public final class InvitationResendValidator implements SimpleValidator {

    public static final String ID = "ec-invitation-resend";

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public ValidationContext validate(Object input, String inputHint, ValidationContext context, ValidatorConfig config) {
        if (!(input instanceof Collection<?> values) || !values.contains(InvitationAttributes.RESEND_NOW)) {
            return context;
        }
        AttributeContext attribute = UserProfileAttributeValidationContext.from(context).getAttributeContext();
        RealmModel realm = context.getSession().getContext().getRealm();
        UserModel user = attribute.getUser();
        String connector = user == null ? null : InvitationState.of(user).connector();
        String problem = RequestedInvitation.precheck(realm, attribute.getAttributes().getFirst(UserModel.EMAIL), connector);
        if (problem != null) {
            context.addError(new ValidationError(ID, inputHint, problem));
        }
        return context;
    }
}
