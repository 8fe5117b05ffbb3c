package dev.enterpriseconnect.console.setuplink;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.keycloak.common.Version;
import org.keycloak.headers.SecurityHeadersProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

import dev.enterpriseconnect.scim.protocol.ScimException;
import dev.enterpriseconnect.scim.protocol.ScimJson;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * {@code /realms/{realm}/enterprise-connect/setup/{token}}: the page an IT admin opens from a setup
 * link, and the small JSON API its script calls under the same token. No Keycloak account: the
 * token is the credential, every call is authorised by its hash and serves only the link's
 * Organization. Refusals are JSON {@code {"error": "…"}} and roll the request back.
 */
public final class SetupLinkResource {

    // The page's own script and style; the token rides in the URL, so no referrer may carry it away.
    private static final String POLICY = "default-src 'none'; script-src 'self'; style-src 'self';"
            + " img-src 'self' https: data:; font-src 'self' data:; connect-src 'self'; frame-ancestors 'none';"
            + " form-action 'self'; base-uri 'none'";
    private static final Map<String, String> ASSETS = new ConcurrentHashMap<>();
    private static final Map<String, String> TYPES = Map.of("setup.js", "text/javascript; charset=utf-8",
            "setup.css", "text/css; charset=utf-8");

    private final KeycloakSession session;
    private final RealmModel realm;
    private final String dnsServer;

    public SetupLinkResource(KeycloakSession session, RealmModel realm, String dnsServer) {
        this.session = session;
        this.realm = realm;
        this.dnsServer = dnsServer;
    }

    @GET
    @Path("{token}")
    public Response page(@PathParam("token") String token) {
        SetupLinks.Opened opened = new SetupLinks(session, realm).open(token);
        if (!opened.ok()) {
            return refusalPage(opened);
        }
        service(opened).opened();
        return html(200, asset("setup.html").replace("@ASSETS@", escape(server() + assetsPath()))
                .replace("@RESOURCES@", escape(server() + "/resources/" + Version.RESOURCES_VERSION)).replace("@LOGO@", logo())
                .replace("@TITLE@", escape(displayName())));
    }

    @GET
    @Path("{token}/api")
    public Response overview(@PathParam("token") String token) {
        return call(token, SetupPage::overview);
    }

    @GET
    @Path("{token}/api/status")
    public Response status(@PathParam("token") String token) {
        return call(token, SetupPage::status);
    }

    @POST
    @Path("{token}/api/identity-provider")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response identityProvider(@PathParam("token") String token, String body) {
        return call(token, page -> page.createIdentityProvider(parse(body)));
    }

    @POST
    @Path("{token}/api/domains")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response domains(@PathParam("token") String token, String body) {
        return call(token, page -> {
            JsonNode listed = parse(body).get("domains");
            List<String> domains = new ArrayList<>();
            if (listed != null && listed.isArray()) {
                listed.forEach(d -> domains.add(d.asText()));
            } else if (listed != null && listed.isTextual()) {
                domains.addAll(List.of(listed.asText().split("[,\\s]+")));
            } else {
                throw ScimException.invalidValue("domains must be a list of domain names");
            }
            return page.claimDomains(domains);
        });
    }

    @POST
    @Path("{token}/api/domains/verify")
    public Response verify(@PathParam("token") String token) {
        return call(token, SetupPage::verifyDomains);
    }

    @POST
    @Path("{token}/api/secret")
    public Response secret(@PathParam("token") String token) {
        return call(token, SetupPage::generateSecret);
    }

    /** Starts an SP-initiated login through the new identity provider (the page opens it in a new tab). */
    @GET
    @Path("{token}/test-sign-in")
    public Response testSignIn(@PathParam("token") String token) {
        SetupLinks.Opened opened = new SetupLinks(session, realm).open(token);
        if (!opened.ok()) {
            return refusalPage(opened);
        }
        SetupPage page = service(opened);
        String alias = page.identityProviderAlias();
        if (session.identityProviders().getByAlias(alias) == null) {
            return html(409, message("No identity provider yet", "Finish the metadata step first, then test sign-in.", null));
        }
        String redirect = server() + SignInClient.ensure(realm);
        page.record("test sign-in started", 303, null);
        String url = server() + "/realms/" + enc(realm.getName()) + "/protocol/openid-connect/auth?client_id="
                + enc(SignInClient.CLIENT_ID) + "&response_type=code&scope=openid&redirect_uri=" + enc(redirect)
                + "&kc_idp_hint=" + enc(alias) + "&code_challenge_method=S256&code_challenge=" + unusableChallenge();
        return Response.seeOther(java.net.URI.create(url)).header("Referrer-Policy", "no-referrer")
                .header("Cache-Control", "no-store").build();
    }

    /** Where the test sign-in lands; the setup page's status panel shows the result. */
    @GET
    @Path("signed-in")
    public Response signedIn(@jakarta.ws.rs.QueryParam("error") String error,
            @jakarta.ws.rs.QueryParam("error_description") String description) {
        if (error != null) {
            return html(200, message("Test sign-in did not finish", "Keycloak answered: " + error
                    + (description == null ? "" : " (" + description + ")") + ". The setup page shows the reason.", null));
        }
        return html(200, message("Test sign-in finished",
                "Your identity provider signed you in. Close this tab: the setup page shows the result.", null));
    }

    /** The client requires PKCE; nobody keeps the verifier, so the code this login ends with can never be redeemed. */
    private static String unusableChallenge() {
        byte[] verifier = new byte[32];
        new java.security.SecureRandom().nextBytes(verifier);
        try {
            return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(java.security.MessageDigest
                    .getInstance("SHA-256").digest(java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(verifier)
                            .getBytes(StandardCharsets.US_ASCII)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @GET
    @Path("assets/{asset}")
    public Response file(@PathParam("asset") String name) {
        String type = TYPES.get(name);
        if (type == null) {
            throw new NotFoundException();
        }
        return Response.ok(asset(name), type).header("Cache-Control", "no-cache")
                .header("X-Content-Type-Options", "nosniff").build();
    }

    private interface Call {
        JsonNode run(SetupPage page);
    }

    private Response call(String token, Call call) {
        SetupLinks.Opened opened = new SetupLinks(session, realm).open(token);
        if (!opened.ok()) {
            ObjectNode refusal = ScimJson.object();
            refusal.put("error", refusalText(opened));
            refusal.put("refusal", opened.refusal().name().toLowerCase(java.util.Locale.ROOT));
            return json(opened.refusal() == SetupLinks.Refusal.UNKNOWN ? 404 : 410, refusal);
        }
        SetupPage page = service(opened);
        try {
            return json(200, call.run(page));
        } catch (ScimException e) {
            // Nothing of a refused step is kept; the refusal itself is logged apart.
            session.getTransactionManager().setRollbackOnly();
            int status = e.getResponse().getStatus();
            page.recordApart("refused", status, e.getMessage());
            ObjectNode error = ScimJson.object();
            error.put("error", e.getMessage());
            return json(status, error);
        }
    }

    private SetupPage service(SetupLinks.Opened opened) {
        return new SetupPage(session, realm, opened.link(), dnsServer);
    }

    private Response refusalPage(SetupLinks.Opened opened) {
        String title = switch (opened.refusal()) {
            case EXPIRED -> "This setup link has expired";
            case REVOKED -> "This setup link was revoked";
            default -> "This setup link is not valid";
        };
        int status = opened.refusal() == SetupLinks.Refusal.UNKNOWN ? 404 : 410;
        return html(status, message(title, refusalText(opened), opened.refusal().name().toLowerCase(java.util.Locale.ROOT)));
    }

    private String refusalText(SetupLinks.Opened opened) {
        String ask = opened.link() == null || opened.link().getContact() == null
                ? "the person who sent it to you"
                : opened.link().getContact();
        return switch (opened.refusal()) {
            case EXPIRED -> "It expired on " + Instant.ofEpochMilli(opened.link().getExpiresAt())
                    + ". Ask " + ask + " for a new link.";
            case REVOKED -> "It no longer works. Ask " + ask + " for a new link.";
            default -> "Check that you copied the whole link, or ask the person who sent it for a new one.";
        };
    }

    private String message(String title, String text, String refusal) {
        return asset("message.html").replace("@ASSETS@", escape(server() + assetsPath()))
                .replace("@RESOURCES@", escape(server() + "/resources/" + Version.RESOURCES_VERSION))
                .replace("@TITLE@", escape(displayName())).replace("@HEADING@", escape(title))
                .replace("@TEXT@", escape(text)).replace("@REFUSAL@", refusal == null ? "" : escape(refusal))
                .replace("@LOGO@", logo());
    }

    private String logo() {
        String url = SetupPage.logoUrl(realm);
        return url == null ? "" : "<img class=\"ec-logo\" alt=\"\" src=\"" + escape(url) + "\">";
    }

    private String displayName() {
        return realm.getDisplayName() == null || realm.getDisplayName().isBlank() ? realm.getName() : realm.getDisplayName();
    }

    private String assetsPath() {
        return "/realms/" + realm.getName() + "/enterprise-connect/setup/assets";
    }

    private String server() {
        return session.getContext().getUri().getBaseUri().toString().replaceAll("/$", "");
    }

    private Response html(int status, String html) {
        return secure(Response.status(status).type("text/html; charset=utf-8").entity(html));
    }

    private Response json(int status, JsonNode body) {
        return secure(Response.status(status).type(MediaType.APPLICATION_JSON).entity(ScimJson.write(body)));
    }

    private Response secure(Response.ResponseBuilder response) {
        // Keycloak would replace these with the realm's defaults (framing by the same origin): ours are stricter.
        SecurityHeadersProvider headers = session.getProvider(SecurityHeadersProvider.class);
        if (headers != null) {
            headers.options().skipHeaders();
        }
        return response.header("X-Robots-Tag", "none").header("Content-Security-Policy", POLICY).header("X-Frame-Options", "DENY")
                .header("Referrer-Policy", "no-referrer").header("Cache-Control", "no-store")
                .header("X-Content-Type-Options", "nosniff").build();
    }

    private static JsonNode parse(String body) {
        try {
            return ScimJson.parseObject(body);
        } catch (jakarta.ws.rs.WebApplicationException e) {
            throw ScimException.invalidSyntax("The body must be a JSON object");
        }
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String asset(String name) {
        return ASSETS.computeIfAbsent(name, n -> {
            try (InputStream in = SetupLinkResource.class.getResourceAsStream("/setup/" + n)) {
                if (in == null) {
                    throw new IllegalStateException("Missing setup page asset " + n);
                }
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&#39;");
    }
}
