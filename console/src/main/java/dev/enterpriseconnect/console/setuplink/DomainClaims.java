package dev.enterpriseconnect.console.setuplink;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.keycloak.common.util.Time;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.OrganizationDomainModel;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.organization.OrganizationProvider;

import dev.enterpriseconnect.console.idp.MetadataImport;
import dev.enterpriseconnect.scim.protocol.ScimException;
import dev.enterpriseconnect.storage.KeycloakDatabase;
import jakarta.persistence.EntityManager;

/**
 * Domains must be proven before they route anyone: one typed on a setup page is a claim kept apart
 * from the Organization, so Keycloak's routing and our account linking never see it. It joins the
 * Organization (verified) once its TXT record is found or a vendor administrator approves it.
 * Otherwise one customer could send another company's employees to its own IdP.
 */
public final class DomainClaims {

    public static final String RECORD_PREFIX = "_enterprise-connect.";
    public static final String VALUE_PREFIX = "enterprise-connect-domain-verification=";

    /** Mail providers anyone can have an address at: no Organization may own them. */
    static final Set<String> PUBLIC_EMAIL_DOMAINS = Set.of("gmail.com", "googlemail.com", "outlook.com", "hotmail.com",
            "live.com", "msn.com", "yahoo.com", "ymail.com", "icloud.com", "me.com", "mac.com", "aol.com", "proton.me",
            "protonmail.com", "gmx.com", "gmx.de", "gmx.net", "web.de", "mail.com", "yandex.com", "yandex.ru", "qq.com",
            "163.com", "126.com", "zoho.com", "fastmail.com", "hey.com", "tutanota.com", "mail.ru", "outlook.de",
            "hotmail.co.uk", "yahoo.co.uk", "t-online.de", "orange.fr", "free.fr", "naver.com");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final KeycloakSession session;
    private final RealmModel realm;
    private final String dnsServer;

    public DomainClaims(KeycloakSession session, RealmModel realm, String dnsServer) {
        this.session = session;
        this.realm = realm;
        this.dnsServer = dnsServer;
    }

    /** Claims the typed domains for the Organization; all are checked first, so a refusal stores none. */
    public List<DomainClaimEntity> claim(OrganizationModel organization, String linkId, List<String> typed) {
        Set<String> names = MetadataImport.domains(typed);
        if (names.isEmpty()) {
            throw ScimException.invalidValue("List at least one email domain, e.g. example.com");
        }
        OrganizationProvider organizations = session.getProvider(OrganizationProvider.class);
        Set<String> own = organization.getDomains().map(OrganizationDomainModel::getName).collect(Collectors.toSet());
        for (String name : names) {
            if (PUBLIC_EMAIL_DOMAINS.contains(name)) {
                throw ScimException.invalidValue(name + " is a public email provider: anyone can have an address there,"
                        + " so it cannot route to your identity provider");
            }
            OrganizationModel owner = organizations.getByDomainName(name);
            if (owner != null && !owner.getId().equals(organization.getId())) {
                // Not the other Organization's name: this page shows nothing of another customer.
                throw ScimException.uniqueness(name + " is already registered to another customer; if it is yours,"
                        + " ask your contact at the vendor");
            }
        }
        List<DomainClaimEntity> claimed = new ArrayList<>();
        for (String name : names) {
            DomainClaimEntity existing = find(organization.getId(), name);
            if (existing != null) {
                claimed.add(existing);
                continue;
            }
            DomainClaimEntity claim = new DomainClaimEntity();
            claim.setId(KeycloakModelUtils.generateId());
            claim.setRealmId(realm.getId());
            claim.setOrganizationId(organization.getId());
            claim.setLinkId(linkId);
            claim.setName(name);
            byte[] random = new byte[16];
            RANDOM.nextBytes(random);
            claim.setChallenge(HexFormat.of().formatHex(random));
            claim.setCreatedAt(Time.currentTimeMillis());
            if (own.contains(name)) {
                // Already the Organization's (a vendor administrator added it): nothing to prove.
                claim.setVerifiedAt(Time.currentTimeMillis());
                claim.setVerifiedBy("organization");
            }
            em().persist(claim);
            claimed.add(claim);
        }
        return claimed;
    }

    public List<DomainClaimEntity> of(String organizationId) {
        return em().createQuery("select c from DomainClaimEntity c where c.realmId = :realm and c.organizationId = :org"
                        + " order by c.name", DomainClaimEntity.class)
                .setParameter("realm", realm.getId()).setParameter("org", organizationId).getResultList();
    }

    public List<DomainClaimEntity> all() {
        return em().createQuery("select c from DomainClaimEntity c where c.realmId = :realm order by c.createdAt desc",
                DomainClaimEntity.class).setParameter("realm", realm.getId()).setMaxResults(500).getResultList();
    }

    /** Looks up the TXT record of each unproven claim of the Organization; those found join it. */
    public List<DomainClaimEntity> verify(OrganizationModel organization) {
        DnsTxtLookup dns = new DnsTxtLookup(dnsServer);
        List<DomainClaimEntity> claims = of(organization.getId());
        for (DomainClaimEntity claim : claims) {
            if (claim.getVerifiedAt() == null && dns.txt(recordName(claim)).contains(recordValue(claim))) {
                promote(organization, claim, "dns");
            }
        }
        return claims;
    }

    /** A vendor administrator vouches for the domain. */
    public DomainClaimEntity approve(String claimId, String administrator) {
        DomainClaimEntity claim = em().find(DomainClaimEntity.class, claimId);
        if (claim == null || !realm.getId().equals(claim.getRealmId())) {
            throw ScimException.notFound("No domain claim with id " + claimId);
        }
        OrganizationModel organization = session.getProvider(OrganizationProvider.class).getById(claim.getOrganizationId());
        if (organization == null) {
            throw ScimException.notFound("The claim's Organization no longer exists");
        }
        if (claim.getVerifiedAt() == null) {
            promote(organization, claim, "admin:" + administrator);
        }
        return claim;
    }

    public static String recordName(DomainClaimEntity claim) {
        return RECORD_PREFIX + claim.getName();
    }

    public static String recordValue(DomainClaimEntity claim) {
        return VALUE_PREFIX + claim.getChallenge();
    }

    private void promote(OrganizationModel organization, DomainClaimEntity claim, String by) {
        OrganizationModel owner = session.getProvider(OrganizationProvider.class).getByDomainName(claim.getName());
        if (owner != null && !owner.getId().equals(organization.getId())) {
            throw ScimException.uniqueness(claim.getName() + " was proven by another customer first");
        }
        Set<OrganizationDomainModel> domains = organization.getDomains()
                .filter(d -> !d.getName().equals(claim.getName()))
                .collect(Collectors.toCollection(LinkedHashSet::new));
        domains.add(new OrganizationDomainModel(claim.getName(), true));
        organization.setDomains(domains);
        claim.setVerifiedAt(Time.currentTimeMillis());
        claim.setVerifiedBy(by);
    }

    private DomainClaimEntity find(String organizationId, String name) {
        List<DomainClaimEntity> found = em().createQuery("select c from DomainClaimEntity c where c.realmId = :realm"
                        + " and c.organizationId = :org and c.name = :name", DomainClaimEntity.class)
                .setParameter("realm", realm.getId()).setParameter("org", organizationId).setParameter("name", name)
                .getResultList();
        return found.isEmpty() ? null : found.get(0);
    }

    private EntityManager em() {
        return KeycloakDatabase.entityManager(session);
    }
}
