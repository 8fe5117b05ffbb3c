package dev.enterpriseconnect.lifecycle.workflow;

import java.util.Map;

import org.keycloak.component.ComponentModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.workflow.WorkflowExecutionContext;
import org.keycloak.models.workflow.WorkflowStepProvider;

import dev.enterpriseconnect.lifecycle.deprovisioning.AccessRevocation;
import dev.enterpriseconnect.lifecycle.events.LifecycleEvents;

/**
 * Cuts the workflow's user off now: disabled (unless configured not to), and every session,
 * offline session, consent and earlier token revoked, recorded as an {@code access-revoked}
 * lifecycle event. Keycloak's own {@code disable-user} step only disables, which leaves sessions
 * and offline tokens for a later re-enable to revive.
 */
final class RevokeAccessStepProvider implements WorkflowStepProvider {

    private final KeycloakSession session;
    private final ComponentModel step;
    private final boolean disable;

    RevokeAccessStepProvider(KeycloakSession session, ComponentModel step, boolean disable) {
        this.session = session;
        this.step = step;
        this.disable = disable;
    }

    @Override
    public void run(WorkflowExecutionContext context) {
        UserModel user = WorkflowSteps.user(session, context, step);
        if (user == null) {
            return;
        }
        RealmModel realm = session.getContext().getRealm();
        if (disable && user.isEnabled()) {
            user.setEnabled(false);
        }
        AccessRevocation.revokeAll(session, realm, user);
        LifecycleEvents.send(session, realm, user.getId(), user.getUsername(), LifecycleEvents.ACCESS_REVOKED,
                LifecycleEvents.WORKFLOW, Map.of("reason", WorkflowSteps.reason(session, step),
                        "disabled", String.valueOf(!user.isEnabled())));
    }

    @Override
    public void close() {
    }
}
