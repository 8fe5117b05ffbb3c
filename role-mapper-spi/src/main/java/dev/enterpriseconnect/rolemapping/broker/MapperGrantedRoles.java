package dev.enterpriseconnect.rolemapping.broker;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;

import org.keycloak.broker.provider.BrokeredIdentityContext;
import org.keycloak.broker.provider.HardcodedRoleMapper;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.utils.KeycloakModelUtils;

import dev.enterpriseconnect.rolemapping.RoleAndTeamWriter;
import dev.enterpriseconnect.rolemapping.RoleReference;

/**
 * Keycloak's own bookkeeping of the roles identity-provider mappers grant in a login, which our
 * mappers read and add to.
 *
 * <p>Keycloak 26's role mappers ({@code AbstractClaimToRoleMapper}: OIDC {@code oidc-role-idp-mapper},
 * {@code oidc-advanced-role-idp-mapper}, {@code keycloak-oidc-role-to-role-idp-mapper};
 * {@code AbstractAttributeToRoleMapper}: SAML {@code saml-role-idp-mapper},
 * {@code saml-advanced-role-idp-mapper}) do this in {@code updateBrokeredUser} (sync mode FORCE): a
 * mapper whose condition holds calls {@link BrokeredIdentityContext#addMapperGrantedRole} with its
 * {@code role} setting, as written (a realm role's name, or {@code clientId.roleName}), and grants
 * the role; a mapper whose condition fails revokes its role unless
 * {@link BrokeredIdentityContext#hasMapperGrantedRole} says another mapper of this login granted it.
 * The set lives only for the login, in the context's data under {@code MAPPER_GRANTED_ROLES}; nothing
 * is stored on the user. {@code HardcodedRoleMapper} ({@code oidc-hardcoded-role-idp-mapper}) grants
 * its role on every login but does not record it, so its roles are counted here from its settings.
 */
final class MapperGrantedRoles {

    /** {@code BrokeredIdentityContext}'s key for the set (private there). */
    static final String CONTEXT_KEY = "MAPPER_GRANTED_ROLES";

    private MapperGrantedRoles() {
    }

    /** The roles other mappers grant in this login: recorded so far, and those of hardcoded-role mappers. */
    static Set<RoleReference> of(KeycloakSession session, RealmModel realm, BrokeredIdentityContext context) {
        Set<RoleReference> granted = new LinkedHashSet<>();
        if (context.getContextData().get(CONTEXT_KEY) instanceof Collection<?> recorded) {
            for (Object value : recorded) {
                if (value instanceof String name) {
                    add(granted, session, realm, name);
                }
            }
        }
        session.identityProviders().getMappersByAliasStream(context.getIdpConfig().getAlias())
                .filter(mapper -> HardcodedRoleMapper.PROVIDER_ID.equals(mapper.getIdentityProviderMapper()))
                .forEach(mapper -> add(granted, session, realm, mapper.getConfig().get("role")));
        return granted;
    }

    /** Tells the mappers that run after ours that these roles are granted, so they do not revoke them. */
    static void record(BrokeredIdentityContext context, Collection<RoleReference> roles) {
        for (RoleReference role : roles) {
            // The spelling Keycloak's mappers keep in their role setting (and so look up).
            context.addMapperGrantedRole(KeycloakModelUtils.buildRoleQualifier(role.clientId(), role.roleName()));
        }
    }

    private static void add(Set<RoleReference> granted, KeycloakSession session, RealmModel realm, String name) {
        if (name == null || name.isBlank()) {
            return;
        }
        RoleModel role = KeycloakModelUtils.getRoleFromString(session, realm, name);
        if (role != null) {
            granted.add(RoleAndTeamWriter.reference(role));
        }
    }
}
