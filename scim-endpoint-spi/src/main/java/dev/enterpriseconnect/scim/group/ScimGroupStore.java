package dev.enterpriseconnect.scim.group;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.keycloak.component.ComponentModel;
import org.keycloak.connections.jpa.support.EntityManagers;
import org.keycloak.models.GroupModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.RealmModel;
import org.keycloak.organization.OrganizationProvider;

import dev.enterpriseconnect.scim.connector.ScimConnector;
import dev.enterpriseconnect.scim.endpoint.ScimRequestContext;
import dev.enterpriseconnect.scim.protocol.ScimException;
import dev.enterpriseconnect.scim.filter.ScimFilter;
import dev.enterpriseconnect.scim.storage.JpqlWhere;
import dev.enterpriseconnect.storage.KeycloakDatabase;
import jakarta.persistence.EntityManager;
import jakarta.persistence.FlushModeType;

/**
 * Database work for pushed groups: pages, counts, members and membership checks are queries, so
 * a request's cost follows its page or its change, never the size of the group.
 */
final class ScimGroupStore {

    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(ScimGroupStore.class);

    static final String EXTERNAL_ID = "scim_externalId";

    record Page(List<GroupRecord> groups, long totalResults) {
    }

    private final KeycloakSession session;
    private final RealmModel realm;
    private final ScimRequestContext context;
    private final EntityManager em;
    private GroupModel parent;

    ScimGroupStore(ScimRequestContext context) {
        this.context = context;
        this.session = context.session();
        this.realm = context.realm();
        this.em = KeycloakDatabase.entityManager(session);
    }

    /**
     * The group that holds this connector's groups, created on first use: a top-level realm group,
     * or, for a connector scoped to an Organization, a top-level group of that Organization so the
     * customer's groups show (and stay) inside it.
     */
    GroupModel parent() {
        if (parent != null) {
            return parent;
        }
        parent = existingParent();
        if (parent == null) {
            createParentApart();
            // This request's copy of the connector predates the new mark: later look-ups in it read the session's note.
            parent = parentByName();
            if (parent != null) {
                session.setAttribute(createdParentNote(), parent.getId());
            }
            if (parent == null) {
                throw ScimException.retryLater(1, "The connector's parent group is being created; retry");
            }
        }
        return parent;
    }

    /**
     * Creates the parent group in a transaction of its own: concurrent first requests may race to
     * create it, and a failed insert must not spoil this request's transaction (PostgreSQL aborts
     * a transaction at its first failed statement). The loser reads the winner's group.
     */
    private void createParentApart() {
        String realmId = realm.getId();
        String connectorId = context.connector().id();
        try {
            KeycloakModelUtils.runJobInTransaction(session.getKeycloakSessionFactory(), session.getContext(), inner -> {
                RealmModel innerRealm = inner.realms().getRealm(realmId);
                inner.getContext().setRealm(innerRealm);
                ScimConnector connector = ScimConnector.byId(innerRealm, connectorId).orElseThrow();
                ScimGroupStore store = new ScimGroupStore(new ScimRequestContext(inner, innerRealm, connector));
                GroupModel found = store.parentByName();
                if (found == null) {
                    found = store.createUnder(null, connector.groupsParentName());
                }
                ComponentModel marked = new ComponentModel(innerRealm.getComponent(connectorId));
                ParentGroupMark.mark(marked, connector.groupsParentName(), found.getId());
                innerRealm.updateComponent(marked);
            });
        } catch (RuntimeException raced) {
            LOG.debugf(raced, "Parent group of connector %s created concurrently", context.connector().name());
        }
    }

    /** The parent group if someone already created it; never creates it. */
    private GroupModel existingParent() {
        String createdNow = session.getAttribute(createdParentNote(), String.class);
        java.util.Optional<String> marked = createdNow != null ? java.util.Optional.of(createdNow)
                : ParentGroupMark.groupId(context.connector());
        if (marked.isPresent()) {
            if (marked.get().isEmpty()) {
                return null;
            }
            GroupModel group = session.groups().getGroupById(realm, marked.get());
            if (group != null && group.getName().equals(context.connector().groupsParentName())
                    && java.util.Objects.equals(group.getParentId(), parentOfParentId())) {
                return group;
            }
        }
        return parentByName();
    }

    private String createdParentNote() {
        return ScimGroupStore.class.getName() + ".createdParent." + context.connector().id();
    }

    /** The group the parent sits in: none for a realm connector, the Organization's group otherwise. */
    private String parentOfParentId() {
        OrganizationModel organization = context.organization();
        return organization == null ? null
                : session.getProvider(OrganizationProvider.class).getOrganizationGroup(organization).getId();
    }

    /** The parent group looked up by its name. */
    GroupModel parentByName() {
        OrganizationModel organization = context.organization();
        if (organization == null) {
            return session.groups().getGroupByName(realm, null, context.connector().groupsParentName());
        }
        GroupModel organizationGroup = session.getProvider(OrganizationProvider.class).getOrganizationGroup(organization);
        return child(organizationGroup.getId(), context.connector().groupsParentName());
    }

    /** A new group below {@code under} (or at the top), in the realm or in the connector's Organization. */
    GroupModel createUnder(GroupModel under, String name) {
        OrganizationModel organization = context.organization();
        return organization == null ? session.groups().createGroup(realm, name, under)
                : session.getProvider(OrganizationProvider.class).createGroup(organization, name, under);
    }

    /** A pushed group of this connector, or null. */
    GroupModel find(String id) {
        GroupModel group = session.groups().getGroupById(realm, id);
        return group == null || !parent().getId().equals(group.getParentId()) ? null : group;
    }

    GroupModel findByDisplayName(String displayName) {
        return child(parent().getId(), displayName);
    }

    /** A child by exact name, as a query: works alike for realm and Organization groups. */
    private GroupModel child(String parentId, String name) {
        List<String> ids = em.createQuery("select g.id from GroupEntity g where g.realm = :realm and g.parentId = :parent"
                        + " and g.name = :name", String.class)
                .setParameter("realm", realm.getId()).setParameter("parent", parentId).setParameter("name", name)
                .setMaxResults(1).getResultList();
        return ids.isEmpty() ? null : session.groups().getGroupById(realm, ids.get(0));
    }

    GroupRecord record(GroupModel group) {
        return new GroupRecord(group.getId(), group.getName(), group.getFirstAttribute(EXTERNAL_ID),
                group.getCreatedTimestamp(), group.getLastModifiedTimestamp());
    }

    Page find(ScimFilter filter, boolean descending, int startIndex, int count) {
        JpqlWhere where = new JpqlWhere();
        StringBuilder condition = new StringBuilder("g.realm = ").append(where.bind(realm.getId()))
                .append(" and g.parentId = ").append(where.bind(parent().getId()));
        if (filter != null) {
            condition.append(" and ").append(new GroupFilterTranslator(where).translate(filter));
        }
        List<GroupRecord> groups = List.of();
        if (count > 0) {
            List<Object[]> rows = where.applyTo(em.createQuery("select g.id, g.name, g.createdTimestamp,"
                            + " g.lastModifiedTimestamp from GroupEntity g where " + condition + " order by g.name" + (descending ? " desc, g.id desc" : ", g.id"),
                    Object[].class)).setFirstResult(startIndex - 1).setMaxResults(count).getResultList();
            groups = withExternalIds(rows);
        }
        long total;
        if (groups.size() < count && (!groups.isEmpty() || startIndex == 1)) {
            total = startIndex - 1L + groups.size();
        } else {
            total = where.applyTo(em.createQuery("select count(g) from GroupEntity g where " + condition, Long.class))
                    .getSingleResult();
        }
        return new Page(groups, total);
    }

    /** Members of several groups in one query, in userName order. */
    Map<String, List<GroupMember>> members(List<String> groupIds) {
        Map<String, List<GroupMember>> members = new HashMap<>();
        if (groupIds.isEmpty()) {
            return members;
        }
        List<Object[]> rows = em.createQuery("select m.groupId, u.id, u.username from UserGroupMembershipEntity m"
                        + " join m.user u where m.groupId in :groups order by u.username", Object[].class)
                .setParameter("groups", groupIds).getResultList();
        for (Object[] row : rows) {
            members.computeIfAbsent((String) row[0], g -> new ArrayList<>())
                    .add(new GroupMember((String) row[1], (String) row[2]));
        }
        return members;
    }

    /** Which of these user ids are members of the group: one query, whatever the group's size. */
    Set<String> membersAmong(GroupModel group, Set<String> userIds) {
        if (userIds.isEmpty()) {
            return Set.of();
        }
        return new HashSet<>(em.createQuery("select m.user.id from UserGroupMembershipEntity m"
                        + " where m.groupId = :group and m.user.id in :ids", String.class)
                .setParameter("group", group.getId()).setParameter("ids", userIds).getResultList());
    }

    /**
     * Runs many membership changes without a flush per change. Keycloak flushes after every join
     * and Hibernate checks every loaded entity before every query, so a thousand joins in one
     * request cost a million entity checks; Keycloak's batch mode and a commit-time flush make them
     * cost a thousand.
     */
    void inBatch(Runnable changes) {
        FlushModeType mode = em.getFlushMode();
        em.setFlushMode(FlushModeType.COMMIT);
        try {
            EntityManagers.runInBatch(session, changes, false);
        } finally {
            em.setFlushMode(mode);
        }
    }

    List<String> memberIds(GroupModel group) {
        return em.createQuery("select m.user.id from UserGroupMembershipEntity m where m.groupId = :group", String.class)
                .setParameter("group", group.getId()).getResultList();
    }

    /** Which of these ids are users this connector may see (its realm, its organization). */
    Set<String> existingUsers(Set<String> userIds) {
        if (userIds.isEmpty()) {
            return Set.of();
        }
        JpqlWhere where = new JpqlWhere();
        StringBuilder query = new StringBuilder("select u.id from UserEntity u where u.realmId = ")
                .append(where.bind(realm.getId())).append(" and u.id in ").append(where.bind(userIds))
                .append(" and u.serviceAccountClientLink is null");
        var organization = context.organization();
        if (organization != null) {
            query.append(" and exists (select m.groupId from UserGroupMembershipEntity m where m.user = u and m.groupId"
                    + " = (select o.groupId from OrganizationEntity o where o.id = ")
                    .append(where.bind(organization.getId())).append("))");
        }
        return new HashSet<>(where.applyTo(em.createQuery(query.toString(), String.class)).getResultList());
    }

    /** The pushed groups (id, displayName, externalId or null) of each user, for the users' read-only {@code groups}. */
    /**
     * One user's pushed groups among the groups the user is a member of, which a write has read
     * already: no query of its own.
     */
    List<String[]> pushedAmong(java.util.stream.Stream<GroupModel> groupsOfUser) {
        GroupModel parent = this.parent != null ? this.parent : existingParent();
        if (parent == null) {
            return List.of();
        }
        String parentId = parent.getId();
        return groupsOfUser.filter(group -> parentId.equals(group.getParentId()))
                .map(group -> new String[] {group.getId(), group.getName(), group.getFirstAttribute(EXTERNAL_ID)})
                .sorted(java.util.Comparator.comparing((String[] row) -> row[1]))
                .toList();
    }

    Map<String, List<String[]>> groupsOfUsers(List<String> userIds) {
        Map<String, List<String[]>> groups = new LinkedHashMap<>();
        if (userIds.isEmpty()) {
            return groups;
        }
        GroupModel parent = this.parent != null ? this.parent : existingParent();
        if (parent == null) {
            return groups;
        }
        List<Object[]> rows = em.createQuery("select m.user.id, g.id, g.name, a.value from UserGroupMembershipEntity m"
                        + " join GroupEntity g on g.id = m.groupId"
                        + " left join GroupAttributeEntity a on a.group = g and a.name = :externalId"
                        + " where g.parentId = :parent and m.user.id in :ids order by g.name", Object[].class)
                .setParameter("parent", parent.getId()).setParameter("ids", userIds)
                .setParameter("externalId", EXTERNAL_ID).getResultList();
        for (Object[] row : rows) {
            groups.computeIfAbsent((String) row[0], u -> new ArrayList<>())
                    .add(new String[] {(String) row[1], (String) row[2], (String) row[3]});
        }
        return groups;
    }

    private List<GroupRecord> withExternalIds(List<Object[]> rows) {
        if (rows.isEmpty()) {
            return List.of();
        }
        List<String> ids = rows.stream().map(r -> (String) r[0]).toList();
        Map<String, String> externalIds = new HashMap<>();
        em.createQuery("select a.group.id, a.value from GroupAttributeEntity a where a.group.id in :ids and a.name = :name",
                        Object[].class)
                .setParameter("ids", ids).setParameter("name", EXTERNAL_ID).getResultList()
                .forEach(r -> externalIds.put((String) r[0], (String) r[1]));
        List<GroupRecord> groups = new ArrayList<>(rows.size());
        for (Object[] row : rows) {
            groups.add(new GroupRecord((String) row[0], (String) row[1], externalIds.get((String) row[0]),
                    (Long) row[2], (Long) row[3]));
        }
        return groups;
    }
}
