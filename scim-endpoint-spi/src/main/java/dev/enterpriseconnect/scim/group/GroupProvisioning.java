package dev.enterpriseconnect.scim.group;

import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.node.ObjectNode;

import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;
import org.keycloak.models.GroupModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

import dev.enterpriseconnect.scim.endpoint.ScimAdminEvents;
import dev.enterpriseconnect.scim.endpoint.ScimRequestContext;
import dev.enterpriseconnect.scim.patch.ScimPatch;
import dev.enterpriseconnect.scim.patch.ScimPatchException;
import dev.enterpriseconnect.scim.protocol.ScimException;
import dev.enterpriseconnect.scim.protocol.ScimJson;
import dev.enterpriseconnect.events.EventTypes;
import dev.enterpriseconnect.scim.provisioning.PrivilegedUsers;
import dev.enterpriseconnect.scim.provisioning.ProvisioningEvents;
import dev.enterpriseconnect.scim.provisioning.ProvisioningResult;
import dev.enterpriseconnect.storage.RowLock;
import dev.enterpriseconnect.scim.protocol.ScimProjection;
import dev.enterpriseconnect.scim.protocol.ScimSearchRequest;
import dev.enterpriseconnect.scim.user.GroupRoleRefresh;

/**
 * The rules of SCIM group provisioning for one connector (Okta group push, Entra group sync):
 * groups are Keycloak groups under the connector's parent group; members are users the connector
 * may see and change; a membership change re-decides group-based roles. Writes run inside a
 * {@code ProvisioningTransaction} and lock the group's row before comparing {@code If-Match}.
 */
public final class GroupProvisioning {

    private final ScimRequestContext context;
    private final KeycloakSession session;
    private final RealmModel realm;
    private final ScimGroupStore store;
    /** Users whose pushed groups this request changed, for the role mapping's group rules. */
    private final Set<String> regrouped = new LinkedHashSet<>();
    /** displayName or externalId changed in this request: a group.updated event is due. */
    private boolean attributesChanged;

    public GroupProvisioning(ScimRequestContext context) {
        this.context = context;
        this.session = context.session();
        this.realm = context.realm();
        this.store = new ScimGroupStore(context);
    }

    public ProvisioningResult create(ObjectNode body) {
        ScimGroupMapping.IncomingGroup incoming = ScimGroupMapping.read(body);
        requireUniqueName(incoming.displayName(), null);
        Set<String> members = incoming.memberIds() == null ? Set.of() : incoming.memberIds();
        requireUsers(members);
        requireWritableMembers(members);
        GroupModel group = store.createUnder(store.parent(), incoming.displayName());
        setExternalId(group, incoming.externalId());
        List<UserModel> joined = members.stream().map(id -> session.users().getUserById(realm, id)).toList();
        joined.forEach(user -> user.joinGroup(group));
        regrouped.addAll(members);
        refreshRoles();
        touch(group);
        ObjectNode resource = resource(group, ScimProjection.of(null, null));
        ProvisioningEvents.group(context, EventTypes.GROUP_CREATED, group.getId(), resource);
        joined.forEach(user -> memberEvent(EventTypes.MEMBER_ADDED, group, user));
        ScimAdminEvents.send(context, OperationType.CREATE, ResourceType.GROUP, "groups/" + group.getId(),
                () -> ScimJson.write(resource));
        return new ProvisioningResult(201, group.getId(), resource);
    }

    /** The group as this connector sees it, projected; its version is of the whole group. */
    public ObjectNode get(String id, ScimProjection projection) {
        return resource(find(id), projection);
    }

    /** The version of a group, computed without its members. */
    public String version(String id) {
        return ScimGroupMapping.version(store.record(find(id)));
    }

    public ProvisioningResult replace(String id, ObjectNode body, String ifMatch) {
        GroupModel group = findForWrite(id);
        checkVersion(group, ifMatch);
        ScimGroupMapping.IncomingGroup incoming = ScimGroupMapping.read(body);
        requireUniqueName(incoming.displayName(), group);
        Set<String> wanted = incoming.memberIds() == null ? Set.of() : incoming.memberIds();
        requireUsers(wanted);
        requireWritableMembers(joining(group, wanted));
        renamed(group, incoming);
        group.setName(incoming.displayName());
        setExternalId(group, incoming.externalId());
        replaceMembers(group, wanted);
        // RFC 7644 §3.5.1: a PUT answers with the whole resource, members included (the request sent them all).
        return updated(group, ScimProjection.of(null, null));
    }

    /**
     * @param shown the representation the client asked for with {@code attributes} or
     *              {@code excludedAttributes}; null when it asked for none, and then the answer is 204
     *              without a body (RFC 7644 §3.5.2), so a PATCH never loads a large group's members
     */
    public ProvisioningResult patch(String id, ObjectNode body, String ifMatch, ScimProjection shown) {
        GroupModel group = findForWrite(id);
        checkVersion(group, ifMatch);
        MembershipChange change = MembershipChange.of(body);
        // Everything is checked before anything changes: one bad operation leaves the group as it was.
        requireUsers(change.addedUserIds());
        requireWritableMembers(change.addedUserIds());
        ScimGroupMapping.IncomingGroup renamed = null;
        if (change.otherOperations() != null) {
            ObjectNode current = ScimGroupMapping.write(store.record(group), null, context);
            try {
                renamed = ScimGroupMapping.read(ScimPatch.apply(current, change.otherOperations(), ScimGroupMapping.PATCH_TARGETS));
            } catch (ScimPatchException e) {
                throw e.toScimException();
            }
            requireUniqueName(renamed.displayName(), group);
        }
        if (renamed != null) {
            renamed(group, renamed);
            group.setName(renamed.displayName());
            setExternalId(group, renamed.externalId());
        }
        for (MembershipChange.Step step : change.steps()) {
            switch (step.kind()) {
                case ADD -> addMembers(group, step.userIds());
                case REMOVE -> removeMembers(group, step.userIds());
                case REMOVE_ALL -> replaceMembers(group, Set.of());
                case REPLACE -> replaceMembers(group, step.userIds());
            }
        }
        return updated(group, shown);
    }

    public ProvisioningResult delete(String id, String ifMatch) {
        GroupModel group = findForWrite(id);
        checkVersion(group, ifMatch);
        boolean rolesFollow = GroupRoleRefresh.applies(context) && GroupRoleRefresh.mentions(context,
                group.getName(), group.getFirstAttribute(ScimGroupStore.EXTERNAL_ID));
        List<String> formerMembers = rolesFollow ? store.memberIds(group) : List.of();
        ObjectNode before = ScimGroupMapping.write(store.record(group), null, context);
        session.groups().removeGroup(realm, group);
        ProvisioningEvents.group(context, EventTypes.GROUP_DELETED, id, before);
        regrouped.addAll(formerMembers);
        refreshRoles();
        ScimAdminEvents.send(context, OperationType.DELETE, ResourceType.GROUP, "groups/" + id, null);
        return new ProvisioningResult(204, id, null);
    }

    /** A page of this connector's groups, filtered, sorted and counted in the database. */
    public ObjectNode search(ScimSearchRequest request) {
        if (request.sortBy() != null && !request.sortBy().equalsIgnoreCase("displayName")) {
            throw ScimException.invalidValue("Groups can be sorted by displayName only");
        }
        ScimGroupStore.Page page = store.find(request.filter(), request.descending(), request.startIndex(),
                request.pageSize(context.connector().maxPageSize()));
        List<GroupRecord> groups = page.groups();
        Map<String, List<GroupMember>> members = request.projection().wants("members")
                ? store.members(groups.stream().map(GroupRecord::id).toList()) : null;
        List<ObjectNode> resources = groups.stream().map(g -> request.projection().apply(ScimGroupMapping.write(g,
                members == null ? null : members.getOrDefault(g.id(), List.of()), context))).toList();
        return request.listResponse(page.totalResults(), resources);
    }

    /** Members are loaded only when the response will show them. */
    private ObjectNode resource(GroupModel group, ScimProjection projection) {
        List<GroupMember> members = projection.wants("members")
                ? store.members(List.of(group.getId())).getOrDefault(group.getId(), List.of()) : null;
        return projection.apply(ScimGroupMapping.write(store.record(group), members, context));
    }

    /** @param shown the representation to answer with, or null for 204 with the new version only */
    private ProvisioningResult updated(GroupModel group, ScimProjection shown) {
        refreshRoles();
        touch(group);
        // The admin event carries the group without its members: their changes are events of their own.
        ObjectNode event = resource(group, ScimProjection.of(null, "members"));
        if (attributesChanged) {
            ProvisioningEvents.group(context, EventTypes.GROUP_UPDATED, group.getId(), event);
        }
        ScimAdminEvents.send(context, OperationType.UPDATE, ResourceType.GROUP, "groups/" + group.getId(),
                () -> ScimJson.write(event));
        String version = event.at("/meta/version").asText();
        if (shown == null) {
            return new ProvisioningResult(204, group.getId(), null, version);
        }
        return new ProvisioningResult(200, group.getId(), resource(group, shown), version);
    }

    private void addMembers(GroupModel group, Set<String> userIds) {
        Set<String> already = store.membersAmong(group, userIds);
        store.inBatch(() -> {
            for (String id : userIds) {
                if (!already.contains(id)) {
                    UserModel user = session.users().getUserById(realm, id);
                    user.joinGroup(group);
                    regrouped.add(id);
                    memberEvent(EventTypes.MEMBER_ADDED, group, user);
                    ScimAdminEvents.send(context, OperationType.CREATE, ResourceType.GROUP_MEMBERSHIP,
                            "users/" + id + "/groups/" + group.getId(), null);
                }
            }
        });
    }

    private void removeMembers(GroupModel group, Set<String> userIds) {
        Set<String> members = store.membersAmong(group, userIds);
        store.inBatch(() -> {
            for (String id : members) {
                UserModel user = session.users().getUserById(realm, id);
                user.leaveGroup(group);
                regrouped.add(id);
                memberEvent(EventTypes.MEMBER_REMOVED, group, user);
                ScimAdminEvents.send(context, OperationType.DELETE, ResourceType.GROUP_MEMBERSHIP,
                        "users/" + id + "/groups/" + group.getId(), null);
            }
        });
    }

    private void replaceMembers(GroupModel group, Set<String> wanted) {
        Set<String> current = new HashSet<>(store.memberIds(group));
        Set<String> leaving = new LinkedHashSet<>(current);
        leaving.removeAll(wanted);
        removeMembers(group, leaving);
        Set<String> joining = new LinkedHashSet<>(wanted);
        joining.removeAll(current);
        addMembers(group, joining);
    }

    /** A rename can move every member into or out of a group rule: they all get decided again. */
    private void renamed(GroupModel group, ScimGroupMapping.IncomingGroup incoming) {
        boolean nameChanged = !group.getName().equals(incoming.displayName())
                || !java.util.Objects.equals(group.getFirstAttribute(ScimGroupStore.EXTERNAL_ID), incoming.externalId());
        attributesChanged |= nameChanged;
        if (nameChanged && GroupRoleRefresh.applies(context) && GroupRoleRefresh.mentions(context, group.getName(),
                group.getFirstAttribute(ScimGroupStore.EXTERNAL_ID), incoming.displayName(), incoming.externalId())) {
            regrouped.addAll(store.memberIds(group));
        }
    }

    /** member.added / member.removed, ordered with the group's other events. */
    private void memberEvent(String type, GroupModel group, UserModel user) {
        ObjectNode data = ScimJson.object();
        data.putObject("group").put("id", group.getId()).put("displayName", group.getName());
        data.putObject("user").put("id", user.getId()).put("userName", user.getUsername());
        ProvisioningEvents.group(context, type, group.getId(), data);
    }

    private void refreshRoles() {
        GroupRoleRefresh.refresh(context, regrouped);
        regrouped.clear();
    }

    private void requireUsers(Set<String> userIds) {
        Set<String> known = store.existingUsers(userIds);
        if (known.size() != userIds.size()) {
            Set<String> unknown = new LinkedHashSet<>(userIds);
            unknown.removeAll(known);
            throw ScimException.invalidValue("No such user: " + String.join(", ", unknown));
        }
    }

    private void requireUniqueName(String displayName, GroupModel self) {
        GroupModel same = store.findByDisplayName(displayName);
        if (same != null && (self == null || !same.getId().equals(self.getId()))) {
            throw ScimException.uniqueness("A group named '" + displayName + "' already exists");
        }
    }

    private static void setExternalId(GroupModel group, String externalId) {
        if (externalId == null) {
            group.removeAttribute(ScimGroupStore.EXTERNAL_ID);
        } else {
            group.setSingleAttribute(ScimGroupStore.EXTERNAL_ID, externalId);
        }
    }

    /** Membership rows do not touch the group row; its version and meta.lastModified must still move. */
    private static void touch(GroupModel group) {
        long now = org.keycloak.common.util.Time.currentTimeMillis();
        Long last = group.getLastModifiedTimestamp();
        group.setLastModifiedTimestamp(last != null && last >= now ? last + 1 : now);
    }

    private void checkVersion(GroupModel group, String ifMatch) {
        if (ifMatch != null && !ifMatch.equals("*") && !ifMatch.equals(ScimGroupMapping.version(store.record(group)))) {
            throw ScimException.of(412, null, "The group was changed since version " + ifMatch + "; read it again and retry");
        }
    }

    /** The group locked for this transaction, if it is one of this connector's. */
    private GroupModel findForWrite(String id) {
        GroupModel group = RowLock.group(session, realm, id);
        if (group == null || store.find(id) == null) {
            throw ScimException.notFound("Group " + id + " not found");
        }
        return group;
    }

    /**
     * Joining a pushed group can grant a member roles and access: privileged users cannot be added.
     * Leaving is allowed (the connector owns its groups), and the role refresh never touches them.
     */
    private void requireWritableMembers(Set<String> userIds) {
        if (context.connector().allowsPrivilegedUsers()) {
            return;
        }
        for (String id : userIds) {
            UserModel user = session.users().getUserById(realm, id);
            if (user != null) {
                PrivilegedUsers.requireWritable(context, user);
            }
        }
    }

    /** The users a replacement of the member list would add. */
    private Set<String> joining(GroupModel group, Set<String> wanted) {
        Set<String> joining = new LinkedHashSet<>(wanted);
        joining.removeAll(store.membersAmong(group, wanted));
        return joining;
    }

    private GroupModel find(String id) {
        GroupModel group = store.find(id);
        if (group == null) {
            throw ScimException.notFound("Group " + id + " not found");
        }
        return group;
    }
}
