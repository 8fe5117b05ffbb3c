package dev.enterpriseconnect.testbed;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Keycloak's admin REST API as the bootstrap admin, over plain HTTP. */
public final class AdminApi {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI baseUrl;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private String token;
    private long tokenFetchedAt;

    public AdminApi(URI baseUrl) {
        this.baseUrl = baseUrl;
    }

    public HttpResponse<String> get(String path) {
        return send(request(path).GET());
    }

    public HttpResponse<String> post(String path, String json) {
        return send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json == null ? "" : json)));
    }

    public HttpResponse<String> put(String path, String json) {
        return send(request(path).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    public HttpResponse<String> delete(String path) {
        return send(request(path).DELETE());
    }

    /** Sends and insists on the expected status; returns the body as JSON (null when empty). */
    public JsonNode expect(int status, HttpResponse<String> response) {
        if (response.statusCode() != status) {
            throw new IllegalStateException(response.request().method() + " " + response.uri() + " answered "
                    + response.statusCode() + ", expected " + status + ": " + response.body());
        }
        return parse(response.body());
    }

    public static JsonNode parse(String body) {
        try {
            return body == null || body.isBlank() ? null : JSON.readTree(body);
        } catch (IOException e) {
            throw new IllegalStateException("Not JSON: " + body, e);
        }
    }

    public String accessToken() {
        // Master's admin-cli tokens live 60 s: fetch a new one well before that.
        if (token == null || System.currentTimeMillis() - tokenFetchedAt > 30_000) {
            String form = "grant_type=password&client_id=admin-cli&username="
                    + URLEncoder.encode(KeycloakProcess.ADMIN_USER, StandardCharsets.UTF_8)
                    + "&password=" + URLEncoder.encode(KeycloakProcess.ADMIN_PASSWORD, StandardCharsets.UTF_8);
            HttpResponse<String> response = sendRaw(HttpRequest.newBuilder(
                            baseUrl.resolve("/realms/master/protocol/openid-connect/token"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build());
            token = expect(200, response).get("access_token").asText();
            tokenFetchedAt = System.currentTimeMillis();
        }
        return token;
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(baseUrl.resolve(path)).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + accessToken());
    }

    private HttpResponse<String> send(HttpRequest.Builder builder) {
        return sendRaw(builder.build());
    }

    private HttpResponse<String> sendRaw(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(request.method() + " " + request.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
