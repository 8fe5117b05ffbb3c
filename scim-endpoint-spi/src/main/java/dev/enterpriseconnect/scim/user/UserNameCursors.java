package dev.enterpriseconnect.scim.user;

import java.util.LinkedHashMap;
import java.util.Map;

import org.keycloak.common.util.Time;

/**
 * Where the next page of a plain "everyone by userName" walk starts: the last userName this node
 * served for a page ending just before {@code startIndex}. SCIM pages by offset, and an offset makes
 * the database step over every earlier row (a walk of N users costs N²/page); continuing after the
 * last userName instead costs the same for every page. A page asked for at any other start, or on
 * another node, is found by its offset as before. Users created or deleted before the cursor between
 * two pages then neither repeat nor go missing from the walk, which offsets cannot promise (RFC 7644
 * §3.4.2.4). Bounded, in this node's memory only.
 */
final class UserNameCursors {

    static final long TTL_MILLIS = 10 * 60_000;
    private static final int MAX_ENTRIES = 2_000;

    private record Cursor(String lastUserName, long servedAt) {
    }

    private static final Map<String, Cursor> CURSORS = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Cursor> eldest) {
            return size() > MAX_ENTRIES;
        }
    };

    private UserNameCursors() {
    }

    /** The userName after which the page at {@code startIndex} starts, or null when unknown. */
    static String before(String realmId, String connector, boolean descending, int startIndex) {
        Cursor cursor;
        synchronized (CURSORS) {
            cursor = CURSORS.get(key(realmId, connector, descending, startIndex));
        }
        long now = Time.currentTimeMillis();
        return cursor == null || now - cursor.servedAt() > TTL_MILLIS || now < cursor.servedAt() ? null
                : cursor.lastUserName();
    }

    /** A full page ending with {@code lastUserName} was served; the next one starts at {@code nextStartIndex}. */
    static void served(String realmId, String connector, boolean descending, long nextStartIndex, String lastUserName) {
        if (nextStartIndex > Integer.MAX_VALUE) {
            return;
        }
        synchronized (CURSORS) {
            CURSORS.put(key(realmId, connector, descending, (int) nextStartIndex),
                    new Cursor(lastUserName, Time.currentTimeMillis()));
        }
    }

    private static String key(String realmId, String connector, boolean descending, int startIndex) {
        return realmId + '\n' + connector + '\n' + descending + '\n' + startIndex;
    }
}
