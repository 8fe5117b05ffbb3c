package dev.enterpriseconnect.it;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;

import dev.enterpriseconnect.testbed.AdminApi;

/** A SCIM caller holding one credential, as Okta or Entra would. Raw HTTP so tests see every byte. */
public final class ScimClient {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final URI baseUrl;
    private final String authorization;

    /** @param authorization the whole Authorization header value, or null to send none */
    private ScimClient(URI baseUrl, String authorization) {
        this.baseUrl = baseUrl;
        this.authorization = authorization;
    }

    public static ScimClient bearer(URI baseUrl, String token) {
        return new ScimClient(baseUrl, "Bearer " + token);
    }

    /** The same base URL with another Authorization header (null: none). */
    public ScimClient withAuthorization(String header) {
        return new ScimClient(baseUrl, header);
    }

    public Result post(String path, String json) {
        return send(builder(path).header("Content-Type", "application/scim+json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    /** POST without a Content-Length: the body arrives chunked. */
    public Result postChunked(String path, byte[] body) {
        return send(builder(path).header("Content-Type", "application/scim+json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(body))));
    }

    public Result put(String path, String json, String... headers) {
        return send(builder(path, headers).header("Content-Type", "application/scim+json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    public Result patch(String path, String json, String... headers) {
        return send(builder(path, headers).header("Content-Type", "application/scim+json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(json)));
    }

    public Result delete(String path, String... headers) {
        return send(builder(path, headers).DELETE());
    }

    /** Any method; {@code contentType} and {@code body} may be null (no Content-Type, no body). */
    public Result send(String method, String path, String contentType, String body) {
        HttpRequest.Builder builder = builder(path);
        if (contentType != null) {
            builder.header("Content-Type", contentType);
        }
        return send(builder.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body)));
    }

    /** GET with extra headers given as name, value, name, value... */
    public Result get(String path, String... headers) {
        return send(builder(path, headers).GET());
    }

    private HttpRequest.Builder builder(String path, String... headers) {
        HttpRequest.Builder builder = builder(path);
        for (int i = 0; i + 1 < headers.length; i += 2) {
            builder.header(headers[i], headers[i + 1]);
        }
        return builder;
    }

    private HttpRequest.Builder builder(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(60));
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        return builder;
    }

    private static Result send(HttpRequest.Builder builder) {
        try {
            HttpResponse<String> response = HTTP.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            return new Result(response);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A response with its body parsed once. */
    public record Result(HttpResponse<String> response) {
        public int status() {
            return response.statusCode();
        }

        public JsonNode json() {
            return AdminApi.parse(response.body());
        }

        public String header(String name) {
            return response.headers().firstValue(name).orElse(null);
        }
    }
}
