package dev.enterpriseconnect.console.setuplink;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.keycloak.common.util.Time;
import org.keycloak.component.ComponentModel;
import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;
import org.keycloak.models.IdentityProviderModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.RealmModel;

import dev.enterpriseconnect.console.idp.MetadataImport;
import dev.enterpriseconnect.console.setup.SetupValues;
import dev.enterpriseconnect.login.accountlinking.TrustedEmailAccountLinker;
import dev.enterpriseconnect.scim.connector.ScimConnector;
import dev.enterpriseconnect.scim.connector.admin.ConnectorCredentials;
import dev.enterpriseconnect.scim.endpoint.ScimAdminEvents;
import dev.enterpriseconnect.scim.log.LogSettings;
import dev.enterpriseconnect.scim.log.ProvisioningLog;
import dev.enterpriseconnect.scim.log.ProvisioningLogEntity;
import dev.enterpriseconnect.scim.protocol.ScimException;
import dev.enterpriseconnect.scim.protocol.ScimJson;
import dev.enterpriseconnect.storage.KeycloakDatabase;

/**
 * What an opened setup link may do, all of it on the link's own Organization and connector: the
 * values to paste, the identity provider from metadata, domain claims and their proof, the SCIM
 * secret (shown once) and the connection status. Every step is recorded as an admin event and in
 * the connector's provisioning log.
 */
final class SetupPage {

    static final String LOGO_ATTRIBUTE = "enterpriseConnectLogoUrl";
    static final String EVENT_CLIENT = "enterprise-connect-setup-link";
    static final String KIND = "setup";
    static final int STATUS_ROWS = 20;

    private final KeycloakSession session;
    private final RealmModel realm;
    private final SetupLinkEntity link;
    private final OrganizationModel organization;
    private final ScimConnector connector;
    private final String dnsServer;

    SetupPage(KeycloakSession session, RealmModel realm, SetupLinkEntity link, String dnsServer) {
        this.session = session;
        this.realm = realm;
        this.link = link;
        this.dnsServer = dnsServer;
        this.organization = new SetupLinks(session, realm).organization(link);
        this.connector = ScimConnector.byId(realm, link.getConnectorId())
                .orElseThrow(() -> ScimException.notFound("This link's connector was deleted; ask for a new link"));
        link.setLastUsedAt(Time.currentTimeMillis());
    }

    /** The realm's logo for the page: a realm attribute holding an https URL. */
    static String logoUrl(RealmModel realm) {
        String url = realm.getAttribute(LOGO_ATTRIBUTE);
        return url != null && url.startsWith("https://") ? url : null;
    }

    String identityProviderAlias() {
        return SetupValues.defaultSamlAlias(connector);
    }

    JsonNode overview() {
        ObjectNode answer = ScimJson.object();
        answer.put("realm", realm.getName());
        answer.put("realmDisplayName", realm.getDisplayName() == null || realm.getDisplayName().isBlank()
                ? realm.getName() : realm.getDisplayName());
        answer.put("logoUrl", logoUrl(realm));
        answer.put("organization", organization.getName());
        answer.put("contact", link.getContact());
        answer.put("expiresAt", Instant.ofEpochMilli(link.getExpiresAt()).toString());
        answer.put("connector", connector.name());
        answer.set("values", new SetupValues(session, realm).of(connector, identityProviderAlias(), null));
        ArrayNode okta = answer.putArray("oktaProvisioningActions");
        for (String action : new String[] {"Push New Users", "Push Profile Updates", "Deactivate Users", "Push Groups"}) {
            okta.add(action);
        }
        ArrayNode entra = answer.putArray("entraProvisioningActions");
        for (String action : new String[] {"Provisioning Mode: Automatic", "Create, Update and Delete for users",
                "Provision Microsoft Entra ID Groups", "Scope: Sync only assigned users and groups",
                "Provisioning Status: On"}) {
            entra.add(action);
        }
        answer.set("identityProvider", identityProvider());
        answer.set("domains", domains());
        answer.put("secretCreatedAt", connector.secretCreatedAt());
        return answer;
    }

    JsonNode status() {
        ObjectNode answer = ScimJson.object();
        ArrayNode scim = answer.putArray("scim");
        ProvisioningLog.writeHeldRows();
        KeycloakDatabase.entityManager(session).createQuery("select r from ProvisioningLogEntity r where r.connectorId = :c"
                        + " and r.kind = :kind order by r.createdAt desc, r.seq desc", ProvisioningLogEntity.class)
                .setParameter("c", connector.id()).setParameter("kind", ProvisioningLog.KIND_SCIM)
                .setMaxResults(STATUS_ROWS).getResultList()
                .forEach(r -> scim.addObject().put("time", Instant.ofEpochMilli(r.getCreatedAt()).toString())
                        .put("method", r.getMethod()).put("path", r.getPath()).put("status", r.getStatus())
                        .put("userName", r.getUserName()).put("reason", r.getReason()));
        String via = " via " + identityProviderAlias();
        List<ProvisioningLogEntity> logins = KeycloakDatabase.entityManager(session).createQuery(
                        "select r from ProvisioningLogEntity r where r.connectorId = :c and r.kind = :kind"
                                + " order by r.createdAt desc, r.seq desc", ProvisioningLogEntity.class)
                .setParameter("c", connector.id()).setParameter("kind", ProvisioningLog.KIND_LOGIN)
                .setMaxResults(STATUS_ROWS).getResultList().stream()
                .filter(r -> r.getPath() != null && r.getPath().endsWith(via)).toList();
        ObjectNode login = answer.putObject("login");
        if (logins.isEmpty()) {
            login.put("result", "none");
        } else {
            ProvisioningLogEntity last = logins.get(0);
            boolean ok = last.getStatus() != null && last.getStatus() < 400;
            login.put("result", ok ? "succeeded" : "failed");
            login.put("time", Instant.ofEpochMilli(last.getCreatedAt()).toString());
            login.put("user", last.getUserName());
            login.put("reason", ok ? null : last.getReason());
        }
        answer.put("identityProvider", session.identityProviders().getByAlias(identityProviderAlias()) != null);
        return answer;
    }

    JsonNode createIdentityProvider(JsonNode request) {
        String alias = identityProviderAlias();
        IdentityProviderModel existing = session.identityProviders().getByAlias(alias);
        if (existing != null) {
            if (!organization.getId().equals(existing.getOrganizationId())) {
                throw ScimException.uniqueness("An identity provider named " + alias + " exists and is not this"
                        + " customer's; ask your contact at the vendor");
            }
            // New metadata replaces the old provider; a refusal below rolls the removal back.
            session.identityProviders().remove(alias);
        }
        MetadataImport.Result result = new MetadataImport(session, realm).create(connector, new MetadataImport.Request(
                alias, organization.getName(), text(request, "metadataUrl"), text(request, "metadataXml"), List.of()));
        IdentityProviderModel created = result.provider();
        created.getConfig().put(TrustedEmailAccountLinker.VERIFIED_DOMAINS_ONLY, "true");
        session.identityProviders().update(created);
        String vendor = text(request, "vendor");
        record("identity provider " + (existing == null ? "created" : "replaced")
                + (vendor == null ? "" : " (" + vendor + ")"), 201, null);
        event(OperationType.CREATE, ResourceType.IDENTITY_PROVIDER, "identity-provider/instances/" + alias,
                Map.of("alias", alias));
        return identityProvider();
    }

    JsonNode claimDomains(List<String> typed) {
        new DomainClaims(session, realm, dnsServer).claim(organization, link.getId(), typed);
        record("domains claimed: " + String.join(", ", typed), 200, null);
        event(OperationType.UPDATE, ResourceType.ORGANIZATION, "organizations/" + organization.getId(),
                Map.of("claimed", String.join(",", typed)));
        ObjectNode answer = ScimJson.object();
        answer.set("domains", domains());
        return answer;
    }

    JsonNode verifyDomains() {
        List<DomainClaimEntity> claims = new DomainClaims(session, realm, dnsServer).verify(organization);
        String verified = String.join(", ", claims.stream().filter(c -> c.getVerifiedAt() != null)
                .map(DomainClaimEntity::getName).toList());
        record("domain check, verified: " + (verified.isEmpty() ? "none" : verified), 200, null);
        event(OperationType.ACTION, ResourceType.ORGANIZATION, "organizations/" + organization.getId(),
                Map.of("verified", verified));
        ObjectNode answer = ScimJson.object();
        answer.set("domains", domains());
        return answer;
    }

    /** A new SCIM secret for the IdP's provisioning settings; the old one stops at once. Shown only here. */
    JsonNode generateSecret() {
        ComponentModel component = new ComponentModel(connector.component());
        ObjectNode shownOnce = ScimJson.object();
        new ConnectorCredentials(session, realm).rotate(connector, component, java.time.Duration.ZERO, shownOnce);
        realm.updateComponent(component);
        record("SCIM secret generated", 200, null);
        event(OperationType.ACTION, ResourceType.COMPONENT, "scim-connectors/" + connector.id() + "/rotate-secret",
                Map.of("connector", connector.name()));
        shownOnce.put("scimBaseUrl", new SetupValues(session, realm).of(connector, null, null).path("scim")
                .path("baseUrl").asText());
        return shownOnce;
    }

    /** The page was opened: a use like any other. */
    void opened() {
        record("page opened", 200, null);
        event(OperationType.ACTION, ResourceType.ORGANIZATION, "organizations/" + organization.getId(),
                Map.of("action", "setup page opened"));
    }

    /** A use of the link in the connector's provisioning log, in a transaction of its own. */
    void record(String what, int status, String reason) {
        recordApart(what, status, reason);
    }

    void recordApart(String what, int status, String reason) {
        if (!LogSettings.of(connector.component()).enabled()) {
            return;
        }
        ProvisioningLogEntity row = new ProvisioningLogEntity();
        row.setRealmId(realm.getId());
        row.setConnectorId(connector.id());
        row.setKind(KIND);
        row.setCreatedAt(Time.currentTimeMillis());
        row.setMethod(method());
        row.setPath(cut("setup link " + link.getId() + ": " + what, 512));
        row.setStatus(status);
        row.setReason(reason == null ? null : cut(reason, 1024));
        ProvisioningLog.writeApart(session.getKeycloakSessionFactory(), row);
        if (reason != null) {
            // The request rolls back: its refusal event goes in a transaction of its own.
            Map<String, String> details = Map.of("setupLink", link.getId(), "organization", organization.getId(),
                    "refused", cut(reason, 255));
            String realmId = realm.getId();
            String path = "organizations/" + organization.getId();
            org.keycloak.models.utils.KeycloakModelUtils.runJobInTransaction(session.getKeycloakSessionFactory(),
                    other -> ScimAdminEvents.send(other, other.realms().getRealm(realmId), EVENT_CLIENT, details,
                            OperationType.ACTION, ResourceType.ORGANIZATION, path, null));
        }
    }

    private void event(OperationType operation, ResourceType type, String path, Map<String, String> details) {
        Map<String, String> all = new java.util.HashMap<>(details);
        all.put("setupLink", link.getId());
        all.put("organization", organization.getId());
        ScimAdminEvents.send(session, realm, EVENT_CLIENT, all, operation, type, path, null);
    }

    private ObjectNode identityProvider() {
        String alias = identityProviderAlias();
        IdentityProviderModel provider = session.identityProviders().getByAlias(alias);
        ObjectNode node = ScimJson.object();
        node.put("alias", alias);
        boolean ours = provider != null && organization.getId().equals(provider.getOrganizationId());
        node.put("exists", ours);
        if (ours) {
            node.put("metadataDescriptorUrl", provider.getConfig().get("metadataDescriptorUrl"));
            ArrayNode certificates = node.putArray("signingCertificates");
            MetadataImport.certificates(provider).forEach(c -> certificates.addObject().put("subject", c.subject())
                    .put("notAfter", c.notAfter().toString())
                    .put("expired", c.expiredAt(Instant.ofEpochMilli(Time.currentTimeMillis()))));
        }
        return node;
    }

    private ArrayNode domains() {
        ArrayNode list = ScimJson.object().arrayNode();
        new DomainClaims(session, realm, dnsServer).of(organization.getId()).forEach(c -> list.addObject()
                .put("name", c.getName()).put("verified", c.getVerifiedAt() != null)
                .put("recordName", DomainClaims.recordName(c)).put("recordType", "TXT")
                .put("recordValue", DomainClaims.recordValue(c)));
        return list;
    }

    private String method() {
        var http = session.getContext().getHttpRequest();
        return http == null ? null : http.getHttpMethod();
    }

    private static String text(JsonNode request, String field) {
        JsonNode value = request.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw ScimException.invalidValue(field + " must be a string");
        }
        return value.asText();
    }

    private static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }
}
