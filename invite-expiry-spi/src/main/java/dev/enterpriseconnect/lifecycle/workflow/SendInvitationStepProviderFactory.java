package dev.enterpriseconnect.lifecycle.workflow;

import java.util.List;
import java.util.Set;

import org.keycloak.component.ComponentModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.workflow.ResourceType;
import org.keycloak.models.workflow.WorkflowStepProviderFactory;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

import dev.enterpriseconnect.lifecycle.invitation.RequestedInvitation;

/** Workflow step {@code ec-send-invitation}: our invitation email to the workflow's user. */
public final class SendInvitationStepProviderFactory implements WorkflowStepProviderFactory<SendInvitationStepProvider> {

    public static final String ID = "ec-send-invitation";
    /** Optional: the connector whose invitation policy applies instead of the user's own. */
    public static final String CONNECTOR = "connector";

    private static final List<ProviderConfigProperty> PROPERTIES = ProviderConfigurationBuilder.create()
            .property().name(CONNECTOR).label("Connector")
            .helpText("Name of the SCIM connector whose invitation policy applies (lifespan, identity provider, client);"
                    + " empty: the user's own connector, or the default policy for a user made by hand")
            .type(ProviderConfigProperty.STRING_TYPE).add()
            .build();

    @Override
    public SendInvitationStepProvider create(KeycloakSession session, ComponentModel model) {
        return new SendInvitationStepProvider(session, model);
    }

    @Override
    public void validateConfiguration(KeycloakSession session, RealmModel realm, ComponentModel model) {
        String connector = WorkflowSteps.setting(model, CONNECTOR);
        String problem = connector == null ? null : RequestedInvitation.connectorProblem(realm, connector);
        if (problem != null) {
            throw WorkflowSteps.invalid(model, problem);
        }
    }

    @Override
    public Set<ResourceType> getSupportedResourceTypes() {
        return Set.of(ResourceType.USERS);
    }

    @Override
    public String getHelpText() {
        return "Sends the user an Enterprise Connect invitation email (a new link; an earlier one stops working)";
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return PROPERTIES;
    }

    @Override
    public String getId() {
        return ID;
    }
}
