package dev.enterpriseconnect.rolemapping.broker;

import java.util.ArrayList;
import java.util.List;

import org.jboss.logging.Logger;
import org.keycloak.broker.provider.AbstractIdentityProviderMapper;
import org.keycloak.broker.provider.BrokeredIdentityContext;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;
import org.keycloak.models.IdentityProviderMapperModel;
import org.keycloak.models.IdentityProviderSyncMode;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.services.ErrorPage;

import dev.enterpriseconnect.rolemapping.RoleMappingConfig;
import dev.enterpriseconnect.rolemapping.RoleMappingException;
import dev.enterpriseconnect.rolemapping.RoleMappingPolicy;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

/**
 * Applies a {@link RoleMappingPolicy} (configured with the keys of {@link RoleMappingConfig}, exactly as
 * on a SCIM connector) at every brokered login: the user created on first login (JIT) and, with sync
 * mode {@code FORCE}, the user of every later login gets the role and team the incoming values name;
 * only the policy's own roles and team groups change. A role is revoked only if one of our policies
 * granted it and no other mapper grants it in this login; the roles we grant are added to Keycloak's
 * mapper-granted roles, so its own role mappers do not revoke them ({@link MapperGrantedRoles}).
 *
 * <p>Values are checked before Keycloak creates or links a user: a refused value (an unknown role, an
 * unknown team) ends the login on an error page that says why, and nothing is stored.
 */
abstract class RoleMappingIdentityProviderMapper extends AbstractIdentityProviderMapper {

    /** Mapper setting (besides {@link RoleMappingConfig}'s): the attribute or claim group rules read. */
    static final String GROUPS_ATTRIBUTE = "groupsAttribute";
    static final String DEFAULT_GROUPS_ATTRIBUTE = "groups";
    /** Event error code of a login refused by the policy. */
    static final String REFUSED_ERROR = "role_mapping_refused";

    private static final Logger LOG = Logger.getLogger(RoleMappingIdentityProviderMapper.class);

    /** What the identity provider said about the user in this login. */
    abstract IncomingAttributes incoming(BrokeredIdentityContext context);

    @Override
    public boolean supportsSyncMode(IdentityProviderSyncMode syncMode) {
        return true;
    }

    @Override
    public String getDisplayCategory() {
        return "Role Mapper";
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return ConfigProperties.ALL;
    }

    @Override
    public void preprocessFederatedIdentity(KeycloakSession session, RealmModel realm, IdentityProviderMapperModel mapper,
            BrokeredIdentityContext context) {
        decide(session, realm, mapper, context);
    }

    @Override
    public void importNewUser(KeycloakSession session, RealmModel realm, UserModel user, IdentityProviderMapperModel mapper,
            BrokeredIdentityContext context) {
        decide(session, realm, mapper, context).apply(user, context);
    }

    @Override
    public void updateBrokeredUser(KeycloakSession session, RealmModel realm, UserModel user,
            IdentityProviderMapperModel mapper, BrokeredIdentityContext context) {
        decide(session, realm, mapper, context).apply(user, context);
    }

    @Override
    public void updateBrokeredUserLegacy(KeycloakSession session, RealmModel realm, UserModel user,
            IdentityProviderMapperModel mapper, BrokeredIdentityContext context) {
        decide(session, realm, mapper, context).apply(user, context);
    }

    private RoleAndTeamAssignment decide(KeycloakSession session, RealmModel realm, IdentityProviderMapperModel mapper,
            BrokeredIdentityContext context) {
        String alias = context.getIdpConfig().getAlias();
        RoleMappingPolicy policy;
        try {
            policy = RoleMappingConfig.parse(mapper.getConfig());
        } catch (IllegalArgumentException e) {
            LOG.warnf("Identity provider %s, mapper '%s' in realm %s has an invalid role mapping: %s", alias,
                    mapper.getName(), realm.getName(), e.getMessage());
            throw refuse(session, realm, context, misconfigured(alias), e.getMessage());
        }
        String groupsAttribute = mapper.getConfig().get(GROUPS_ATTRIBUTE);
        if (groupsAttribute == null || groupsAttribute.isBlank()) {
            groupsAttribute = DEFAULT_GROUPS_ATTRIBUTE;
        }
        try {
            return RoleAndTeamAssignment.decide(session, realm, policy, incoming(context), groupsAttribute);
        } catch (RoleMappingException e) {
            LOG.debugf("Login through %s refused for '%s': %s", alias, context.getUsername(), e.getMessage());
            throw refuse(session, realm, context, e.getMessage(), e.getMessage());
        } catch (IllegalStateException | IllegalArgumentException e) {
            LOG.warnf("Identity provider %s, mapper '%s' in realm %s: %s", alias, mapper.getName(), realm.getName(),
                    e.getMessage());
            throw refuse(session, realm, context, misconfigured(alias), e.getMessage());
        }
    }

    private static String misconfigured(String alias) {
        return "Sign-in through " + alias + " is not set up correctly (role mapping). Please contact your administrator.";
    }

    private static WebApplicationException refuse(KeycloakSession session, RealmModel realm,
            BrokeredIdentityContext context, String shown, String reason) {
        new EventBuilder(realm, session, session.getContext().getConnection()).event(EventType.IDENTITY_PROVIDER_LOGIN)
                .detail("identity_provider", context.getIdpConfig().getAlias())
                .detail("identity_provider_identity", context.getUsername())
                .detail("reason", reason)
                .error(REFUSED_ERROR);
        return new WebApplicationException(ErrorPage.error(session, context.getAuthenticationSession(),
                Response.Status.FORBIDDEN, shown));
    }

    /** The settings an administrator fills in: {@link RoleMappingConfig}'s keys plus {@link #GROUPS_ATTRIBUTE}. */
    static final class ConfigProperties {

        static final List<ProviderConfigProperty> ALL = build();

        private ConfigProperties() {
        }

        private static List<ProviderConfigProperty> build() {
            List<ProviderConfigProperty> all = new ArrayList<>();
            all.add(property(RoleMappingConfig.ROLE_ATTRIBUTE, "Role attribute", ProviderConfigProperty.STRING_TYPE, null,
                    "SAML attribute (Name, FriendlyName, or last segment of a URI Name) or OIDC claim carrying the role,"
                            + " e.g. role, roles, userType."));
            all.add(property(RoleMappingConfig.ROLES, "Role table", ProviderConfigProperty.TEXT_TYPE, null,
                    "Highest first, one entry per line or separated by ';': VALUE=realm:<role> or"
                            + " VALUE=client:<clientId>:<role>, several separated by ','. Example: ADMINISTRATOR=realm:administrator;"
                            + " ANALYST=realm:analyst"));
            all.add(property(RoleMappingConfig.DEFAULT_ROLE, "Default role", ProviderConfigProperty.STRING_TYPE, null,
                    "Value of the table given when no attribute or group names a role. Default: the last (lowest) entry."));
            all.add(list(RoleMappingConfig.UNKNOWN_ROLE, "Unknown role", "REJECT",
                    "REJECT: an unknown value ends the login on an error page naming the allowed values. DEFAULT: ignore it.",
                    "REJECT", "DEFAULT"));
            all.add(property(RoleMappingConfig.CASE_SENSITIVE, "Case-sensitive values", ProviderConfigProperty.BOOLEAN_TYPE,
                    "false", "Compare role values and group names with case."));
            all.add(property(GROUPS_ATTRIBUTE, "Groups attribute", ProviderConfigProperty.STRING_TYPE,
                    DEFAULT_GROUPS_ATTRIBUTE, "SAML attribute or OIDC claim listing the user's groups, read by the group rules."));
            all.add(property(RoleMappingConfig.GROUP_ROLES, "Group rules", ProviderConfigProperty.TEXT_TYPE, null,
                    "GROUP=VALUE, one per line or separated by ';': membership in GROUP grants that value of the table."));
            all.add(list(RoleMappingConfig.PRECEDENCE, "Precedence", "HIGHEST",
                    "When the attribute and the groups name different roles: HIGHEST (the higher), ATTRIBUTE or GROUPS.",
                    "HIGHEST", "ATTRIBUTE", "GROUPS"));
            all.add(property(RoleMappingConfig.TEAM_ATTRIBUTE, "Team attribute", ProviderConfigProperty.STRING_TYPE, null,
                    "SAML attribute or OIDC claim naming the team, e.g. division or department. Empty: teams are not managed."));
            all.add(property(RoleMappingConfig.TEAM_PARENT, "Team parent group", ProviderConfigProperty.STRING_TYPE, null,
                    "Top-level group whose direct children are the teams. Default: Teams."));
            all.add(property(RoleMappingConfig.DEFAULT_TEAM, "Default team", ProviderConfigProperty.STRING_TYPE, null,
                    "Team given when the team attribute is missing."));
            all.add(list(RoleMappingConfig.UNKNOWN_TEAM, "Unknown team", "REJECT",
                    "REJECT: a team that matches no group exactly ends the login on an error page. CREATE: create the group.",
                    "REJECT", "CREATE"));
            return List.copyOf(all);
        }

        private static ProviderConfigProperty property(String name, String label, String type, String defaultValue,
                String help) {
            ProviderConfigProperty property = new ProviderConfigProperty();
            property.setName(name);
            property.setLabel(label);
            property.setType(type);
            property.setHelpText(help);
            property.setDefaultValue(defaultValue);
            return property;
        }

        private static ProviderConfigProperty list(String name, String label, String defaultValue, String help,
                String... options) {
            ProviderConfigProperty property = property(name, label, ProviderConfigProperty.LIST_TYPE, defaultValue, help);
            property.setOptions(List.of(options));
            return property;
        }
    }
}
