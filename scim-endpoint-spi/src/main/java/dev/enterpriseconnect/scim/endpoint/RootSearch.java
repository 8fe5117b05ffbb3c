package dev.enterpriseconnect.scim.endpoint;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.enterpriseconnect.scim.group.GroupProvisioning;
import dev.enterpriseconnect.scim.protocol.ScimException;
import dev.enterpriseconnect.scim.protocol.ScimSearchRequest;
import dev.enterpriseconnect.scim.user.UserProvisioning;

/**
 * {@code POST {base}/.search} (RFC 7644 §3.4.3): one search over every resource type the connector
 * can see, Users first and then Groups, paged across both. Each type is searched by its own
 * provisioning service, so the connector's scope and the filter rules are those of
 * {@code /Users/.search} and {@code /Groups/.search}.
 *
 * <p>A filter that one type cannot evaluate (an attribute only the other type has, such as
 * {@code userName} or {@code members}) matches nothing of that type; a filter neither type can
 * evaluate is refused with the Users' {@code invalidFilter}. Results are not sorted: {@code sortBy}
 * is refused, since the two types share no sortable attribute.
 */
final class RootSearch {

    private final ScimRequestContext context;

    RootSearch(ScimRequestContext context) {
        this.context = context;
    }

    ObjectNode search(ScimSearchRequest request) {
        if (request.sortBy() != null) {
            throw ScimException.invalidValue("The root /.search does not sort; sort with /Users/.search or /Groups/.search");
        }
        int pageSize = request.pageSize(context.connector().maxPageSize());
        ScimException usersRefused = null;
        long userTotal = 0;
        List<ObjectNode> resources = new ArrayList<>();
        try {
            ObjectNode users = new UserProvisioning(context).search(page(request, request.startIndex(), pageSize));
            userTotal = users.get("totalResults").asLong();
            collect(users, resources);
        } catch (ScimException e) {
            if (!"invalidFilter".equals(e.scimType())) {
                throw e;
            }
            usersRefused = e;
        }
        long groupTotal = 0;
        try {
            int groupStart = (int) Math.max(1, request.startIndex() - userTotal);
            ObjectNode groups = new GroupProvisioning(context).search(page(request, groupStart, pageSize - resources.size()));
            groupTotal = groups.get("totalResults").asLong();
            collect(groups, resources);
        } catch (ScimException e) {
            if (!"invalidFilter".equals(e.scimType())) {
                throw e;
            }
            if (usersRefused != null) {
                throw usersRefused;
            }
        }
        return request.listResponse(userTotal + groupTotal, resources);
    }

    private static ScimSearchRequest page(ScimSearchRequest request, int startIndex, int count) {
        return new ScimSearchRequest(request.filter(), null, false, startIndex, count, request.projection());
    }

    private static void collect(ObjectNode listResponse, List<ObjectNode> into) {
        for (JsonNode resource : listResponse.get("Resources")) {
            into.add((ObjectNode) resource);
        }
    }
}
