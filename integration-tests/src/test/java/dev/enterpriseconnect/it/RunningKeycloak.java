package dev.enterpriseconnect.it;

import java.net.URI;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;


import dev.enterpriseconnect.testbed.AdminApi;
import dev.enterpriseconnect.testbed.KeycloakProcess;

/** The server under test, plus the set-up steps tests share, all through public HTTP APIs. */
// AutoCloseable: the root store closes the server after the last test class.
public final class RunningKeycloak implements AutoCloseable {

    private final KeycloakProcess process;
    private final AdminApi admin;

    RunningKeycloak(KeycloakProcess process) {
        this.process = process;
        this.admin = new AdminApi(process.baseUrl());
    }

    public URI baseUrl() {
        return process.baseUrl();
    }

    /** The management port's {@code /metrics} (Prometheus text) of the shared server. */
    public String metrics() {
        try {
            java.net.http.HttpResponse<String> response = java.net.http.HttpClient.newHttpClient().send(
                    java.net.http.HttpRequest.newBuilder(process.managementUrl().resolve("/metrics"))
                            .timeout(java.time.Duration.ofSeconds(10)).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("/metrics answered " + response.statusCode());
            }
            return response.body();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public AdminApi admin() {
        return admin;
    }

    /** A new realm with a unique name, so test classes never see each other's data. */
    public String createRealm(String prefix) {
        return createRealm(prefix, "");
    }

    /** @param extraJson further realm representation fields, e.g. {@code ,"scimApiEnabled":true} */
    public String createRealm(String prefix, String extraJson) {
        String name = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        admin.expect(201, admin.post("/admin/realms", "{\"realm\":\"" + name + "\",\"enabled\":true" + extraJson + "}"));
        return name;
    }

    /** Creates a connector through our admin API and returns what the administrator is shown once. */
    public Connector createConnector(String realm, String name) {
        return createConnector(realm, name, "");
    }

    /** @param extraJson further create fields, e.g. {@code ,"deprovisioning":{"onDelete":"delete"}} */
    public Connector createConnector(String realm, String name, String extraJson) {
        JsonNode created = admin.expect(201, admin.post("/admin/realms/" + realm + "/scim-connectors",
                "{\"name\":\"" + name + "\"" + extraJson + "}"));
        return new Connector(realm, created.get("id").asText(), URI.create(created.get("scimBaseUrl").asText()),
                created.get("token").asText());
    }

    /**
     * Changes one stored setting of a connector through Keycloak's component API, as a vendor's
     * script would; what the connector does next follows the new value.
     */
    public void setConnectorSetting(String realm, String connectorId, String key, String value) {
        String path = "/admin/realms/" + realm + "/components/" + connectorId;
        ObjectNode component = (ObjectNode) admin.expect(200, admin.get(path));
        ((ObjectNode) component.get("config")).putArray(key).add(value);
        admin.expect(204, admin.put(path, component.toString()));
    }

    public ScimClient scim(Connector connector) {
        return ScimClient.bearer(connector.baseUrl(), connector.token());
    }

    @Override
    public void close() {
        process.close();
    }

    public record Connector(String realm, String id, URI baseUrl, String token) {
    }
}
