package dev.enterpriseconnect.scim.group;

import java.util.List;
import java.util.Map;

import dev.enterpriseconnect.scim.endpoint.ScimRequestContext;

/** The pushed groups of users, for the read-only {@code groups} attribute of User resources. */
public final class UserGroupMemberships {

    /** A group a user belongs to: its id and displayName. */
    public record Membership(String groupId, String displayName) {
    }

    private UserGroupMemberships() {
    }

    /** One query for a whole page of users. */
    public static Map<String, List<Membership>> of(ScimRequestContext context, List<String> userIds) {
        return new ScimGroupStore(context).groupsOfUsers(userIds).entrySet().stream()
                .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey,
                        e -> e.getValue().stream().map(g -> new Membership(g[0], g[1])).toList()));
    }
}
