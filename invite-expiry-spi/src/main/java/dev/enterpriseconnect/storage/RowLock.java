package dev.enterpriseconnect.storage;

import java.util.List;
import java.util.Objects;

import org.keycloak.models.GroupModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

import jakarta.persistence.LockModeType;

/**
 * Locks the row of the user or group a write is about to change, for the rest of the
 * transaction, and reads it fresh from the database afterwards. Concurrent writes of one resource
 * then run one after the other, each seeing the one before: an {@code If-Match} compared after
 * the lock is atomic with the write (exactly one of N requests carrying the same ETag wins), and
 * writes without it never lose each other's changes. Everything that changes a user's rows takes
 * this lock first (SCIM writes, the invitation sweep), so they queue instead of deadlocking.
 */
public final class RowLock {

    private RowLock() {
    }

    /**
     * The locked user, as the database holds it; null when no such user is in the realm. The lock
     * query reads the user's last-modified time: when Keycloak's cached copy shows another, a
     * writer that just released the lock replaced it, and the user is read from the database
     * instead (SCIM writes move that time strictly forward, so no two of them share it).
     */
    public static UserModel user(KeycloakSession session, RealmModel realm, String id) {
        // The whole row, not just its timestamp: the write's own read of it then comes from the persistence context.
        List<Object[]> locked = KeycloakDatabase.entityManager(session).createQuery("select u, u.lastModifiedTimestamp"
                        + " from UserEntity u where u.id = :id and u.realmId = :realm", Object[].class)
                .setParameter("id", id).setParameter("realm", realm.getId())
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .getResultList();
        if (locked.isEmpty()) {
            return null;
        }
        UserModel user = session.users().getUserById(realm, id);
        if (user != null && !Objects.equals(user.getLastModifiedTimestamp(), locked.get(0)[1])) {
            KeycloakCaches.bypassForUser(session, realm, user);
            user = session.users().getUserById(realm, id);
        }
        return user;
    }

    /** The locked group, read past Keycloak's cache; null when no such group is in the realm. */
    public static GroupModel group(KeycloakSession session, RealmModel realm, String id) {
        if (!locked(session, "select g.id from GroupEntity g where g.id = :id and g.realm = :realm", realm, id)) {
            return null;
        }
        KeycloakCaches.bypassForGroup(session, id);
        return session.groups().getGroupById(realm, id);
    }

    private static boolean locked(KeycloakSession session, String query, RealmModel realm, String id) {
        return !KeycloakDatabase.entityManager(session).createQuery(query, String.class)
                .setParameter("id", id).setParameter("realm", realm.getId())
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .getResultList().isEmpty();
    }
}
