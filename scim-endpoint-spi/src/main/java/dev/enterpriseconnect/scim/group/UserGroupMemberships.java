package dev.enterpriseconnect.scim.group;

import java.util.List;
import java.util.Map;

import dev.enterpriseconnect.scim.endpoint.ScimRequestContext;

/** The pushed groups of users, for the read-only {@code groups} attribute of User resources. */
public final class UserGroupMemberships {

    /** A group a user belongs to: its id, displayName and externalId (or null). */
    public record Membership(String groupId, String displayName, String externalId) {

        /** What group-based role rules match: the displayName and, when Okta or Entra sent one, the externalId. */
        public java.util.stream.Stream<String> names() {
            return externalId == null ? java.util.stream.Stream.of(displayName)
                    : java.util.stream.Stream.of(displayName, externalId);
        }
    }

    private UserGroupMemberships() {
    }

    /** One user's, picked from the groups the user is a member of (read already, or cached with the user). */
    public static List<Membership> pushedAmong(ScimRequestContext context,
            java.util.stream.Stream<org.keycloak.models.GroupModel> groupsOfUser) {
        return new ScimGroupStore(context).pushedAmong(groupsOfUser).stream()
                .map(g -> new Membership(g[0], g[1], g[2])).toList();
    }

    /** One query for a whole page of users. */
    public static Map<String, List<Membership>> of(ScimRequestContext context, List<String> userIds) {
        return new ScimGroupStore(context).groupsOfUsers(userIds).entrySet().stream()
                .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey,
                        e -> e.getValue().stream().map(g -> new Membership(g[0], g[1], g[2])).toList()));
    }
}
