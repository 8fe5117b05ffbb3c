package dev.enterpriseconnect.console.setuplink;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;

import org.keycloak.common.util.Time;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.organization.OrganizationProvider;

import dev.enterpriseconnect.scim.protocol.ScimException;
import dev.enterpriseconnect.storage.KeycloakDatabase;
import jakarta.persistence.EntityManager;

/**
 * The rules of setup links: how long one lives, which Organization it serves, and whether a token
 * opens one. Every read is by realm, so a link never reaches past its own realm.
 */
public final class SetupLinks {

    public static final Duration DEFAULT_LIFETIME = Duration.ofDays(7);
    public static final Duration MAX_LIFETIME = Duration.ofDays(30);

    private final KeycloakSession session;
    private final RealmModel realm;

    public SetupLinks(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
    }

    /** A new link and its token, which only the caller ever sees. */
    public record Issued(SetupLinkEntity link, String token) {
    }

    /** Why a token opens nothing; the page tells the IT admin which, and whom to ask. */
    public enum Refusal { UNKNOWN, EXPIRED, REVOKED }

    /** A link a token opened, or why it opened none (with the link when there is one). */
    public record Opened(SetupLinkEntity link, Refusal refusal) {
        public boolean ok() {
            return refusal == null;
        }
    }

    public Issued create(OrganizationModel organization, String connectorId, String expiresIn, String createdBy,
            String contact) {
        Duration lifetime = lifetime(expiresIn);
        long now = Time.currentTimeMillis();
        String token = SetupLinkToken.issue(session, realm);
        SetupLinkEntity link = new SetupLinkEntity();
        link.setId(KeycloakModelUtils.generateId());
        link.setRealmId(realm.getId());
        link.setOrganizationId(organization.getId());
        link.setConnectorId(connectorId);
        link.setTokenHash(SetupLinkToken.hash(token));
        link.setCreatedAt(now);
        link.setExpiresAt(now + lifetime.toMillis());
        link.setCreatedBy(createdBy);
        link.setContact(contact == null || contact.isBlank() ? createdBy : contact.strip());
        em().persist(link);
        return new Issued(link, token);
    }

    public List<SetupLinkEntity> list(String organizationId) {
        String where = organizationId == null ? "" : " and l.organizationId = :organization";
        var query = em().createQuery("select l from SetupLinkEntity l where l.realmId = :realm" + where
                + " order by l.createdAt desc", SetupLinkEntity.class).setParameter("realm", realm.getId());
        if (organizationId != null) {
            query.setParameter("organization", organizationId);
        }
        return query.setMaxResults(500).getResultList();
    }

    public SetupLinkEntity byId(String id) {
        SetupLinkEntity link = em().find(SetupLinkEntity.class, id);
        if (link == null || !realm.getId().equals(link.getRealmId())) {
            throw ScimException.notFound("No setup link with id " + id);
        }
        return link;
    }

    public SetupLinkEntity revoke(String id) {
        SetupLinkEntity link = byId(id);
        if (link.getRevokedAt() == null) {
            link.setRevokedAt(Time.currentTimeMillis());
        }
        return link;
    }

    /** The link this token opens now: signed, known in this realm, not revoked, not expired. */
    public Opened open(String token) {
        if (!SetupLinkToken.signed(session, realm, token)) {
            return new Opened(null, Refusal.UNKNOWN);
        }
        List<SetupLinkEntity> found = em().createQuery("select l from SetupLinkEntity l where l.tokenHash = :hash"
                        + " and l.realmId = :realm", SetupLinkEntity.class)
                .setParameter("hash", SetupLinkToken.hash(token)).setParameter("realm", realm.getId()).getResultList();
        if (found.isEmpty()) {
            return new Opened(null, Refusal.UNKNOWN);
        }
        SetupLinkEntity link = found.get(0);
        if (link.getRevokedAt() != null) {
            return new Opened(link, Refusal.REVOKED);
        }
        if (Time.currentTimeMillis() >= link.getExpiresAt()) {
            return new Opened(link, Refusal.EXPIRED);
        }
        OrganizationModel organization = organization(link);
        if (organization == null) {
            return new Opened(link, Refusal.REVOKED);
        }
        return new Opened(link, null);
    }

    public OrganizationModel organization(SetupLinkEntity link) {
        OrganizationProvider organizations = session.getProvider(OrganizationProvider.class);
        return organizations == null ? null : organizations.getById(link.getOrganizationId());
    }

    public static String status(SetupLinkEntity link) {
        if (link.getRevokedAt() != null) {
            return "revoked";
        }
        return Time.currentTimeMillis() >= link.getExpiresAt() ? "expired" : "active";
    }

    /** ISO-8601 ({@code P7D}, {@code PT2H}) or a number of days; default 7 days, at most 30. */
    static Duration lifetime(String expiresIn) {
        if (expiresIn == null || expiresIn.isBlank()) {
            return DEFAULT_LIFETIME;
        }
        Duration lifetime;
        try {
            lifetime = expiresIn.strip().matches("\\d{1,3}") ? Duration.ofDays(Long.parseLong(expiresIn.strip()))
                    : Duration.parse(expiresIn.strip());
        } catch (DateTimeParseException e) {
            throw ScimException.invalidValue("expiresIn must be a number of days or an ISO-8601 duration such as P7D");
        }
        if (lifetime.isNegative() || lifetime.isZero() || lifetime.compareTo(MAX_LIFETIME) > 0) {
            throw ScimException.invalidValue("expiresIn must be more than 0 and at most 30 days");
        }
        return lifetime;
    }

    private EntityManager em() {
        return KeycloakDatabase.entityManager(session);
    }
}
