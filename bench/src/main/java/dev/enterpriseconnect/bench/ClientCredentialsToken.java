package dev.enterpriseconnect.bench;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;

/** An access token from the client_credentials grant, fetched again once half its lifetime has passed. */
final class ClientCredentialsToken implements Supplier<String> {

    private final URI tokenEndpoint;
    private final String form;
    private String token;
    private long refreshAt;

    ClientCredentialsToken(URI tokenEndpoint, String clientId, String clientSecret) {
        this.tokenEndpoint = tokenEndpoint;
        this.form = "grant_type=client_credentials&client_id=" + URLEncoder.encode(clientId, StandardCharsets.UTF_8)
                + "&client_secret=" + URLEncoder.encode(clientSecret, StandardCharsets.UTF_8);
    }

    @Override
    public synchronized String get() {
        if (token == null || System.currentTimeMillis() >= refreshAt) {
            JsonNode response = JsonHttp.post(tokenEndpoint, null, "application/x-www-form-urlencoded", form)
                    .expect(200).json();
            token = response.get("access_token").asText();
            refreshAt = System.currentTimeMillis() + response.path("expires_in").asLong(60) * 500;
        }
        return token;
    }
}
