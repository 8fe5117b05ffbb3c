package dev.enterpriseconnect.scim.group;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.enterpriseconnect.scim.filter.PathExpression;
import dev.enterpriseconnect.scim.filter.ScimFilter;
import dev.enterpriseconnect.scim.filter.ScimFilterException;
import dev.enterpriseconnect.scim.filter.ScimFilterParser;
import dev.enterpriseconnect.scim.protocol.JsonFields;
import dev.enterpriseconnect.scim.protocol.ScimException;
import dev.enterpriseconnect.scim.protocol.ScimJson;
import dev.enterpriseconnect.scim.protocol.ScimSchemas;

/**
 * A Group PATCH split in two: membership steps, applied as row inserts and deletes so a group's
 * size never matters and concurrent PATCHes never lose a member, and the rest (displayName,
 * externalId), applied by the generic PATCH engine to the group without its members.
 */
final class MembershipChange {

    enum Kind {
        ADD, REMOVE, REMOVE_ALL, REPLACE
    }

    record Step(Kind kind, Set<String> userIds) {
    }

    private final List<Step> steps = new ArrayList<>();
    private final ArrayNode otherOperations = ScimJson.object().arrayNode();

    static MembershipChange of(ObjectNode request) {
        JsonNode schemas = JsonFields.get(request, "schemas");
        if (schemas == null || !schemas.toString().contains(ScimSchemas.PATCH_OP)) {
            throw ScimException.invalidSyntax("'schemas' must list " + ScimSchemas.PATCH_OP);
        }
        JsonNode operations = JsonFields.get(request, "Operations");
        if (operations == null || !operations.isArray() || operations.isEmpty()) {
            throw ScimException.invalidSyntax("'Operations' must be a non-empty array");
        }
        MembershipChange change = new MembershipChange();
        for (JsonNode operation : operations) {
            change.read(operation);
        }
        return change;
    }

    List<Step> steps() {
        return steps;
    }

    /** A PatchOp request with the non-member operations, or null when there are none. */
    ObjectNode otherOperations() {
        if (otherOperations.isEmpty()) {
            return null;
        }
        ObjectNode request = ScimJson.object();
        request.putArray("schemas").add(ScimSchemas.PATCH_OP);
        request.set("Operations", otherOperations);
        return request;
    }

    Set<String> addedUserIds() {
        Set<String> ids = new LinkedHashSet<>();
        steps.stream().filter(s -> s.kind() == Kind.ADD || s.kind() == Kind.REPLACE).forEach(s -> ids.addAll(s.userIds()));
        return ids;
    }

    private void read(JsonNode operation) {
        if (!operation.isObject()) {
            throw ScimException.invalidSyntax("Each operation must be an object");
        }
        JsonNode opNode = JsonFields.get(operation, "op");
        String op = opNode == null ? "" : opNode.asText().toLowerCase(Locale.ROOT);
        JsonNode pathNode = JsonFields.get(operation, "path");
        JsonNode value = JsonFields.get(operation, "value");
        if (!op.equals("add") && !op.equals("replace") && !op.equals("remove")) {
            throw ScimException.invalidSyntax("Unknown PATCH op '" + (opNode == null ? "" : opNode.asText())
                    + "'; use add, replace or remove");
        }
        if (pathNode == null || pathNode.isNull()) {
            readPathless(op, (ObjectNode) operation, value);
            return;
        }
        PathExpression path;
        try {
            path = ScimFilterParser.parsePath(pathNode.asText());
        } catch (ScimFilterException e) {
            throw ScimException.of(400, "invalidPath", e.getMessage());
        }
        if (!path.attribute().is("members") && !path.attribute().is("members.value")) {
            otherOperations.add(operation);
            return;
        }
        switch (op) {
            case "add" -> steps.add(new Step(Kind.ADD, ScimGroupMapping.memberIds(value)));
            case "replace" -> {
                if (path.valueFilter() != null) {
                    throw ScimException.of(400, "invalidPath", "Replace members as a whole, or add and remove them");
                }
                steps.add(new Step(Kind.REPLACE, ScimGroupMapping.memberIds(value)));
            }
            default -> {
                if (path.valueFilter() != null) {
                    steps.add(new Step(Kind.REMOVE, idsOf(path.valueFilter())));
                } else if (value != null && !value.isNull()) {
                    steps.add(new Step(Kind.REMOVE, ScimGroupMapping.memberIds(value)));
                } else {
                    steps.add(new Step(Kind.REMOVE_ALL, Set.of()));
                }
            }
        }
    }

    private void readPathless(String op, ObjectNode operation, JsonNode value) {
        if (op.equals("remove")) {
            throw ScimException.of(400, "noTarget", "A remove operation needs a path");
        }
        if (value == null || !value.isObject()) {
            throw ScimException.invalidSyntax("An operation without a path needs an object value");
        }
        ObjectNode rest = ((ObjectNode) value).deepCopy();
        String membersKey = JsonFields.key(rest, "members");
        if (membersKey != null) {
            Set<String> ids = ScimGroupMapping.memberIds(rest.remove(membersKey));
            steps.add(new Step(op.equals("add") ? Kind.ADD : Kind.REPLACE, ids));
        }
        if (!rest.isEmpty()) {
            ObjectNode copy = operation.deepCopy();
            copy.set(JsonFields.key(copy, "value"), rest);
            otherOperations.add(copy);
        }
    }

    /** {@code members[value eq "a" or value eq "b"]} → {a, b}. */
    private static Set<String> idsOf(ScimFilter filter) {
        Set<String> ids = new LinkedHashSet<>();
        if (filter instanceof ScimFilter.Comparison c && c.path().is("value") && c.operator() == ScimFilter.Operator.EQ
                && c.value() != null) {
            ids.add(String.valueOf(c.value()));
        } else if (filter instanceof ScimFilter.Or or) {
            ids.addAll(idsOf(or.left()));
            ids.addAll(idsOf(or.right()));
        } else {
            throw ScimException.of(400, "invalidFilter", "Members are selected by value eq \"<user id>\" only");
        }
        return ids;
    }
}
