package dev.enterpriseconnect.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;

import dev.enterpriseconnect.testbed.AdminApi;

/**
 * One HTTP client shared by all systems and benchmarks, so no system gets a better connection pool.
 * HTTP/1.1 on purpose: the same protocol an IdP's SCIM client uses, and no h2c upgrade surprises.
 */
final class JsonHttp {

    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    /** A response with the time the request took, measured around the exchange only. */
    record Timed(int status, String body, long nanos, String what) {
        JsonNode json() {
            return AdminApi.parse(body);
        }

        Timed expect(int expected) {
            if (status != expected) {
                throw new IllegalStateException(what + " answered " + status + ", expected " + expected + ": "
                        + (body.length() > 500 ? body.substring(0, 500) + "..." : body));
            }
            return this;
        }
    }

    private JsonHttp() {
    }

    static Timed get(URI uri, Supplier<String> bearer) {
        return send(HttpRequest.newBuilder(uri).GET(), bearer, "GET " + uri);
    }

    static Timed post(URI uri, Supplier<String> bearer, String contentType, String body) {
        return send(HttpRequest.newBuilder(uri).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)), bearer, "POST " + uri);
    }

    static Timed patch(URI uri, Supplier<String> bearer, String contentType, String body) {
        return send(HttpRequest.newBuilder(uri).header("Content-Type", contentType)
                .method("PATCH", HttpRequest.BodyPublishers.ofString(body)), bearer, "PATCH " + uri);
    }

    /** @param body null for a PUT without a body (Keycloak's admin API joins a user to a group so) */
    static Timed put(URI uri, Supplier<String> bearer, String contentType, String body) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri);
        if (body == null) {
            builder.PUT(HttpRequest.BodyPublishers.noBody());
        } else {
            builder.header("Content-Type", contentType).PUT(HttpRequest.BodyPublishers.ofString(body));
        }
        return send(builder, bearer, "PUT " + uri);
    }

    private static Timed send(HttpRequest.Builder builder, Supplier<String> bearer, String what) {
        // Fetch (or refresh) the token before the clock starts.
        if (bearer != null) {
            builder.header("Authorization", "Bearer " + bearer.get());
        }
        HttpRequest request = builder.timeout(Duration.ofSeconds(120)).build();
        try {
            long start = System.nanoTime();
            HttpResponse<String> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
            long nanos = System.nanoTime() - start;
            return new Timed(response.statusCode(), response.body(), nanos, what);
        } catch (IOException e) {
            throw new IllegalStateException(what + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
