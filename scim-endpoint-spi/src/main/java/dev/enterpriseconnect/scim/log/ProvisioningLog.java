package dev.enterpriseconnect.scim.log;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.KeycloakTransaction;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;

import dev.enterpriseconnect.scim.connector.ScimConnector;
import dev.enterpriseconnect.storage.KeycloakDatabase;
import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;

/**
 * The provisioning log's storage: writing a row (one INSERT, no read), the admin API's reads and the
 * sweep's purge. Every read is a range of the per-connector (connector, time) index.
 */
public final class ProvisioningLog {

    public static final String KIND_SCIM = "scim";
    public static final String KIND_LOGIN = "login";
    static final long DAY_MILLIS = 24L * 3600 * 1000;

    private static final Logger LOG = Logger.getLogger(ProvisioningLog.class);

    private ProvisioningLog() {
    }

    /**
     * Writes the row of a finished SCIM request. A read answered without an error hands its row to
     * {@link ReadRowWriter}. Any other request whose transaction will commit gets its
     * row in that transaction (its effects and its row are kept or lost together); a request whose
     * transaction rolls back gets its row once the rollback is done, in a transaction of its own,
     * so the failure is logged and nothing else of it is.
     */
    static void record(KeycloakSession session, ProvisioningLogEntity row) {
        var transaction = session.getTransactionManager();
        if (transaction.isActive() && !transaction.getRollbackOnly()) {
            if ("GET".equals(row.getMethod()) && row.getStatus() < 400 && ReadRowWriter.hold(row)) {
                return;
            }
            try {
                KeycloakDatabase.entityManager(session).persist(row);
                return;
            } catch (RuntimeException e) {
                LOG.warnf("Provisioning log row of connector %s not written: %s", row.getConnectorId(), e.toString());
                return;
            }
        }
        KeycloakSessionFactory factory = session.getKeycloakSessionFactory();
        if (transaction.isActive()) {
            transaction.enlistAfterCompletion(new AfterCompletion(() -> writeApart(factory, row)));
        } else {
            // Not expected: the log's response filter runs before Keycloak's commits (see its comment).
            LOG.warnf("Provisioning log row of connector %s written apart: the request's transaction had ended",
                    row.getConnectorId());
            writeApart(factory, row);
        }
    }

    /** A row in a transaction of its own (a failed request's, a failed login's). */
    public static void writeApart(KeycloakSessionFactory factory, ProvisioningLogEntity row) {
        writeApart(factory, List.of(row));
    }

    /** Rows in one transaction of their own (a failed request's, a failed login's, a batch of reads'). */
    static void writeApart(KeycloakSessionFactory factory, List<ProvisioningLogEntity> rows) {
        try {
            KeycloakModelUtils.runJobInTransaction(factory, other -> {
                EntityManager em = KeycloakDatabase.entityManager(other);
                rows.forEach(em::persist);
            });
        } catch (RuntimeException e) {
            LOG.warnf("Provisioning log: %d row(s) not written (the first of connector %s): %s", rows.size(),
                    rows.get(0).getConnectorId(), e.toString());
        }
    }

    /** Writes the rows of reads this node still holds (see {@link ReadRowWriter}): call before reading rows. */
    public static void writeHeldRows() {
        ReadRowWriter.writeHeldRows();
    }

    /** Newest first; {@code query} holds the admin API's filters. */
    public static List<ProvisioningLogEntity> read(KeycloakSession session, String connectorId, LogQuery query) {
        writeHeldRows();
        StringBuilder where = new StringBuilder("from ProvisioningLogEntity r where r.connectorId = :connector");
        if (query.since() != null) {
            where.append(" and r.createdAt >= :since");
        }
        if (query.until() != null) {
            where.append(" and r.createdAt < :until");
        }
        if (query.status() != null) {
            where.append(" and r.status = :status");
        } else if (query.statusFrom() != null) {
            where.append(" and r.status >= :statusFrom and r.status < :statusTo");
        }
        if (query.user() != null) {
            where.append(" and (r.resourceId = :user or r.userName = :user)");
        }
        TypedQuery<ProvisioningLogEntity> select = KeycloakDatabase.entityManager(session)
                .createQuery("select r " + where + NEWEST_FIRST, ProvisioningLogEntity.class)
                .setParameter("connector", connectorId);
        if (query.since() != null) {
            select.setParameter("since", query.since());
        }
        if (query.until() != null) {
            select.setParameter("until", query.until());
        }
        if (query.status() != null) {
            select.setParameter("status", query.status());
        } else if (query.statusFrom() != null) {
            select.setParameter("statusFrom", query.statusFrom()).setParameter("statusTo", query.statusFrom() + 100);
        }
        if (query.user() != null) {
            select.setParameter("user", query.user());
        }
        return select.setFirstResult(query.first()).setMaxResults(query.max()).getResultList();
    }

    /** Last SCIM request seen, and requests and errors (status 400 and above) in the 24 hours before {@code now}. */
    public static Summary summary(KeycloakSession session, String connectorId, long now) {
        writeHeldRows();
        EntityManager em = KeycloakDatabase.entityManager(session);
        Long last = em.createQuery("select max(r.createdAt) from ProvisioningLogEntity r where r.connectorId = :connector"
                        + " and r.kind = :kind", Long.class)
                .setParameter("connector", connectorId).setParameter("kind", KIND_SCIM).getSingleResult();
        Object[] counts = em.createQuery("select count(r), coalesce(sum(case when r.status >= 400 then 1 else 0 end), 0)"
                        + " from ProvisioningLogEntity r where r.connectorId = :connector and r.createdAt >= :since"
                        + " and r.kind = :kind", Object[].class)
                .setParameter("connector", connectorId).setParameter("since", now - DAY_MILLIS)
                .setParameter("kind", KIND_SCIM).getSingleResult();
        return new Summary(last, ((Number) counts[0]).intValue(), ((Number) counts[1]).intValue());
    }

    public record Summary(Long lastRequestAt, int requestsLast24h, int errorsLast24h) {
    }

    /**
     * The sweep's step in one realm: rows past each connector's retention, rows beyond its newest
     * {@code logMaxRows}, and rows of connectors deleted since. Each is a ranged delete of at most
     * {@code batch} rows (the oldest first), bounded by one read of the index it walks, so a run's
     * cost depends neither on how many rows stay nor on how many are due: the rest go in the next runs.
     */
    public static void purge(KeycloakSession session, RealmModel realm, long now, int batch) {
        EntityManager em = KeycloakDatabase.entityManager(session);
        List<ScimConnector> connectors = ScimConnector.all(realm).toList();
        int removed = 0;
        for (ScimConnector connector : connectors) {
            LogSettings settings = LogSettings.of(connector.component());
            removed += deleteLowest(em, connector.id(), "createdAt", now - settings.retention().toMillis(), batch);
            removed += purgeBeyondCap(em, connector.id(), settings.maxRows(), batch);
        }
        Set<String> ids = connectors.stream().map(ScimConnector::id).collect(Collectors.toSet());
        List<String> logged = em.createQuery("select distinct r.connectorId from ProvisioningLogEntity r"
                        + " where r.realmId = :realm", String.class)
                .setParameter("realm", realm.getId()).getResultList();
        for (String unknown : logged) {
            // The list above may predate a connector created while this step ran: the database decides.
            if (!ids.contains(unknown) && em.createQuery("select count(c) from ComponentEntity c where c.id = :id",
                    Long.class).setParameter("id", unknown).getSingleResult() == 0) {
                removed += deleteLowest(em, unknown, "seq", Long.MAX_VALUE, batch);
            }
        }
        if (removed > 0) {
            LOG.debugf("Provisioning log: %d row(s) purged in realm %s", removed, realm.getName());
        }
    }

    /**
     * Deletes the connector's rows whose {@code column} ({@code createdAt} or {@code seq}) is below
     * {@code limit}, the lowest {@code batch} at most: the (batch+1)th lowest due value bounds the delete.
     */
    private static int deleteLowest(EntityManager em, String connectorId, String column, long limit, int batch) {
        List<Long> bound = em.createQuery("select r." + column + " from ProvisioningLogEntity r"
                        + " where r.connectorId = :connector and r." + column + " < :limit order by r." + column, Long.class)
                .setParameter("connector", connectorId).setParameter("limit", limit)
                .setFirstResult(batch).setMaxResults(1).getResultList();
        return em.createQuery("delete from ProvisioningLogEntity r where r.connectorId = :connector"
                        + " and r." + column + " < :limit")
                .setParameter("connector", connectorId)
                .setParameter("limit", bound.isEmpty() ? limit : Math.min(limit, bound.get(0)))
                .executeUpdate();
    }

    /** The log's order, newest first: time, then seq (a read's row may be inserted after a later write's). */
    private static final String NEWEST_FIRST = " order by r.createdAt desc, r.seq desc";
    private static final String OLDEST_FIRST = " order by r.createdAt, r.seq";

    /**
     * Deletes the connector's rows listed after its newest {@code maxRows}, the oldest {@code batch} at
     * most. "After" is the order the log is read in, so the rows kept are the ones an administrator sees first.
     */
    private static int purgeBeyondCap(EntityManager em, String connectorId, int maxRows, int batch) {
        List<Object[]> lastKept = em.createQuery("select r.createdAt, r.seq from ProvisioningLogEntity r"
                        + " where r.connectorId = :connector" + NEWEST_FIRST, Object[].class)
                .setParameter("connector", connectorId).setFirstResult(maxRows - 1).setMaxResults(1).getResultList();
        if (lastKept.isEmpty()) {
            return 0;
        }
        // The (batch+1)th oldest row: rows before it are at most batch.
        List<Object[]> batchEnd = em.createQuery("select r.createdAt, r.seq from ProvisioningLogEntity r"
                        + " where r.connectorId = :connector" + OLDEST_FIRST, Object[].class)
                .setParameter("connector", connectorId).setFirstResult(batch).setMaxResults(1).getResultList();
        Object[] bound = lastKept.get(0);
        if (!batchEnd.isEmpty() && before(batchEnd.get(0), bound)) {
            bound = batchEnd.get(0);
        }
        return em.createQuery("delete from ProvisioningLogEntity r where r.connectorId = :connector"
                        + " and (r.createdAt < :time or (r.createdAt = :time and r.seq < :seq))")
                .setParameter("connector", connectorId).setParameter("time", bound[0]).setParameter("seq", bound[1])
                .executeUpdate();
    }

    /** Whether row {@code a} ({@code createdAt, seq}) is listed before row {@code b} in the oldest-first order. */
    private static boolean before(Object[] a, Object[] b) {
        int byTime = Long.compare((Long) a[0], (Long) b[0]);
        return byTime < 0 || byTime == 0 && Long.compare((Long) a[1], (Long) b[1]) < 0;
    }

    /** Runs work once the request's transaction has ended, whichever way. */
    private record AfterCompletion(Runnable work) implements KeycloakTransaction {
        @Override
        public void begin() {
        }

        @Override
        public void commit() {
            work.run();
        }

        @Override
        public void rollback() {
            work.run();
        }

        @Override
        public void setRollbackOnly() {
        }

        @Override
        public boolean getRollbackOnly() {
            return false;
        }

        @Override
        public boolean isActive() {
            return true;
        }
    }
}
