package dev.enterpriseconnect.scim.provisioning;

import java.sql.SQLException;
import java.util.Set;

import org.keycloak.models.ModelDuplicateException;

/** Reads what kind of database failure an exception chain carries. */
final class DatabaseFailure {

    /**
     * SQL states of lock waits that timed out, deadlocks and serialization failures: PostgreSQL
     * 40001, 40P01, 55P03; H2 HYT00 (lock timeout) and 40001 (deadlock).
     */
    private static final Set<String> CONTENTION_STATES = Set.of("40001", "40P01", "55P03", "HYT00");
    /** Unique-constraint violations: SQL standard 23505 (PostgreSQL and H2). */
    private static final String UNIQUE_VIOLATION = "23505";

    private DatabaseFailure() {
    }

    static boolean isDuplicate(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ModelDuplicateException
                    || t instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())
                    || t.getClass().getName().endsWith("ConstraintViolationException")) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    static boolean isContention(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            String name = t.getClass().getName();
            if (t instanceof SQLException sql && sql.getSQLState() != null && CONTENTION_STATES.contains(sql.getSQLState())
                    || name.endsWith("LockTimeoutException") || name.endsWith("PessimisticLockException")
                    || name.endsWith("OptimisticLockException") || name.endsWith("StaleObjectStateException")
                    || name.endsWith("StaleStateException") || name.endsWith("LockAcquisitionException")) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }
}
