package dev.enterpriseconnect.console.idp;

import java.util.Map;

import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.models.AuthenticationFlowModel;
import org.keycloak.models.AuthenticatorConfigModel;
import org.keycloak.models.RealmModel;

import dev.enterpriseconnect.login.accountlinking.TrustedEmailAccountLinkerFactory;

/**
 * The first-login flow identity providers made by the console use: review a missing profile field,
 * then link to the user with the same trusted email (no duplicate of a SCIM-provisioned user), else
 * create the user. Created once per realm, left alone afterwards (an administrator may tune it).
 */
public final class FirstLoginFlow {

    public static final String ALIAS = "enterprise-connect first login";
    static final String LINK_OR_CREATE = "enterprise-connect link or create";

    private FirstLoginFlow() {
    }

    public static AuthenticationFlowModel ensure(RealmModel realm) {
        AuthenticationFlowModel existing = realm.getFlowByAlias(ALIAS);
        if (existing != null) {
            return existing;
        }
        AuthenticationFlowModel top = flow(realm, ALIAS, true,
                "First login through a customer's IdP: link the user with the same trusted email, or create one");
        AuthenticatorConfigModel review = new AuthenticatorConfigModel();
        review.setAlias(ALIAS + " review profile");
        review.setConfig(Map.of("update.profile.on.first.login", "missing"));
        review = realm.addAuthenticatorConfig(review);
        AuthenticationExecutionModel reviewStep = step(top, "idp-review-profile", 10);
        reviewStep.setAuthenticatorConfig(review.getId());
        realm.addAuthenticatorExecution(reviewStep);

        AuthenticationFlowModel linkOrCreate = flow(realm, LINK_OR_CREATE, false,
                "Link to an existing user with the same trusted email, else create a user");
        AuthenticationExecutionModel subFlow = new AuthenticationExecutionModel();
        subFlow.setParentFlow(top.getId());
        subFlow.setAuthenticatorFlow(true);
        subFlow.setFlowId(linkOrCreate.getId());
        subFlow.setRequirement(AuthenticationExecutionModel.Requirement.REQUIRED);
        subFlow.setPriority(20);
        realm.addAuthenticatorExecution(subFlow);

        AuthenticationExecutionModel link = step(linkOrCreate, TrustedEmailAccountLinkerFactory.PROVIDER_ID, 10);
        link.setRequirement(AuthenticationExecutionModel.Requirement.ALTERNATIVE);
        realm.addAuthenticatorExecution(link);
        AuthenticationExecutionModel create = step(linkOrCreate, "idp-create-user-if-unique", 20);
        create.setRequirement(AuthenticationExecutionModel.Requirement.ALTERNATIVE);
        realm.addAuthenticatorExecution(create);
        return top;
    }

    private static AuthenticationFlowModel flow(RealmModel realm, String alias, boolean topLevel, String description) {
        AuthenticationFlowModel flow = new AuthenticationFlowModel();
        flow.setAlias(alias);
        flow.setDescription(description);
        flow.setProviderId("basic-flow");
        flow.setTopLevel(topLevel);
        flow.setBuiltIn(false);
        return realm.addAuthenticationFlow(flow);
    }

    private static AuthenticationExecutionModel step(AuthenticationFlowModel parent, String authenticator, int priority) {
        AuthenticationExecutionModel step = new AuthenticationExecutionModel();
        step.setParentFlow(parent.getId());
        step.setAuthenticator(authenticator);
        step.setAuthenticatorFlow(false);
        step.setRequirement(AuthenticationExecutionModel.Requirement.REQUIRED);
        step.setPriority(priority);
        return step;
    }
}
