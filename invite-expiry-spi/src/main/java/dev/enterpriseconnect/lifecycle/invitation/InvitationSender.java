package dev.enterpriseconnect.lifecycle.invitation;

import java.net.URI;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.jboss.logging.Logger;
import org.keycloak.common.util.Time;
import org.keycloak.email.EmailException;
import org.keycloak.email.EmailTemplateProvider;
import org.keycloak.events.admin.AuthDetails;
import org.keycloak.models.IdentityProviderModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.representations.JsonWebToken;
import org.keycloak.urls.UrlType;

import dev.enterpriseconnect.lifecycle.events.LifecycleEventListenerFactory;
import dev.enterpriseconnect.lifecycle.events.LifecycleEvents;

/**
 * Starts a new invitation: a new link (which supersedes any earlier one), its state on the user,
 * and the email. The link is a token signed with the realm's internal key, so the user attributes
 * hold nothing secret.
 */
public final class InvitationSender {

    private static final Logger LOG = Logger.getLogger(InvitationSender.class);

    /** {@code typ} of invitation link tokens, so no other realm-signed token passes as one. */
    static final String TOKEN_TYPE = "ec-invitation";
    static final String TEMPLATE = "ec-invitation.ftl";

    /** Why an invitation was or was not sent. */
    public enum Result {
        SENT, INVITATIONS_DISABLED, USER_DISABLED, NO_EMAIL, NO_SMTP, NO_URL, EMAIL_FAILED;

        public boolean sent() {
            return this == SENT;
        }

        /** Whether the attempt wrote the user's invitation record (it got as far as the email). */
        public boolean recorded() {
            return this == SENT || this == EMAIL_FAILED;
        }
    }

    /**
     * Why and on whose behalf an invitation is sent, for its lifecycle event.
     *
     * @param actor    {@code scim:<connector>}, {@link LifecycleEvents#ADMIN}, {@link LifecycleEvents#SWEEP}
     *                 or {@link LifecycleEvents#WORKFLOW}
     * @param causedBy the administrator's authentication, or null
     */
    public record Trigger(String reason, String actor, AuthDetails causedBy) {

        public static Trigger connector(String connector, String reason) {
            return new Trigger(reason, "scim:" + connector, null);
        }

        /** An administrator asked for it (the REST endpoint, the console's box). */
        public static Trigger administrator(AuthDetails causedBy) {
            return new Trigger("resent by an administrator", LifecycleEvents.ADMIN, causedBy);
        }
    }

    private InvitationSender() {
    }

    /**
     * @param connector  the connector whose policy applies, or null (admin resend of a hand-made user)
     * @param newCycle   a fresh invitation (provisioning, re-push, reactivation, admin) rather than
     *                   one of the sweep's automatic resends: the send count starts again at 1
     */
    public static Result send(KeycloakSession session, RealmModel realm, UserModel user, InvitationPolicy policy,
            String connector, boolean newCycle, Trigger trigger) {
        Result result = attempt(session, realm, user, policy, connector, newCycle);
        if (result == Result.SENT) {
            LifecycleEvents.send(session, realm, user.getId(), user.getUsername(), LifecycleEvents.INVITATION_SENT,
                    trigger.actor(), trigger.causedBy(), Map.of("reason", trigger.reason(), "sends",
                            user.getFirstAttribute(InvitationAttributes.SENDS), "expiresAt",
                            Instant.ofEpochMilli(Long.parseLong(user.getFirstAttribute(InvitationAttributes.EXPIRES_AT)))
                                    .toString()));
        } else if (result == Result.EMAIL_FAILED || result == Result.NO_URL) {
            // Only real failures: a realm without SMTP, or a user without email, is not inviting anyone.
            LifecycleEvents.send(session, realm, user.getId(), user.getUsername(), LifecycleEvents.INVITATION_FAILED,
                    trigger.actor(), trigger.causedBy(), Map.of("reason", trigger.reason(), "error",
                            result == Result.NO_URL ? "the server's public URL is unknown" : "the SMTP server refused the email"));
        }
        return result;
    }

    private static Result attempt(KeycloakSession session, RealmModel realm, UserModel user, InvitationPolicy policy,
            String connector, boolean newCycle) {
        if (!policy.enabled()) {
            return Result.INVITATIONS_DISABLED;
        }
        if (!user.isEnabled()) {
            return Result.USER_DISABLED;
        }
        if (user.getEmail() == null || user.getEmail().isBlank()) {
            return Result.NO_EMAIL;
        }
        if (!smtpConfigured(realm)) {
            return Result.NO_SMTP;
        }
        URI base = frontendBase(session, realm);
        if (base == null) {
            LOG.warnf("Invitation for user %s in realm %s not sent: no request URL to build the link from",
                    user.getId(), realm.getName());
            return Result.NO_URL;
        }
        InvitationProfileDeclaration.ensure(session, realm);
        ensureAcceptanceIsRecorded(realm);

        long now = Time.currentTimeMillis();
        long expiresAt = now + policy.lifespan().toMillis();
        String nonce = UUID.randomUUID().toString();
        InvitationState previous = InvitationState.of(user);
        // Deleted and inserted rather than updated in place: a row write even when it already reads
        // "pending", so the sweep's claim on that row (InvitationSweep.markExpired) cannot slip past it.
        user.removeAttribute(InvitationAttributes.STATUS);
        user.setSingleAttribute(InvitationAttributes.STATUS, InvitationAttributes.PENDING);
        user.setSingleAttribute(InvitationAttributes.SENT_AT, String.valueOf(now));
        user.setSingleAttribute(InvitationAttributes.EXPIRES_AT, String.valueOf(expiresAt));
        user.setSingleAttribute(InvitationAttributes.DUE_AT, String.valueOf(expiresAt));
        user.setSingleAttribute(InvitationAttributes.NONCE, nonce);
        user.setSingleAttribute(InvitationAttributes.SENDS, String.valueOf(newCycle ? 1 : previous.sends() + 1));
        user.removeAttribute(InvitationAttributes.ACCEPTED_AT);
        if (connector != null) {
            user.setSingleAttribute(InvitationAttributes.CONNECTOR, connector);
        } else {
            user.removeAttribute(InvitationAttributes.CONNECTOR);
        }

        RealmModel contextRealm = session.getContext().getRealm();
        // Token keys, the email theme and the user's locale all come from the context's realm.
        session.getContext().setRealm(realm);
        try {
            JsonWebToken token = new JsonWebToken();
            token.type(TOKEN_TYPE);
            token.id(nonce);
            token.subject(user.getId());
            token.iat(now / 1000);
            token.exp(expiresAt / 1000 + 1);
            String link = InvitationLinkResourceFactory.linkBase(base, realm).queryParam("token",
                    session.tokens().encode(token)).build().toString();
            email(session, realm, user, policy, link);
            LOG.debugf("Invitation sent to user %s in realm %s", user.getId(), realm.getName());
            return Result.SENT;
        } catch (EmailException e) {
            LOG.warnf("Invitation email to user %s in realm %s could not be sent: %s", user.getId(), realm.getName(),
                    e.getCause() != null ? e.getCause().getMessage() : e.getMessage());
            return Result.EMAIL_FAILED;
        } finally {
            session.getContext().setRealm(contextRealm);
        }
    }

    private static void email(KeycloakSession session, RealmModel realm, UserModel user, InvitationPolicy policy,
            String link) throws EmailException {
        Map<String, Object> attributes = new HashMap<>();
        attributes.put("link", link);
        attributes.put("expiresAt", expiryText(session.getContext().resolveLocale(user),
                Long.parseLong(user.getFirstAttribute(InvitationAttributes.EXPIRES_AT))));
        if (policy.viaIdentityProvider()) {
            IdentityProviderModel provider = session.identityProviders().getByAlias(policy.identityProvider());
            String name = provider == null || provider.getDisplayName() == null || provider.getDisplayName().isBlank()
                    ? policy.identityProvider() : provider.getDisplayName();
            attributes.put("identityProviderName", name);
        }
        String realmName = realm.getDisplayName() == null || realm.getDisplayName().isBlank() ? realm.getName()
                : realm.getDisplayName();
        session.getProvider(EmailTemplateProvider.class).setRealm(realm).setUser(user)
                .send("ecInvitationSubject", List.of(realmName), TEMPLATE, attributes);
    }

    /** The moment a link stops working, as the user's locale writes it, in UTC. */
    static String expiryText(Locale locale, long epochMillis) {
        return java.time.format.DateTimeFormatter.ofLocalizedDateTime(java.time.format.FormatStyle.MEDIUM)
                .withLocale(locale).withZone(java.time.ZoneOffset.UTC)
                .format(java.time.Instant.ofEpochMilli(epochMillis)) + " UTC";
    }

    static boolean smtpConfigured(RealmModel realm) {
        Map<String, String> smtp = realm.getSmtpConfig();
        return smtp != null && smtp.get("host") != null && !smtp.get("host").isBlank();
    }

    /** Where the last invitation sent from a request said the server lives, for sends without a request. */
    static final String LAST_BASE_URL = "enterpriseConnect.invitationBaseUrl";

    /**
     * The public base URL of this request; outside a request (the sweep's resends run on a timer)
     * the realm's Frontend URL, else the base URL the realm's last request-borne invitation used.
     */
    private static URI frontendBase(KeycloakSession session, RealmModel realm) {
        URI base;
        try {
            base = session.getContext().getUri(UrlType.FRONTEND).getBaseUri();
        } catch (RuntimeException noRequest) {
            base = null;
        }
        if (base != null) {
            if (!base.toString().equals(realm.getAttribute(LAST_BASE_URL))) {
                realm.setAttribute(LAST_BASE_URL, base.toString());
            }
            return base;
        }
        String frontend = realm.getAttribute("frontendUrl");
        String remembered = frontend != null && !frontend.isBlank() ? frontend : realm.getAttribute(LAST_BASE_URL);
        if (remembered == null || remembered.isBlank()) {
            return null;
        }
        return URI.create(remembered.endsWith("/") ? remembered : remembered + "/");
    }

    /** Acceptance is recorded by our event listener, so a realm that sends invitations must run it. */
    private static void ensureAcceptanceIsRecorded(RealmModel realm) {
        if (realm.getEventsListenersStream().noneMatch(LifecycleEventListenerFactory.ID::equals)) {
            java.util.Set<String> listeners = new java.util.LinkedHashSet<>(realm.getEventsListenersStream().toList());
            listeners.add(LifecycleEventListenerFactory.ID);
            realm.setEventsListeners(listeners);
        }
    }
}
