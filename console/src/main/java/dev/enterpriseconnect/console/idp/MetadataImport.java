package dev.enterpriseconnect.console.idp;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.keycloak.broker.provider.IdentityProvider;
import org.keycloak.broker.provider.IdentityProviderFactory;
import org.keycloak.common.util.Time;
import org.keycloak.models.AuthenticationFlowModel;
import org.keycloak.models.IdentityProviderMapperModel;
import org.keycloak.models.IdentityProviderModel;
import org.keycloak.models.IdentityProviderSyncMode;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.OrganizationDomainModel;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.RealmModel;
import org.keycloak.organization.OrganizationProvider;

import dev.enterpriseconnect.rolemapping.RoleMappingConfig;
import dev.enterpriseconnect.rolemapping.broker.SamlRoleMappingMapper;
import dev.enterpriseconnect.scim.connector.ScimConnector;
import dev.enterpriseconnect.console.setup.SetupValues;
import dev.enterpriseconnect.scim.protocol.ScimException;

/**
 * Creates a customer's SAML identity provider from its metadata (a URL or the XML itself), wired the
 * way the README's manual steps wire it: signatures validated, keys refreshed from the metadata URL,
 * email and name importers, the connector's role and team policy, first login linking trusted
 * emails, and the connector's Organization routing its domains to it. Everything is checked before
 * anything is written, so refused metadata leaves the realm as it was.
 */
public final class MetadataImport {

    public static final String SAML = "saml";
    static final int MAX_METADATA_BYTES = 1_048_576;
    static final Duration FETCH_TIMEOUT = Duration.ofSeconds(10);
    private static final Pattern ALIAS = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
    private static final Pattern DOMAIN = Pattern.compile("(?i)[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+");

    private final KeycloakSession session;
    private final RealmModel realm;

    public MetadataImport(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
    }

    /** What the administrator asked for. {@code metadataUrl} or {@code metadataXml}, not both. */
    public record Request(String alias, String displayName, String metadataUrl, String metadataXml, List<String> domains) {
    }

    /** What was created. */
    public record Result(IdentityProviderModel provider, List<SigningCertificate> certificates, List<String> mappers,
            String firstLoginFlow, OrganizationModel organization) {
    }

    public Result create(ScimConnector connector, Request request) {
        String alias = request.alias() == null || request.alias().isBlank() ? SetupValues.defaultSamlAlias(connector) : request.alias();
        if (!ALIAS.matcher(alias).matches()) {
            throw ScimException.invalidValue("alias must be 1-63 lowercase letters, digits or '-'");
        }
        if (session.identityProviders().getByAlias(alias) != null) {
            throw ScimException.uniqueness("An identity provider with alias '" + alias + "' already exists");
        }
        Set<String> domains = domains(request.domains());
        OrganizationModel organization = organization(connector, domains);
        String xml = metadata(request);
        Map<String, String> parsed = parse(xml);
        List<SigningCertificate> certificates;
        try {
            certificates = SigningCertificate.parseAll(parsed.get("signingCertificate"));
        } catch (IllegalArgumentException e) {
            throw ScimException.invalidValue(e.getMessage());
        }
        if (certificates.isEmpty()) {
            throw ScimException.invalidValue("The metadata holds no signing certificate, so the IdP's signatures"
                    + " could not be validated");
        }
        Instant now = Instant.ofEpochMilli(Time.currentTimeMillis());
        if (certificates.stream().allMatch(c -> c.expiredAt(now))) {
            throw ScimException.invalidValue("The metadata's signing certificate (" + certificates.get(0).subject()
                    + ") expired on " + certificates.get(0).notAfter());
        }

        AuthenticationFlowModel flow = FirstLoginFlow.ensure(realm);
        IdentityProviderModel provider = samlFactory().createConfig();
        provider.getConfig().putAll(parsed);
        provider.setAlias(alias);
        provider.setProviderId(SAML);
        provider.setDisplayName(request.displayName() == null || request.displayName().isBlank() ? alias : request.displayName());
        provider.setEnabled(true);
        provider.setTrustEmail(true);
        provider.setStoreToken(false);
        provider.setLinkOnly(false);
        provider.setFirstBrokerLoginFlowId(flow.getId());
        Map<String, String> config = provider.getConfig();
        config.put("syncMode", IdentityProviderSyncMode.FORCE.name());
        config.put("entityId", new SetupValues(session, realm).issuer());
        config.put("nameIDPolicyFormat", "urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress");
        config.put("principalType", "SUBJECT");
        config.put("validateSignature", "true");
        config.put("wantAssertionsSigned", "true");
        config.put("postBindingResponse", "true");
        if (request.metadataUrl() != null && !request.metadataUrl().isBlank()) {
            // Keycloak re-reads the keys from here when a signature no longer verifies: IdP key rotation just works.
            config.put("useMetadataDescriptorUrl", "true");
            config.put("metadataDescriptorUrl", request.metadataUrl().trim());
        }
        if (organization != null) {
            config.put("kc.org.domain", "ANY");
            config.put("kc.org.broker.redirect.mode.email-matches", "true");
        }
        try {
            provider.validate(realm);
        } catch (RuntimeException e) {
            throw ScimException.invalidValue("The metadata does not describe a usable SAML identity provider: " + e.getMessage());
        }
        provider = session.identityProviders().create(provider);

        List<String> mappers = new java.util.ArrayList<>();
        mappers.add(importer(alias, "email", SetupValues.EMAIL, "email"));
        mappers.add(importer(alias, "first name", SetupValues.GIVEN_NAME, "firstName"));
        mappers.add(importer(alias, "last name", SetupValues.SURNAME, "lastName"));
        Map<String, String> policy = policy(connector);
        if (!policy.isEmpty()) {
            mappers.add(mapper(alias, "role and team", SamlRoleMappingMapper.PROVIDER_ID, policy));
        }
        if (organization != null) {
            if (!domains.isEmpty()) {
                Set<OrganizationDomainModel> all = organization.getDomains().collect(Collectors.toCollection(LinkedHashSet::new));
                domains.forEach(d -> all.add(new OrganizationDomainModel(d)));
                organization.setDomains(all);
            }
            session.getProvider(OrganizationProvider.class).addIdentityProvider(organization, provider);
        }
        return new Result(provider, certificates, mappers, flow.getAlias(), organization);
    }

    /** The certificates of an existing SAML provider, for showing subject and expiry again later. */
    public static List<SigningCertificate> certificates(IdentityProviderModel provider) {
        try {
            return SigningCertificate.parseAll(provider.getConfig().get("signingCertificate"));
        } catch (IllegalArgumentException e) {
            return List.of();
        }
    }

    private OrganizationModel organization(ScimConnector connector, Set<String> domains) {
        String id = connector.organizationId();
        if (id == null || id.isBlank()) {
            if (!domains.isEmpty()) {
                throw ScimException.invalidValue("domains need an Organization: this connector has none");
            }
            return null;
        }
        OrganizationProvider organizations = session.getProvider(OrganizationProvider.class);
        OrganizationModel organization = organizations == null ? null : organizations.getById(id);
        if (organization == null) {
            throw ScimException.invalidValue("The connector's Organization " + id + " no longer exists");
        }
        for (String domain : domains) {
            OrganizationModel owner = organizations.getByDomainName(domain);
            if (owner != null && !owner.getId().equals(organization.getId())) {
                throw ScimException.uniqueness("Domain " + domain + " belongs to Organization " + owner.getName());
            }
        }
        return organization;
    }

    /** Lowercased, trimmed, blank entries dropped; a name that is not a domain is refused. */
    public static Set<String> domains(List<String> requested) {
        Set<String> domains = new LinkedHashSet<>();
        if (requested == null) {
            return domains;
        }
        for (String domain : requested) {
            String trimmed = domain == null ? "" : domain.trim().toLowerCase(java.util.Locale.ROOT);
            if (trimmed.isEmpty()) {
                continue;
            }
            if (!DOMAIN.matcher(trimmed).matches()) {
                throw ScimException.invalidValue("'" + domain + "' is not a domain name");
            }
            domains.add(trimmed);
        }
        return domains;
    }

    private static String metadata(Request request) {
        boolean hasUrl = request.metadataUrl() != null && !request.metadataUrl().isBlank();
        boolean hasXml = request.metadataXml() != null && !request.metadataXml().isBlank();
        if (hasUrl == hasXml) {
            throw ScimException.invalidValue("Give either metadataUrl or metadataXml");
        }
        if (hasXml) {
            if (request.metadataXml().length() > MAX_METADATA_BYTES) {
                throw ScimException.invalidValue("The metadata is larger than " + MAX_METADATA_BYTES + " bytes");
            }
            return request.metadataXml();
        }
        URI url;
        try {
            url = URI.create(request.metadataUrl().trim());
        } catch (IllegalArgumentException e) {
            throw ScimException.invalidValue("metadataUrl is not a URL");
        }
        if (!"https".equals(url.getScheme()) && !"http".equals(url.getScheme())) {
            throw ScimException.invalidValue("metadataUrl must be an http or https URL");
        }
        HttpClient client = HttpClient.newBuilder().connectTimeout(FETCH_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NORMAL).build();
        try {
            HttpResponse<InputStream> response = client.send(HttpRequest.newBuilder(url).timeout(FETCH_TIMEOUT)
                    .header("Accept", "application/samlmetadata+xml, application/xml, text/xml, */*;q=0.1").GET().build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = response.body()) {
                if (response.statusCode() != 200) {
                    throw ScimException.invalidValue("The metadata URL answered HTTP " + response.statusCode());
                }
                byte[] bytes = body.readNBytes(MAX_METADATA_BYTES + 1);
                if (bytes.length > MAX_METADATA_BYTES) {
                    throw ScimException.invalidValue("The metadata is larger than " + MAX_METADATA_BYTES + " bytes");
                }
                return new String(bytes, StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw ScimException.invalidValue("Could not read the metadata URL: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ScimException.retryLater(1, "Interrupted while reading the metadata URL");
        }
    }

    private Map<String, String> parse(String xml) {
        Map<String, String> parsed;
        try {
            parsed = samlConfig(xml);
        } catch (RuntimeException e) {
            throw ScimException.invalidValue("Not SAML identity provider metadata: " + reason(e));
        }
        if (parsed == null || parsed.get("singleSignOnServiceUrl") == null || parsed.get("singleSignOnServiceUrl").isBlank()) {
            throw ScimException.invalidValue("Not SAML identity provider metadata: no IDPSSODescriptor with a"
                    + " SingleSignOnService");
        }
        return new HashMap<>(parsed);
    }

    @SuppressWarnings("unchecked")
    private Map<String, String> samlConfig(String xml) {
        return samlFactory().parseConfig(session, xml);
    }

    private static String reason(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return message.length() > 300 ? message.substring(0, 300) : message;
    }

    @SuppressWarnings({"rawtypes"})
    private IdentityProviderFactory samlFactory() {
        return (IdentityProviderFactory) session.getKeycloakSessionFactory().getProviderFactory(IdentityProvider.class, SAML);
    }

    private static Map<String, String> policy(ScimConnector connector) {
        Map<String, String> policy = new HashMap<>();
        for (String key : RoleMappingConfig.PROPERTY_NAMES) {
            String value = connector.component().get(key);
            if (value != null && !value.isBlank()) {
                policy.put(key, value);
            }
        }
        if (!policy.isEmpty()) {
            // Login-only setting of our mapper: the SAML attribute listing the user's groups.
            policy.put("groupsAttribute", "groups");
        }
        return policy;
    }

    private String importer(String alias, String name, String attribute, String userAttribute) {
        return mapper(alias, name, "saml-user-attribute-idp-mapper", Map.of("attribute.name", attribute,
                "user.attribute", userAttribute));
    }

    private String mapper(String alias, String name, String type, Map<String, String> settings) {
        IdentityProviderMapperModel mapper = new IdentityProviderMapperModel();
        mapper.setName(name);
        mapper.setIdentityProviderAlias(alias);
        mapper.setIdentityProviderMapper(type);
        Map<String, String> config = new HashMap<>(settings);
        config.put("syncMode", IdentityProviderSyncMode.FORCE.name());
        mapper.setConfig(config);
        session.identityProviders().createMapper(mapper);
        return name;
    }
}
