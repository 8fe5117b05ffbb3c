package dev.enterpriseconnect.scim.user;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.keycloak.models.RealmModel;

import dev.enterpriseconnect.lifecycle.deprovisioning.DeprovisioningState;
import dev.enterpriseconnect.scim.filter.ScimFilter;
import dev.enterpriseconnect.scim.protocol.ScimException;
import dev.enterpriseconnect.scim.provisioning.ListTotals;
import dev.enterpriseconnect.scim.sourceoftruth.SourceOfTruth;
import dev.enterpriseconnect.scim.storage.JpqlWhere;
import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;

/**
 * One page of users, straight from the database: the filter, the order and the page bounds are
 * part of the query, and a page's SCIM attributes come in one batched query, so the cost of a
 * request depends on the page size, not on how many users the realm has.
 */
final class ScimUserQuery {

    private static final String COLUMNS = "u.id, u.username, u.email, u.firstName, u.lastName, u.enabled,"
            + " u.createdTimestamp, u.lastModifiedTimestamp";

    /** The user is not one this connector deleted (and its policy kept); parameters :deleted, :connector. */
    /** Users this connector deleted (policy kept them) or an administrator detached from it: gone for it. */
    /** Users gone for a connector that an offset page steps over itself; beyond, the database filters them. */
    private static final int MAX_STEPPED_OVER = 200;
    private static final String NOT_DELETED = "not exists (select d.id from UserAttributeEntity d where d.user = u"
            + " and d.name in (:deleted, :detached) and d.value = :connector)";

    record Page(List<ScimUserRecord> users, long totalResults) {
    }

    private final EntityManager em;
    private final RealmModel realm;
    private final String organizationId;
    private final String connectorName;
    /** The last page was found after a cursor, not by its offset: its size says nothing of the total. */
    private boolean continued;

    /**
     * @param organizationId confine results to this Organization's members, or null
     * @param connectorName leave out the users this connector deleted while its policy kept them
     */
    ScimUserQuery(EntityManager em, RealmModel realm, String organizationId, String connectorName) {
        this.em = em;
        this.realm = realm;
        this.organizationId = organizationId;
        this.connectorName = connectorName;
    }

    /**
     * @param startIndex 1-based, as SCIM counts
     * @param count page size; 0 asks only for the total
     */
    Page find(ScimFilter filter, String sortBy, boolean descending, int startIndex, int count) {
        JpqlWhere where = new JpqlWhere();
        String condition = scope(where, filter) + " and " + notGone(where);
        List<ScimUserRecord> users = List.of();
        continued = false;
        boolean plainUserNameOrder = filter == null && organizationId == null
                && (sortBy == null || "u.username".equals(UserFilterTranslator.sortExpression(sortBy).orElse(null)));
        if (count > 0 && plainUserNameOrder) {
            List<Object[]> rows = userNameOrderPage(descending, startIndex, count);
            if (rows.size() == count) {
                UserNameCursors.served(realm.getId(), connectorName, descending, (long) startIndex + count,
                        (String) rows.get(rows.size() - 1)[1]);
            }
            users = withAttributes(rows);
        } else if (count > 0) {
            String order = sortBy == null ? "u.username"
                    : UserFilterTranslator.sortExpression(sortBy).orElseThrow(() -> ScimException.invalidValue(
                            "Cannot sort by '" + sortBy + "'; sortable: userName, name.givenName, name.familyName,"
                                    + " emails.value, id, active, meta.created, meta.lastModified"));
            String direction = descending ? " desc" : " asc";
            boolean lookup = singleUserLookup(filter);
            var query = where.applyTo(em.createQuery("select " + COLUMNS + (lookup ? HAS_LOADED_ATTRIBUTES : "")
                    + " from UserEntity u where " + condition + " order by " + order + direction + ", u.id" + direction,
                    Object[].class));
            List<Object[]> rows = query.setFirstResult(startIndex - 1).setMaxResults(count).getResultList();
            users = withAttributes(rows);
        }
        long total;
        if (users.size() < count && (!users.isEmpty() || startIndex == 1) && !continued) {
            // A short page is the last one: the total follows without counting.
            total = startIndex - 1L + users.size();
        } else if (count == 0) {
            // Asked for the total alone: counted now.
            total = count(filter);
        } else {
            total = ListTotals.of(realm.getId(), "Users\n" + organizationId + "\n" + connectorName + "\n"
                    + (filter == null ? "" : filter.toString()), () -> count(filter));
        }
        return new Page(users, total);
    }

    /** The realm's (or Organization's) users, service accounts left out, and the filter's condition. */
    private String scope(JpqlWhere where, ScimFilter filter) {
        StringBuilder condition = new StringBuilder("u.realmId = ").append(where.bind(realm.getId()))
                .append(" and u.serviceAccountClientLink is null");
        if (organizationId != null) {
            // Organization members belong to the organization's internal group.
            condition.append(" and exists (select m.groupId from UserGroupMembershipEntity m where m.user = u"
                    + " and m.groupId = (select o.groupId from OrganizationEntity o where o.id = ")
                    .append(where.bind(organizationId)).append("))");
        }
        if (filter != null) {
            condition.append(" and ").append(new UserFilterTranslator(where).translate(filter));
        }
        return condition.toString();
    }

    /** Not deleted by this connector while its policy kept the account, nor detached from it. */
    private String notGone(JpqlWhere where) {
        return "not exists (select d.id from UserAttributeEntity d where d.user = u and d.name in ("
                + where.bind(DeprovisioningState.DELETED_BY_CONNECTOR) + ", " + where.bind(SourceOfTruth.DETACHED_FROM)
                + ") and d.value = " + where.bind(connectorName) + ")";
    }

    /**
     * Everyone in scope less those gone for this connector, as two counts: the first one the
     * database answers from an index alone ({@code count(*)} over realm and service-account link,
     * no row visited), the second one over the few users this connector deleted or detached. One
     * count with a correlated {@code not exists} visits every user of the realm (PostgreSQL at 107k
     * users: a parallel sequential scan, 67 ms of a 79 ms page).
     */
    private long count(ScimFilter filter) {
        JpqlWhere all = new JpqlWhere();
        long inScope = all.applyTo(em.createQuery("select count(*) from UserEntity u where " + scope(all, filter),
                Long.class)).getSingleResult();
        JpqlWhere gone = new JpqlWhere();
        String marks = "d.name in (" + gone.bind(DeprovisioningState.DELETED_BY_CONNECTOR) + ", "
                + gone.bind(SourceOfTruth.DETACHED_FROM) + ") and d.value = " + gone.bind(connectorName);
        long goneInScope = gone.applyTo(em.createQuery("select count(distinct u.id) from UserAttributeEntity d"
                + " join d.user u where " + marks + " and " + scope(gone, filter), Long.class)).getSingleResult();
        return inScope - goneInScope;
    }

    /** The realm's users in userName order, {@code condition} added to the realm's. */
    private TypedQuery<Object[]> userNameOrder(String condition, String direction) {
        return em.createQuery("select " + COLUMNS + " from UserEntity u where u.realmId = :realm" + condition
                + " order by u.realmId" + direction + ", u.username" + direction, Object[].class)
                .setParameter("realm", realm.getId());
    }

    /** The same, leaving out the users gone for this connector with a probe per row. */
    private TypedQuery<Object[]> userNameOrderWithoutGone(String condition, String direction) {
        return userNameOrder(condition + " and " + NOT_DELETED, direction)
                .setParameter("deleted", DeprovisioningState.DELETED_BY_CONNECTOR)
                .setParameter("detached", SourceOfTruth.DETACHED_FROM)
                .setParameter("connector", connectorName);
    }

    /**
     * The plain "everyone by userName" page (how Okta and Entra import a directory), walked along the
     * realm's unique (realm, username) index. A service-account condition in the query would steer
     * the database to the service-account index and a sort of the whole realm (H2 at 100k users:
     * 400 ms against 20 ms), so service accounts, a handful per realm, are found by their own index
     * and stepped over here instead. Users gone for this connector (deleted under a keeping policy, or
     * detached) are left out so the page and its total agree: up to {@link #MAX_STEPPED_OVER} of them
     * are stepped over like the service accounts, since a probe per row costs H2 6.2 s for an offset
     * page at 100k users (PostgreSQL 24 ms) and 2 s for a continued page of 1,000 at 47k; beyond that
     * each row is probed.
     */
    private List<Object[]> userNameOrderPage(boolean descending, int startIndex, int count) {
        List<String> serviceAccounts = em.createQuery("select u.id from UserEntity u where u.realmId = :realm"
                        + " and u.serviceAccountClientLink > ''", String.class)
                .setParameter("realm", realm.getId()).getResultList();
        String direction = descending ? " desc" : " asc";
        String after = startIndex > 1 ? UserNameCursors.before(realm.getId(), connectorName, descending, startIndex) : null;
        List<String> gone = em.createQuery("select u.id from UserAttributeEntity d join d.user u where u.realmId = :realm"
                        + " and d.name in (:deleted, :detached) and d.value = :connector", String.class)
                .setParameter("realm", realm.getId())
                .setParameter("deleted", DeprovisioningState.DELETED_BY_CONNECTOR)
                .setParameter("detached", SourceOfTruth.DETACHED_FROM)
                .setParameter("connector", connectorName)
                .setMaxResults(MAX_STEPPED_OVER + 1).getResultList();
        boolean stepOverGone = gone.size() <= MAX_STEPPED_OVER;
        Set<String> skip = new HashSet<>(serviceAccounts);
        if (stepOverGone) {
            skip.addAll(gone);
        }
        if (after != null) {
            continued = true;
            // Continuing a walk: the page starts right after the last user of the previous one.
            String continuing = " and u.username" + (descending ? " < " : " > ") + ":after";
            var continuation = stepOverGone ? userNameOrder(continuing, direction)
                    : userNameOrderWithoutGone(continuing, direction);
            return continuation.setParameter("after", after).setMaxResults(count + skip.size()).getResultList()
                    .stream().filter(row -> !skip.contains((String) row[0])).limit(count).toList();
        }
        // A far page of the raw index starts from the nearest anchor instead of stepping over every earlier row.
        UserNameAnchors.Start start = stepOverGone && !descending
                ? UserNameAnchors.startFor(em, realm.getId(), startIndex - 1) : null;
        var windowQuery = !stepOverGone ? userNameOrderWithoutGone("", direction)
                : userNameOrder(start == null ? "" : " and u.username >= :anchor", direction);
        if (start != null) {
            windowQuery.setParameter("anchor", start.userName());
        }
        List<Object[]> window = windowQuery
                .setFirstResult(start == null ? startIndex - 1 : start.offset())
                .setMaxResults(count + 2 * skip.size())
                .getResultList();
        if (skip.isEmpty() || window.isEmpty()) {
            return window;
        }
        // Users stepped over that sort before the window shift where the wanted users start in it.
        String earlier = " and u.username" + (descending ? " > " : " < ") + ":first";
        Object first = window.get(0)[1];
        long before = em.createQuery("select count(u) from UserEntity u where u.realmId = :realm"
                        + " and u.serviceAccountClientLink > ''" + earlier, Long.class)
                .setParameter("realm", realm.getId()).setParameter("first", first).getSingleResult();
        if (stepOverGone && !gone.isEmpty()) {
            before += em.createQuery("select count(distinct u.id) from UserAttributeEntity d join d.user u"
                            + " where u.realmId = :realm and d.name in (:deleted, :detached) and d.value = :connector"
                            + " and u.serviceAccountClientLink is null" + earlier, Long.class)
                    .setParameter("realm", realm.getId())
                    .setParameter("deleted", DeprovisioningState.DELETED_BY_CONNECTOR)
                    .setParameter("detached", SourceOfTruth.DETACHED_FROM)
                    .setParameter("connector", connectorName)
                    .setParameter("first", first).getSingleResult();
        }
        List<Object[]> page = new ArrayList<>(count);
        long usersToPass = before;
        for (Object[] row : window) {
            if (skip.contains((String) row[0])) {
                continue;
            }
            if (usersToPass > 0) {
                usersToPass--;
            } else if (page.size() < count) {
                page.add(row);
            }
        }
        return page;
    }

    /**
     * A userName or id {@code eq} filter, which IdPs send before every create: its row says whether the
     * user has any SCIM attribute, so most lookups need no second query for them.
     */
    private static boolean singleUserLookup(ScimFilter filter) {
        return filter instanceof ScimFilter.Comparison comparison && comparison.operator() == ScimFilter.Operator.EQ
                && comparison.path().schema() == null && comparison.path().subAttribute() == null
                && (comparison.path().is("userName") || comparison.path().is("id"));
    }

    /**
     * The names of the attributes SCIM shows, as a JPQL list of literals. A list parameter would make
     * Hibernate translate the query to SQL again on every run (it cannot reuse a translation whose
     * parameters expand): half of a lookup's time in the query, measured.
     */
    private static final String LOADED_NAMES = ScimUserRecord.LOADED_ATTRIBUTES.stream()
            .map(name -> "'" + name.replace("'", "''") + "'")
            .collect(java.util.stream.Collectors.joining(", ", "(", ")"));

    /** The SCIM-shown attribute values of the users the caller's condition on {@code a.user.id} names. */
    private static final String LOADED_VALUES = "select a.user.id, a.name, a.value, a.longValue from UserAttributeEntity a"
            + " where a.name in " + LOADED_NAMES + " and a.user.id ";

    /** A column after {@link #COLUMNS}: whether the user holds any attribute SCIM shows. */
    private static final int HAS_LOADED_ATTRIBUTES_COLUMN = 8;
    private static final String HAS_LOADED_ATTRIBUTES = ", case when exists (select a.id from UserAttributeEntity a"
            + " where a.user = u and a.name in " + LOADED_NAMES + ") then true else false end";

    private List<ScimUserRecord> withAttributes(List<Object[]> rows) {
        if (rows.isEmpty()) {
            return List.of();
        }
        Map<String, Map<String, List<String>>> attributes = new HashMap<>();
        // Rows that carry that column and say false hold none of the attributes read below.
        List<String> ids = rows.stream().filter(row -> row.length <= HAS_LOADED_ATTRIBUTES_COLUMN
                        || Boolean.TRUE.equals(row[HAS_LOADED_ATTRIBUTES_COLUMN]))
                .map(row -> (String) row[0]).toList();
        // One user (a lookup) is bound as a single value, which keeps the query's translation reusable.
        List<Object[]> values = ids.isEmpty() ? List.of()
                : ids.size() == 1 ? em.createQuery(LOADED_VALUES + "= :ids", Object[].class)
                        .setParameter("ids", ids.get(0)).getResultList()
                : em.createQuery(LOADED_VALUES + "in :ids", Object[].class).setParameter("ids", ids).getResultList();
        for (Object[] value : values) {
            String text = value[2] != null ? (String) value[2] : (String) value[3];
            attributes.computeIfAbsent((String) value[0], id -> new LinkedHashMap<>())
                    .computeIfAbsent((String) value[1], name -> new ArrayList<>())
                    .add(text);
        }
        List<ScimUserRecord> users = new ArrayList<>(rows.size());
        for (Object[] row : rows) {
            users.add(new ScimUserRecord((String) row[0], (String) row[1], (String) row[2], (String) row[3],
                    (String) row[4], (Boolean) row[5], (Long) row[6], (Long) row[7],
                    attributes.getOrDefault((String) row[0], Map.of())));
        }
        return users;
    }
}
