package dev.enterpriseconnect.scim.provisioning;

import java.util.function.Function;

import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;

import dev.enterpriseconnect.lifecycle.invitation.InvitationProfileDeclaration;
import dev.enterpriseconnect.scim.connector.ScimConnector;
import dev.enterpriseconnect.scim.endpoint.ScimRequestContext;
import dev.enterpriseconnect.scim.log.ScimRequestLog;
import dev.enterpriseconnect.scim.protocol.ScimException;
import dev.enterpriseconnect.scim.user.UserProfileDeclaration;
import dev.enterpriseconnect.storage.KeycloakDatabase;

/**
 * Runs one SCIM write as one database transaction, so that what the client is told is what the
 * database holds: a SCIM error rolls everything back (events and outbox rows included), and the
 * database's own failures (a concurrent twin's unique key, a lock that timed out) surface before
 * the answer is built and become SCIM errors instead of Keycloak's bare 500. /Bulk runs each
 * operation through {@link #runApart}, committed on its own, so each is atomic on its own.
 */
public final class ProvisioningTransaction {

    private static final Logger LOG = Logger.getLogger(ProvisioningTransaction.class);

    /** Seconds a client is asked to wait after losing a race on a database lock. */
    static final int RETRY_AFTER_SECONDS = 1;

    private ProvisioningTransaction() {
    }

    /** A single-resource write: in the request's own transaction (see {@link #inRequestTransaction}). */
    public static <T> T run(ScimRequestContext request, Function<ScimRequestContext, T> work) {
        return logged(request, runTransaction(request, work, false));
    }

    /** One /Bulk operation: always a transaction of its own, committed before the next operation runs. */
    public static <T> T runApart(ScimRequestContext request, Function<ScimRequestContext, T> work) {
        return logged(request, runTransaction(request, work, true));
    }

    /** Notes on the request's log row which resource the write touched. */
    private static <T> T logged(ScimRequestContext request, T result) {
        if (result instanceof ProvisioningResult done) {
            ScimRequestLog.wrote(request.session(), null, done.id(), done.resource());
        }
        return result;
    }

    private static <T> T runTransaction(ScimRequestContext request, Function<ScimRequestContext, T> work, boolean apart) {
        KeycloakSession outer = request.session();
        String realmId = request.realm().getId();
        String connectorId = request.connector().id();
        ListTotals.writing(outer, realmId);
        try {
            // Committed before the work's session opens, so the work sees the declared attributes.
            boolean declaredNow = UserProfileDeclaration.ensure(outer, request.realm())
                    | InvitationProfileDeclaration.ensure(outer, request.realm());
            if (!apart && !declaredNow) {
                return inRequestTransaction(request, work);
            }
            return KeycloakModelUtils.runJobInTransactionWithResult(outer.getKeycloakSessionFactory(), outer.getContext(),
                    session -> {
                        RealmModel realm = session.realms().getRealm(realmId);
                        session.getContext().setRealm(realm);
                        ScimConnector connector = ScimConnector.byId(realm, connectorId)
                                .orElseThrow(() -> ScimException.of(404, null, "This connector was deleted"));
                        T result = work.apply(new ScimRequestContext(session, realm, connector));
                        // Constraint and lock failures surface here, inside the mapping below, not at commit.
                        KeycloakDatabase.entityManager(session).flush();
                        return result;
                    }, "scim " + request.connector().name());
        } catch (ScimException e) {
            throw e;
        } catch (RuntimeException e) {
            throw translate(e, request);
        }
    }

    /**
     * The work in Keycloak's request transaction, which Keycloak commits once the answer is built:
     * a second session and transaction per request would cost a third of a create. Any failure
     * marks the transaction rollback-only, so a SCIM error changes nothing; the flush before the
     * answer is built surfaces constraint and lock failures here, where they become SCIM errors.
     * Only the first write of a realm on a node, which declared its profile attributes in a
     * transaction of their own, runs in a fresh session that sees them.
     */
    private static <T> T inRequestTransaction(ScimRequestContext request, Function<ScimRequestContext, T> work) {
        KeycloakSession session = request.session();
        try {
            T result = work.apply(request);
            KeycloakDatabase.entityManager(session).flush();
            return result;
        } catch (RuntimeException e) {
            session.getTransactionManager().setRollbackOnly();
            throw e;
        }
    }

    /** A database failure as the SCIM error a client can act on. */
    static ScimException translate(RuntimeException e, ScimRequestContext request) {
        if (DatabaseFailure.isDuplicate(e)) {
            return ScimException.uniqueness("A resource with the same unique value was created concurrently");
        }
        if (DatabaseFailure.isContention(e)) {
            Throwable cause = e;
            while (cause.getCause() != null && cause.getCause() != cause) {
                cause = cause.getCause();
            }
            LOG.infof("SCIM write of connector %s in realm %s lost a lock race, answered 503: %s",
                    request.connector().name(), request.realm().getName(), cause.toString());
            return ScimException.retryLater(RETRY_AFTER_SECONDS,
                    "Another request was changing the same data; nothing was changed, retry");
        }
        LOG.errorf(e, "SCIM write of connector %s in realm %s failed", request.connector().name(),
                request.realm().getName());
        return ScimException.of(500, null, "The server could not complete the request; nothing was changed");
    }
}
