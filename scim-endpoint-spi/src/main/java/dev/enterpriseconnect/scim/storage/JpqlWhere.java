package dev.enterpriseconnect.scim.storage;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.persistence.Query;

/** A JPQL condition under construction, with its named parameters. */
public final class JpqlWhere {

    private final Map<String, Object> parameters = new LinkedHashMap<>();

    /** Registers a value and returns its placeholder, e.g. {@code :p3}. */
    public String bind(Object value) {
        String name = "p" + parameters.size();
        parameters.put(name, value);
        return ":" + name;
    }

    public <Q extends Query> Q applyTo(Q query) {
        parameters.forEach(query::setParameter);
        return query;
    }

    /** Escapes LIKE wildcards; patterns use {@code escape '!'}. */
    public static String likeLiteral(String value) {
        return value.replace("!", "!!").replace("%", "!%").replace("_", "!_");
    }
}
