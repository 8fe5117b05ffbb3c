package dev.enterpriseconnect.testbed;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * The demo realm and the realm that plays the customer's Okta, as realm JSON with the server's address
 * and both realm names filled in. The demo imports them; the browser tests create them under unique
 * names, so what the tests prove is what the demo shows.
 *
 * <ul>
 * <li>{@code /demo/okta-demo-realm.json}: the "Okta" realm: a SAML app and an OIDC app (confidential,
 * PKCE) for the acme realm, sending email, names, {@code role}, {@code division} and {@code groups}.</li>
 * <li>{@code /demo/acme-realm.json}: the product's realm: roles, teams, the identity providers
 * {@code okta-saml} and {@code okta-oidc} with the role and team mapping, the first-login flow that
 * links trusted emails and makes Organization members, the organizations Globex (its domains routed to Okta)
 * and Initech, and one SCIM connector per organization ({@code okta}, {@code initech}; {@link DemoServer}
 * confines each to its organization, which a realm import cannot: components are imported first).</li>
 * </ul>
 */
public final class OktaStandIn {

    public static final String OKTA_TEMPLATE = "/demo/okta-demo-realm.json";
    public static final String ACME_TEMPLATE = "/demo/acme-realm.json";
    /** Password of the stand-in's demo users. */
    public static final String DEMO_PASSWORD = "okta-demo";

    private OktaStandIn() {
    }

    /** The template with {@code @BASE_URL@}, {@code @ACME_REALM@} and {@code @OKTA_REALM@} replaced. */
    public static String render(String template, URI baseUrl, String acmeRealm, String oktaRealm) {
        try (InputStream in = OktaStandIn.class.getResourceAsStream(template)) {
            if (in == null) {
                throw new IllegalStateException("Missing resource " + template);
            }
            String base = baseUrl.toString().replaceAll("/$", "");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("@BASE_URL@", base)
                    .replace("@ACME_REALM@", acmeRealm).replace("@OKTA_REALM@", oktaRealm);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
