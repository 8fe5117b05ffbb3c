package dev.enterpriseconnect.rolemapping.broker;

import java.util.List;

/** What an identity provider said about the user at login: SAML attribute statements or OIDC claims. */
interface IncomingAttributes {

    /** The values of the named attribute or claim, as sent; empty when it is absent. */
    List<String> values(String name);
}
