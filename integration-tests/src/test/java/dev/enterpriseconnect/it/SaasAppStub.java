package dev.enterpriseconnect.it;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The vendor's application, reduced to what a login ends at: an OIDC redirect URI receiving the
 * authorization code, and a SAML assertion consumer service receiving the response Keycloak POSTs.
 */
final class SaasAppStub implements AutoCloseable {

    static final String SIGNED_IN = "Acme app: signed in";

    private final HttpServer server;
    private final BlockingQueue<Map<String, String>> callbacks = new LinkedBlockingQueue<>();
    private final BlockingQueue<String> samlResponses = new LinkedBlockingQueue<>();

    SaasAppStub() {
        try {
            server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/callback", exchange -> {
            callbacks.add(form(exchange.getRequestURI().getRawQuery()));
            answer(exchange);
        });
        server.createContext("/saml/acs", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String response = form(body).get("SAMLResponse");
            if (response != null) {
                samlResponses.add(new String(Base64.getMimeDecoder().decode(response), StandardCharsets.UTF_8));
            }
            answer(exchange);
        });
        server.start();
    }

    URI callbackUrl() {
        return URI.create("http://localhost:" + server.getAddress().getPort() + "/callback");
    }

    URI samlAcsUrl() {
        return URI.create("http://localhost:" + server.getAddress().getPort() + "/saml/acs");
    }

    /** The query parameters of the next OIDC callback (code, state or error). */
    Map<String, String> nextCallback() {
        return poll(callbacks);
    }

    /** The XML of the next SAML response posted to the assertion consumer service. */
    String nextSamlResponse() {
        return poll(samlResponses);
    }

    private static <T> T poll(BlockingQueue<T> queue) {
        try {
            T value = queue.poll(30, TimeUnit.SECONDS);
            if (value == null) {
                throw new AssertionError("The application received nothing within 30 s");
            }
            return value;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> form(String encoded) {
        Map<String, String> values = new HashMap<>();
        if (encoded != null) {
            for (String pair : encoded.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    values.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return values;
    }

    private static void answer(HttpExchange exchange) throws IOException {
        byte[] page = ("<html><body><h1>" + SIGNED_IN + "</h1></body></html>").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
        exchange.sendResponseHeaders(200, page.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(page);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
