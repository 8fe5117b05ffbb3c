package dev.enterpriseconnect.scim.user;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;

import dev.enterpriseconnect.scim.filter.AttributePath;
import dev.enterpriseconnect.scim.filter.ScimFilter;
import dev.enterpriseconnect.scim.filter.ScimFilter.Operator;
import dev.enterpriseconnect.scim.protocol.ScimException;
import dev.enterpriseconnect.scim.protocol.ScimSchemas;
import dev.enterpriseconnect.scim.schema.ScimSchemaCatalog;
import dev.enterpriseconnect.scim.storage.JpqlFilterTranslator;
import dev.enterpriseconnect.scim.storage.JpqlWhere;

/**
 * Turns a SCIM filter on Users into a JPQL condition on {@code UserEntity u}, so the database does
 * the filtering. Columns Keycloak stores lower-cased (username, email) are compared as they are,
 * so their indexes serve {@code eq}; other strings compare case-insensitively, as SCIM says, except
 * the case-exact ones (id, externalId, manager).
 */
final class UserFilterTranslator extends JpqlFilterTranslator {

    /** How a filter path reaches a user column. */
    private record Column(String expression, Kind kind) {
    }

    private enum Kind {
        LOWERCASED_STRING, STRING, EXACT_STRING, BOOLEAN, TIMESTAMP
    }

    UserFilterTranslator(JpqlWhere where) {
        super(where);
    }

    @Override
    protected String leaf(ScimFilter filter) {
        if (filter instanceof ScimFilter.Present present) {
            return present(present.path());
        }
        if (filter instanceof ScimFilter.Comparison comparison) {
            return compare(comparison.path(), comparison.operator(), comparison.value());
        }
        ScimFilter.ValuePath valuePath = (ScimFilter.ValuePath) filter;
        if (!valuePath.attribute().is("emails") || valuePath.attribute().subAttribute() != null) {
            throw invalidFilter("Filtering inside '" + valuePath.attribute() + "[...]' is not supported; emails[...] is");
        }
        return new EmailElement(where).translate(valuePath.filter());
    }

    /** Sort keys: the columns a page can be ordered by. */
    static Optional<String> sortExpression(String sortBy) {
        return column(parsePath(sortBy)).map(Column::expression);
    }

    private static AttributePath parsePath(String path) {
        int colon = path.lastIndexOf(':');
        String schema = colon < 0 ? null : path.substring(0, colon);
        String rest = colon < 0 ? path : path.substring(colon + 1);
        int dot = rest.indexOf('.');
        return dot < 0 ? new AttributePath(schema, rest, null)
                : new AttributePath(schema, rest.substring(0, dot), rest.substring(dot + 1));
    }

    private static Optional<Column> column(AttributePath path) {
        if (path.schema() != null && !path.schema().equalsIgnoreCase(ScimSchemas.USER)) {
            return Optional.empty();
        }
        return Optional.ofNullable(switch (path.lowerDotted()) {
            case "username" -> new Column("u.username", Kind.LOWERCASED_STRING);
            case "emails", "emails.value" -> new Column("u.email", Kind.LOWERCASED_STRING);
            case "name.givenname" -> new Column("u.firstName", Kind.STRING);
            case "name.familyname" -> new Column("u.lastName", Kind.STRING);
            case "id" -> new Column("u.id", Kind.EXACT_STRING);
            case "active" -> new Column("u.enabled", Kind.BOOLEAN);
            case "meta.created" -> new Column("u.createdTimestamp", Kind.TIMESTAMP);
            case "meta.lastmodified" -> new Column("coalesce(u.lastModifiedTimestamp, u.createdTimestamp)", Kind.TIMESTAMP);
            default -> null;
        });
    }

    private String present(AttributePath path) {
        Optional<Column> column = column(path);
        if (column.isPresent()) {
            String expression = column.get().expression();
            return column.get().kind() == Kind.BOOLEAN || column.get().kind() == Kind.TIMESTAMP
                    ? expression + " is not null"
                    : "(" + expression + " is not null and " + expression + " <> '')";
        }
        ScimUserAttributes.Mapped mapped = attribute(path);
        return "exists (select a.id from UserAttributeEntity a where a.user = u and a.name = "
                + where.bind(mapped.keycloakName()) + ")";
    }

    private String compare(AttributePath path, Operator operator, Object value) {
        Optional<Column> column = column(path);
        if (column.isPresent()) {
            return compareColumn(column.get(), path, operator, value);
        }
        ScimUserAttributes.Mapped mapped = attribute(path);
        if (value == null) {
            String exists = "exists (select a.id from UserAttributeEntity a where a.user = u and a.name = "
                    + where.bind(mapped.keycloakName()) + ")";
            return switch (operator) {
                case EQ -> "not " + exists;
                case NE -> exists;
                default -> throw invalidFilter("'" + operator.name().toLowerCase(Locale.ROOT) + " null' is not a valid comparison");
            };
        }
        String text = String.valueOf(value);
        String expression = mapped.caseExact() ? "a.value" : "lower(a.value)";
        String operand = mapped.caseExact() ? text : text.toLowerCase(Locale.ROOT);
        boolean negated = operator == Operator.NE;
        String condition = stringCondition(expression, negated ? Operator.EQ : operator, operand);
        String exists = "exists (select a.id from UserAttributeEntity a where a.user = u and a.name = "
                + where.bind(mapped.keycloakName()) + " and " + condition + ")";
        return negated ? "not " + exists : exists;
    }

    private String compareColumn(Column column, AttributePath path, Operator operator, Object value) {
        String expression = column.expression();
        if (value == null) {
            return switch (operator) {
                case EQ -> expression + " is null";
                case NE -> expression + " is not null";
                default -> throw invalidFilter("'" + operator.name().toLowerCase(Locale.ROOT) + " null' is not a valid comparison");
            };
        }
        switch (column.kind()) {
            case BOOLEAN -> {
                if (!(value instanceof Boolean bool) || (operator != Operator.EQ && operator != Operator.NE)) {
                    throw invalidFilter("'" + path + "' is a boolean: use eq or ne with true or false");
                }
                return expression + (operator == Operator.EQ ? " = " : " <> ") + where.bind(bool);
            }
            case TIMESTAMP -> {
                long millis = timestamp(path, value);
                return expression + " " + ordering(operator, path) + " " + where.bind(millis);
            }
            default -> {
                String text = String.valueOf(value);
                if (column.kind() == Kind.STRING) {
                    expression = "lower(" + expression + ")";
                }
                String operand = column.kind() == Kind.EXACT_STRING ? text : text.toLowerCase(Locale.ROOT);
                if (operator == Operator.NE) {
                    return "(" + expression + " <> " + where.bind(operand) + " or " + column.expression() + " is null)";
                }
                return stringCondition(expression, operator, operand);
            }
        }
    }

    private static String ordering(Operator operator, AttributePath path) {
        return switch (operator) {
            case EQ -> "=";
            case NE -> "<>";
            case GT -> ">";
            case GE -> ">=";
            case LT -> "<";
            case LE -> "<=";
            default -> throw invalidFilter("'" + path + "' is a date-time: use eq, ne, gt, ge, lt or le");
        };
    }

    private static long timestamp(AttributePath path, Object value) {
        try {
            return Instant.parse(String.valueOf(value)).toEpochMilli();
        } catch (DateTimeParseException e) {
            throw invalidFilter("'" + path + "' needs an RFC 3339 date-time such as \"2026-01-31T12:00:00Z\"");
        }
    }

    private static ScimUserAttributes.Mapped attribute(AttributePath path) {
        return ScimUserAttributes.forFilterPath(path.schema(), path.lowerDotted())
                .orElseThrow(() -> invalidFilter(inSchema(path)
                        ? "Filtering on '" + path + "' is not supported"
                        : "'" + path + "' is not an attribute of the User schema or its extensions (see /Schemas)"));
    }

    /** Whether the published User schemas define the path's attribute, so the error can tell unknown from unsupported. */
    private static boolean inSchema(AttributePath path) {
        ScimSchemaCatalog schemas = ScimSchemaCatalog.standard();
        var schema = path.schema() == null ? Optional.of(schemas.user()) : schemas.schema(path.schema());
        return schema.flatMap(s -> s.attribute(path.attribute()))
                .map(a -> path.subAttribute() == null || a.sub(path.subAttribute()).isPresent()).orElse(false);
    }

    static ScimException invalidFilter(String detail) {
        return ScimException.of(400, "invalidFilter", detail);
    }

    /**
     * A filter inside {@code emails[...]}. Keycloak holds one email per user (the primary one); its
     * type and primary flag are kept as sent in one JSON attribute, matched here with {@code like}.
     * An email set outside SCIM has none and shows as the primary work email.
     */
    private final class EmailElement extends JpqlFilterTranslator {

        EmailElement(JpqlWhere where) {
            super(where);
        }

        @Override
        protected String leaf(ScimFilter filter) {
            if (filter instanceof ScimFilter.Present present) {
                return switch (present.path().lowerDotted()) {
                    case "value" -> "u.email is not null";
                    case "type" -> "(u.email is not null and (" + noSentDetails() + " or " + sent("\"type\":") + "))";
                    case "primary" -> "(u.email is not null and (" + noSentDetails() + " or " + sent("\"primary\":")
                            + "))";
                    case "display" -> "(u.email is not null and " + sent("\"display\":") + ")";
                    default -> throw invalidFilter("emails have no sub-attribute '" + present.path() + "'");
                };
            }
            if (filter instanceof ScimFilter.Comparison comparison) {
                return switch (comparison.path().lowerDotted()) {
                    case "value" -> compareColumn(new Column("u.email", Kind.LOWERCASED_STRING),
                            AttributePath.of("emails", "value"), comparison.operator(), comparison.value());
                    case "type" -> sentValue(comparison, "type", "work");
                    case "primary" -> sentValue(comparison, "primary", Boolean.TRUE);
                    default -> throw invalidFilter("emails have no sub-attribute '" + comparison.path() + "'");
                };
            }
            throw invalidFilter("Value paths cannot be nested");
        }

        /** {@code type eq "work"}, {@code primary eq true}: as sent, or the default for an email set outside SCIM. */
        private String sentValue(ScimFilter.Comparison comparison, String sub, Object fallback) {
            if (comparison.operator() != Operator.EQ && comparison.operator() != Operator.NE) {
                throw invalidFilter("Use eq or ne on emails." + comparison.path());
            }
            Object value = comparison.value();
            String text = value == null ? "null" : String.valueOf(value).toLowerCase(Locale.ROOT);
            String json = value instanceof String ? "\"" + text + "\"" : text;
            String matches = sent("\"" + sub + "\":" + json);
            if (value instanceof Boolean) {
                // Entra sends booleans as strings ("True").
                matches = "(" + matches + " or " + sent("\"" + sub + "\":\"" + text + "\"") + ")";
            }
            boolean fallbackEqual = value != null && String.valueOf(fallback).equalsIgnoreCase(String.valueOf(value));
            String condition = fallbackEqual ? "(" + noSentDetails() + " or " + matches + ")" : matches;
            return comparison.operator() == Operator.EQ ? "(u.email is not null and " + condition + ")"
                    : "(u.email is not null and not " + condition + ")";
        }

        private String noSentDetails() {
            return "not exists (select a.id from UserAttributeEntity a where a.user = u and a.name = "
                    + where.bind(ScimUserAttributes.PRIMARY_EMAIL.keycloakName()) + ")";
        }

        private String sent(String fragment) {
            return "exists (select a.id from UserAttributeEntity a where a.user = u and a.name = "
                    + where.bind(ScimUserAttributes.PRIMARY_EMAIL.keycloakName()) + " and lower(a.value) like "
                    + where.bind("%" + JpqlWhere.likeLiteral(fragment.toLowerCase(Locale.ROOT)) + "%") + " escape '!')";
        }
    }
}
