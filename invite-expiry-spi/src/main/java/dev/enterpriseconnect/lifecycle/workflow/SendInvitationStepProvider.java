package dev.enterpriseconnect.lifecycle.workflow;

import org.jboss.logging.Logger;
import org.keycloak.component.ComponentModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.UserModel;
import org.keycloak.models.workflow.WorkflowExecutionContext;
import org.keycloak.models.workflow.WorkflowStepProvider;

import dev.enterpriseconnect.lifecycle.events.LifecycleEvents;
import dev.enterpriseconnect.lifecycle.invitation.InvitationSender;
import dev.enterpriseconnect.lifecycle.invitation.RequestedInvitation;

/**
 * Invites the workflow's user as an administrator's resend would: a fresh link under the policy
 * of the step's connector, else the user's connector, else the default policy. Steps run on a
 * background thread after the triggering request, so the link's base URL is the realm's Frontend
 * URL or that of the realm's last request-borne invitation.
 */
final class SendInvitationStepProvider implements WorkflowStepProvider {

    private static final Logger LOG = Logger.getLogger(SendInvitationStepProvider.class);

    private final KeycloakSession session;
    private final ComponentModel step;

    SendInvitationStepProvider(KeycloakSession session, ComponentModel step) {
        this.session = session;
        this.step = step;
    }

    @Override
    public void run(WorkflowExecutionContext context) {
        UserModel user = WorkflowSteps.user(session, context, step);
        if (user == null) {
            return;
        }
        InvitationSender.Trigger trigger = new InvitationSender.Trigger(WorkflowSteps.reason(session, step),
                LifecycleEvents.WORKFLOW, null);
        RequestedInvitation.Outcome outcome = RequestedInvitation.sendAndRecordFailure(session,
                session.getContext().getRealm(), user, WorkflowSteps.setting(step, SendInvitationStepProviderFactory.CONNECTOR),
                trigger);
        // Not thrown: a failing step rolls back its transaction (the invitation-failed event with it)
        // and ends the workflow for this user, while a missing email should not stop later steps.
        if (!outcome.sent()) {
            LOG.warnf("%s: no invitation sent to user %s in realm %s: %s", trigger.reason(), user.getId(),
                    session.getContext().getRealm().getName(), outcome.problem());
        }
    }

    @Override
    public void close() {
    }
}
