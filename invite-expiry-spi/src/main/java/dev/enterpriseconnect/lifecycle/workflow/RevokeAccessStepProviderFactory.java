package dev.enterpriseconnect.lifecycle.workflow;

import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.keycloak.component.ComponentModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.workflow.ResourceType;
import org.keycloak.models.workflow.WorkflowStepProviderFactory;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

/** Workflow step {@code ec-revoke-access}: ends the user's access at once, as a deactivation does. */
public final class RevokeAccessStepProviderFactory implements WorkflowStepProviderFactory<RevokeAccessStepProvider> {

    public static final String ID = "ec-revoke-access";
    /** Optional, default true: also disable the user. */
    public static final String DISABLE = "disable";

    private static final List<ProviderConfigProperty> PROPERTIES = ProviderConfigurationBuilder.create()
            .property().name(DISABLE).label("Disable the user")
            .helpText("Also disable the user (default); false: only end its sessions, offline sessions, consents and"
                    + " tokens, so it can sign in afresh")
            .type(ProviderConfigProperty.BOOLEAN_TYPE).defaultValue("true").add()
            .build();

    @Override
    public RevokeAccessStepProvider create(KeycloakSession session, ComponentModel model) {
        return new RevokeAccessStepProvider(session, model, disable(model));
    }

    @Override
    public void validateConfiguration(KeycloakSession session, RealmModel realm, ComponentModel model) {
        String value = WorkflowSteps.setting(model, DISABLE);
        if (value != null && !value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
            throw WorkflowSteps.invalid(model, DISABLE + " must be true or false; got '" + value + "'");
        }
    }

    static boolean disable(ComponentModel model) {
        String value = WorkflowSteps.setting(model, DISABLE);
        return value == null || Boolean.parseBoolean(value.toLowerCase(Locale.ROOT));
    }

    @Override
    public Set<ResourceType> getSupportedResourceTypes() {
        return Set.of(ResourceType.USERS);
    }

    @Override
    public String getHelpText() {
        return "Disables the user and revokes every session, offline session, consent and earlier token";
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
