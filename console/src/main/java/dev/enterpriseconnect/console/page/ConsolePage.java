package dev.enterpriseconnect.console.page;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.keycloak.Config;
import org.keycloak.common.Version;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

import dev.enterpriseconnect.console.setuplink.SetupLinkResource;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;

/**
 * The console: one server-rendered page plus a small script that signs in with Keycloak
 * (authorization code + PKCE) and calls the admin REST API. The page holds no data and needs no
 * permission; every call the script makes is authorised by the admin API itself.
 */
public final class ConsolePage {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> ASSETS = new ConcurrentHashMap<>();
    private static final Map<String, String> TYPES = Map.of("console.js", "text/javascript; charset=utf-8",
            "console.css", "text/css; charset=utf-8");
    // The page's own script and style only; the JSON settings block is data, not script.
    private static final String POLICY = "default-src 'self'; script-src 'self'; style-src 'self';"
            + " img-src 'self' data:; font-src 'self' data:; frame-ancestors 'none'; form-action 'self'";

    private final KeycloakSession session;
    private final RealmModel realm;

    private final String dnsServer;

    ConsolePage(KeycloakSession session, RealmModel realm, String dnsServer) {
        this.session = session;
        this.realm = realm;
        this.dnsServer = dnsServer;
    }

    /** Setup links' pages: {@code setup/{token}} and its API, for IT admins with no Keycloak account. */
    @Path("setup")
    public SetupLinkResource setup() {
        return new SetupLinkResource(session, realm, dnsServer);
    }

    @GET
    @Path("console")
    public Response page() {
        ConsoleClient.ensure(realm, realm);
        RealmModel master = session.realms().getRealmByName(Config.getAdminRealm());
        if (master != null && !master.getId().equals(realm.getId())) {
            ConsoleClient.ensure(master, realm);
        }
        String server = session.getContext().getUri().getBaseUri().toString().replaceAll("/$", "");
        ObjectNode settings = JSON.createObjectNode();
        settings.put("realm", realm.getName());
        settings.put("realmDisplayName", realm.getDisplayName() == null ? realm.getName() : realm.getDisplayName());
        settings.put("server", server);
        settings.put("consolePath", ConsoleClient.consolePath(realm));
        settings.put("clientId", ConsoleClient.CLIENT_ID);
        settings.put("masterRealm", Config.getAdminRealm());
        String html = asset("console.html")
                .replace("@RESOURCES@", escape(server + "/resources/" + Version.RESOURCES_VERSION))
                .replace("@ASSETS@", escape(server + ConsoleClient.consolePath(realm)))
                .replace("@TITLE@", escape(realm.getDisplayName() == null ? realm.getName() : realm.getDisplayName()))
                .replace("@SETTINGS@", json(settings));
        return Response.ok(html, "text/html; charset=utf-8").header("Content-Security-Policy", POLICY)
                .header("X-Frame-Options", "DENY").header("Referrer-Policy", "no-referrer")
                .header("Cache-Control", "no-store").build();
    }

    @GET
    @Path("console/{asset}")
    public Response file(@PathParam("asset") String name) {
        String type = TYPES.get(name);
        if (type == null) {
            throw new NotFoundException();
        }
        return Response.ok(asset(name), type).header("Cache-Control", "no-cache").build();
    }

    private static String asset(String name) {
        return ASSETS.computeIfAbsent(name, n -> {
            try (InputStream in = ConsolePage.class.getResourceAsStream("/console/" + n)) {
                if (in == null) {
                    throw new IllegalStateException("Missing console asset " + n);
                }
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** JSON inside a script element: no character sequence can end the element early. */
    private static String json(ObjectNode node) {
        try {
            return JSON.writeValueAsString(node).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&#39;");
    }

}
