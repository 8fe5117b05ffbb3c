package dev.enterpriseconnect.scim.user;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.keycloak.common.util.Time;

import jakarta.persistence.EntityManager;

/**
 * Where a far page of a realm's userName index starts. An offset makes the database step over every
 * earlier row (PostgreSQL at 1M users: 150 ms for a page in the middle, 9 ms for the first), so every
 * {@value #SPACING}th userName is read once, in one scan of the index, and a page at offset {@code o}
 * starts from the anchor at or before it, stepping over fewer than {@value #SPACING} rows. The anchors
 * are reused for {@value #TTL_SECONDS} s: a jump to a far page sees the positions as they were then,
 * shifted by the users created or deleted since, which RFC 7644 §3.4.2.4 allows (offset paging makes
 * no promise across requests). A walk page by page does not use them (it continues after the last
 * userName, see {@link UserNameCursors}). Bounded, in this node's memory only.
 */
final class UserNameAnchors {

    static final int SPACING = 1_000;
    static final int TTL_SECONDS = 60;
    private static final int MAX_REALMS = 100;

    /** {@code userNames.get(j)} was the userName at 0-based position {@code j * SPACING}. */
    private record Anchors(List<String> userNames, long builtAt) {
    }

    /** Where to start: the page's rows are those from {@code userName} on, after stepping over {@code offset}. */
    record Start(String userName, int offset) {
    }

    private static final Map<String, Anchors> BY_REALM = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Anchors> eldest) {
            return size() > MAX_REALMS;
        }
    };

    private UserNameAnchors() {
    }

    /**
     * The start of the ascending page at 0-based position {@code offset} of the realm's userName index,
     * or null when the offset is near enough to the start that stepping over is cheaper than anchors.
     */
    static Start startFor(EntityManager em, String realmId, int offset) {
        if (offset < 2 * SPACING) {
            return null;
        }
        List<String> userNames = anchors(em, realmId);
        if (userNames.isEmpty()) {
            return null;
        }
        int anchor = Math.min(offset / SPACING, userNames.size() - 1);
        return new Start(userNames.get(anchor), offset - anchor * SPACING);
    }

    private static List<String> anchors(EntityManager em, String realmId) {
        long now = Time.currentTimeMillis();
        Anchors known;
        synchronized (BY_REALM) {
            known = BY_REALM.get(realmId);
        }
        if (known != null && now >= known.builtAt() && now - known.builtAt() < TTL_SECONDS * 1000L) {
            return known.userNames();
        }
        // One scan of the (realm, username) index; only every SPACING-th row leaves the database.
        List<String> userNames = em.createQuery("select r.name from (select u.username as name, row_number() over"
                        + " (order by u.username) as rn from UserEntity u where u.realmId = :realm) r"
                        + " where mod(r.rn - 1, " + SPACING + ") = 0 order by r.name", String.class)
                .setParameter("realm", realmId).getResultList();
        synchronized (BY_REALM) {
            BY_REALM.put(realmId, new Anchors(List.copyOf(userNames), now));
        }
        return userNames;
    }
}
