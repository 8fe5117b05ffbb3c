package dev.enterpriseconnect.scim.group;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.enterpriseconnect.scim.filter.AttributePath;
import dev.enterpriseconnect.scim.filter.ScimFilter;
import dev.enterpriseconnect.scim.filter.ScimFilter.Operator;
import dev.enterpriseconnect.scim.protocol.ScimException;
import dev.enterpriseconnect.scim.storage.JpqlFilterTranslator;
import dev.enterpriseconnect.scim.storage.JpqlWhere;

/** A SCIM filter on Groups as a JPQL condition on {@code GroupEntity g}. */
final class GroupFilterTranslator extends JpqlFilterTranslator {

    GroupFilterTranslator(JpqlWhere where) {
        super(where);
    }

    @Override
    protected String leaf(ScimFilter filter) {
        if (filter instanceof ScimFilter.ValuePath valuePath && valuePath.attribute().is("members")) {
            return members(valuePath.filter());
        }
        if (filter instanceof ScimFilter.Present present) {
            return switch (present.path().lowerDotted()) {
                case "displayname", "id" -> "g.id is not null";
                case "externalid" -> "exists (select a.id from GroupAttributeEntity a where a.group = g and a.name = "
                        + where.bind(ScimGroupStore.EXTERNAL_ID) + ")";
                case "members", "members.value" -> "exists (select m.groupId from UserGroupMembershipEntity m"
                        + " where m.groupId = g.id)";
                default -> throw unsupported(present.path());
            };
        }
        if (filter instanceof ScimFilter.Comparison c) {
            return switch (c.path().lowerDotted()) {
                case "displayname" -> stringCondition("lower(g.name)", c.operator(), lower(c.value()));
                case "id" -> stringCondition("g.id", c.operator(), String.valueOf(c.value()));
                case "externalid" -> {
                    String condition = stringCondition("a.value", c.operator() == Operator.NE ? Operator.EQ : c.operator(),
                            String.valueOf(c.value()));
                    String exists = "exists (select a.id from GroupAttributeEntity a where a.group = g and a.name = "
                            + where.bind(ScimGroupStore.EXTERNAL_ID) + " and " + condition + ")";
                    yield c.operator() == Operator.NE ? "not " + exists : exists;
                }
                case "members.value", "members" -> members(new ScimFilter.Comparison(AttributePath.of("value"),
                        c.operator(), c.value()));
                case "meta.created" -> timestamp("g.createdTimestamp", c);
                case "meta.lastmodified" -> timestamp("coalesce(g.lastModifiedTimestamp, g.createdTimestamp)", c);
                default -> throw unsupported(c.path());
            };
        }
        throw unsupported(((ScimFilter.ValuePath) filter).attribute());
    }

    /**
     * {@code members[value eq "id"]}: a membership check, one indexed lookup. An {@code or} of such
     * ids is one lookup too, with {@code in}, however many there are.
     */
    private String members(ScimFilter inner) {
        Normal normal = normalise(inner);
        List<Normal> parts = normal instanceof Junction or && !or.and() ? or.parts() : List.of(normal);
        List<String> ids = new ArrayList<>(parts.size());
        for (Normal part : parts) {
            if (!(part instanceof Leaf leaf) || leaf.negated() || !(leaf.filter() instanceof ScimFilter.Comparison c)
                    || !c.path().is("value") || c.operator() != Operator.EQ) {
                throw ScimException.of(400, "invalidFilter", "Members can be filtered by value eq \"<user id>\" only");
            }
            ids.add(String.valueOf(c.value()));
        }
        String condition = ids.size() == 1 ? "m.user.id = " + where.bind(ids.get(0)) : "m.user.id in " + where.bind(ids);
        return "exists (select m.groupId from UserGroupMembershipEntity m where m.groupId = g.id and " + condition + ")";
    }

    private String timestamp(String expression, ScimFilter.Comparison c) {
        long millis;
        try {
            millis = Instant.parse(String.valueOf(c.value())).toEpochMilli();
        } catch (DateTimeParseException e) {
            throw ScimException.of(400, "invalidFilter", "'" + c.path() + "' needs an RFC 3339 date-time");
        }
        String op = switch (c.operator()) {
            case EQ -> "=";
            case NE -> "<>";
            case GT -> ">";
            case GE -> ">=";
            case LT -> "<";
            case LE -> "<=";
            default -> throw ScimException.of(400, "invalidFilter", "'" + c.path() + "' is a date-time");
        };
        return expression + " " + op + " " + where.bind(millis);
    }

    private static String lower(Object value) {
        return String.valueOf(value).toLowerCase(Locale.ROOT);
    }

    private static ScimException unsupported(AttributePath path) {
        return ScimException.of(400, "invalidFilter", "Filtering groups on '" + path + "' is not supported");
    }
}
