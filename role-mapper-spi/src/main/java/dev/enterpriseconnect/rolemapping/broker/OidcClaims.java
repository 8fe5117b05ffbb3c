package dev.enterpriseconnect.rolemapping.broker;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.keycloak.broker.oidc.mappers.AbstractClaimMapper;
import org.keycloak.broker.provider.BrokeredIdentityContext;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The claims of an OIDC login, looked up as Keycloak's own claim mappers do (access token, then ID
 * token, then the userinfo answer; {@code a.b} reaches into nested objects). A claim holding an array
 * gives each element; a string gives itself.
 */
final class OidcClaims implements IncomingAttributes {

    private final BrokeredIdentityContext context;

    OidcClaims(BrokeredIdentityContext context) {
        this.context = context;
    }

    @Override
    public List<String> values(String name) {
        if (name == null || name.isBlank()) {
            return List.of();
        }
        List<String> values = new ArrayList<>();
        flatten(AbstractClaimMapper.getClaimValue(context, name.strip()), values);
        return values;
    }

    private static void flatten(Object value, List<String> into) {
        if (value == null) {
            return;
        }
        if (value instanceof Collection<?> collection) {
            collection.forEach(v -> flatten(v, into));
        } else if (value instanceof Object[] array) {
            for (Object v : array) {
                flatten(v, into);
            }
        } else if (value instanceof JsonNode node) {
            if (node.isArray()) {
                node.forEach(v -> flatten(v, into));
            } else if (!node.isNull()) {
                into.add(node.isTextual() ? node.textValue() : node.toString());
            }
        } else {
            into.add(String.valueOf(value));
        }
    }
}
