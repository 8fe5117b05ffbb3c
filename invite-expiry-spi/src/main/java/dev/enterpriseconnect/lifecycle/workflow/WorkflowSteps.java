package dev.enterpriseconnect.lifecycle.workflow;

import org.jboss.logging.Logger;
import org.keycloak.component.ComponentModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ModelValidationException;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.workflow.WorkflowExecutionContext;
import org.keycloak.representations.workflows.WorkflowConstants;

/** What our workflow steps share: their user, their workflow's name, their settings. */
final class WorkflowSteps {

    private static final Logger LOG = Logger.getLogger(WorkflowSteps.class);

    private WorkflowSteps() {
    }

    /**
     * The user the step runs for, in the workflow's realm (Keycloak puts it in the step's
     * context), or null, logged, when the user was removed before the step ran.
     */
    static UserModel user(KeycloakSession session, WorkflowExecutionContext context, ComponentModel step) {
        RealmModel realm = session.getContext().getRealm();
        UserModel user = realm == null ? null : session.users().getUserById(realm, context.getResourceId());
        if (user == null) {
            LOG.debugf("Workflow step %s skipped: user %s no longer exists", step.getProviderId(), context.getResourceId());
        }
        return user;
    }

    /**
     * Why the step acts, for its lifecycle event: {@code workflow <name>}. A step is a component
     * whose parent is its workflow, named in the workflow's config.
     */
    static String reason(KeycloakSession session, ComponentModel step) {
        RealmModel realm = session.getContext().getRealm();
        ComponentModel workflow = realm == null || step.getParentId() == null ? null : realm.getComponent(step.getParentId());
        String name = workflow == null ? null : workflow.get(WorkflowConstants.CONFIG_NAME);
        return name == null || name.isBlank() ? "workflow step " + step.getProviderId() : "workflow " + name;
    }

    /** A step setting ({@code with:} in the workflow), trimmed; null when unset or blank. */
    static String setting(ComponentModel step, String key) {
        String value = step.get(key);
        return value == null || value.isBlank() ? null : value.trim();
    }

    /**
     * A step setting that cannot work. Keycloak's workflow API answers 400 with the message for a
     * {@link ModelValidationException} but 500 for a {@code ComponentValidationException}, and it
     * creates steps (components) through the realm, which runs the factory's validation.
     */
    static ModelValidationException invalid(ComponentModel step, String problem) {
        return new ModelValidationException("Step " + step.getProviderId() + ": " + problem);
    }
}
