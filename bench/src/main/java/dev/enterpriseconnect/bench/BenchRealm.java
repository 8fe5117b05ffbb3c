package dev.enterpriseconnect.bench;

import java.net.URI;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.enterpriseconnect.testbed.AdminApi;

/**
 * Idempotent set-up of realm {@code bench}: creates what is missing, refreshes what is per run
 * (our connector's token, the preview's audience, which contains the port).
 */
final class BenchRealm {

    static final String REALM = "bench";
    static final String CONNECTOR = "bench";
    static final String PREVIEW_CLIENT = "bench-preview";
    private static final String AUDIENCE_MAPPER = "preview-scim-audience";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Where each SCIM API answers and how to authenticate to it. */
    record Access(URI oursBase, Supplier<String> oursToken, URI previewBase, Supplier<String> previewToken) {
    }

    private final AdminApi admin;
    private final URI keycloak;

    BenchRealm(AdminApi admin, URI keycloak) {
        this.admin = admin;
        this.keycloak = keycloak;
    }

    Access prepare() {
        ensureRealm();
        JsonNode connector = freshConnector();
        URI previewBase = URI.create(keycloak + "/realms/" + REALM + "/scim/v2");
        String secret = ensurePreviewClient(previewBase);
        String oursToken = connector.get("token").asText();
        return new Access(URI.create(connector.get("scimBaseUrl").asText()), () -> oursToken, previewBase,
                new ClientCredentialsToken(URI.create(keycloak + "/realms/" + REALM + "/protocol/openid-connect/token"),
                        PREVIEW_CLIENT, secret));
    }

    private void ensureRealm() {
        if (admin.get("/admin/realms/" + REALM).statusCode() == 404) {
            admin.expect(201, admin.post("/admin/realms",
                    "{\"realm\":\"" + REALM + "\",\"enabled\":true,\"scimApiEnabled\":true}"));
        } else {
            admin.expect(204, admin.put("/admin/realms/" + REALM, "{\"scimApiEnabled\":true}"));
        }
    }

    /** Creates the connector, or rotates its secret: the token is shown only then. */
    private JsonNode freshConnector() {
        String path = "/admin/realms/" + REALM + "/scim-connectors";
        for (JsonNode existing : admin.expect(200, admin.get(path))) {
            if (CONNECTOR.equals(existing.path("name").asText())) {
                return admin.expect(200, admin.post(path + "/" + existing.get("id").asText() + "/rotate-secret", null));
            }
        }
        return admin.expect(201, admin.post(path, "{\"name\":\"" + CONNECTOR + "\"}"));
    }

    /** Confidential client whose service account may manage users, with tokens meant for the preview. */
    private String ensurePreviewClient(URI previewBase) {
        String clients = "/admin/realms/" + REALM + "/clients";
        String id = clientId(PREVIEW_CLIENT);
        if (id == null) {
            admin.expect(201, admin.post(clients, "{\"clientId\":\"" + PREVIEW_CLIENT + "\",\"protocol\":\"openid-connect\","
                    + "\"publicClient\":false,\"serviceAccountsEnabled\":true,\"standardFlowEnabled\":false,"
                    + "\"directAccessGrantsEnabled\":false}"));
            id = clientId(PREVIEW_CLIENT);
        }
        grantUserManagement(id);
        ensureAudienceMapper(clients + "/" + id + "/protocol-mappers/models", previewBase.toString());
        return admin.expect(200, admin.get(clients + "/" + id + "/client-secret")).get("value").asText();
    }

    private void grantUserManagement(String clientUuid) {
        String realmManagement = clientId("realm-management");
        String serviceAccount = admin.expect(200,
                admin.get("/admin/realms/" + REALM + "/clients/" + clientUuid + "/service-account-user")).get("id").asText();
        ArrayNode roles = JSON.createArrayNode();
        for (String role : new String[] {"manage-users", "view-users"}) {
            roles.add(admin.expect(200,
                    admin.get("/admin/realms/" + REALM + "/clients/" + realmManagement + "/roles/" + role)));
        }
        // Adding a mapping that exists is a no-op, so this is safe on every run.
        admin.expect(204, admin.post("/admin/realms/" + REALM + "/users/" + serviceAccount + "/role-mappings/clients/"
                + realmManagement, roles.toString()));
    }

    private void ensureAudienceMapper(String mappers, String audience) {
        ObjectNode mapper = JSON.createObjectNode()
                .put("name", AUDIENCE_MAPPER)
                .put("protocol", "openid-connect")
                .put("protocolMapper", "oidc-audience-mapper");
        mapper.putObject("config")
                .put("included.custom.audience", audience)
                .put("access.token.claim", "true")
                .put("id.token.claim", "false")
                .put("introspection.token.claim", "true");
        for (JsonNode existing : admin.expect(200, admin.get(mappers))) {
            if (AUDIENCE_MAPPER.equals(existing.path("name").asText())) {
                mapper.put("id", existing.get("id").asText());
                admin.expect(204, admin.put(mappers + "/" + existing.get("id").asText(), mapper.toString()));
                return;
            }
        }
        admin.expect(201, admin.post(mappers, mapper.toString()));
    }

    private String clientId(String clientId) {
        JsonNode found = admin.expect(200, admin.get("/admin/realms/" + REALM + "/clients?clientId=" + clientId));
        return found.isEmpty() ? null : found.get(0).get("id").asText();
    }
}
