package dev.enterpriseconnect.lifecycle.events;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.keycloak.common.ClientConnection;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.EventStoreProvider;
import org.keycloak.events.admin.AdminEvent;
import org.keycloak.events.admin.AuthDetails;
import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;

/**
 * Every invitation and deprovisioning step as an admin event on the user ({@code users/<id>}), so
 * it shows in the admin console's admin events next to the change that caused it. The step is the
 * detail {@code lifecycle} and, when the realm includes representations, a small JSON document.
 */
public final class LifecycleEvents {

    /** Sessions, offline sessions, consents and earlier tokens were revoked. */
    public static final String ACCESS_REVOKED = "access-revoked";
    /** A SCIM DELETE disabled the user and hid it from the connector (policy disable or disable-then-delete). */
    public static final String DELETED_AS_DISABLED = "deleted-as-disabled";
    /** A SCIM DELETE or deactivation removed the user at once (policy delete). */
    public static final String DELETED = "deleted";
    public static final String PURGE_SCHEDULED = "purge-scheduled";
    public static final String PURGE_CANCELLED = "purge-cancelled";
    /** The sweep removed the user when its retention period ended. */
    public static final String PURGED = "purged";
    /** The IdP sent a password; the connector's password policy ignores it. */
    public static final String PASSWORD_IGNORED = "password-ignored";
    /** An administrator detached the user from its connector: its IdP-owned fields are editable again. */
    public static final String DETACHED = "detached-from-connector";

    /** An invitation email went out; {@code reason} says why (provisioned, reactivated, ...). */
    public static final String INVITATION_SENT = "invitation-sent";
    /** An invitation was due but its email could not go out; {@code reason} says why. */
    public static final String INVITATION_FAILED = "invitation-failed";
    /** The user's first login after the invitation. */
    public static final String INVITATION_ACCEPTED = "invitation-accepted";
    /** The sweep found the invitation past its expiry and had no resend left. */
    public static final String INVITATION_EXPIRED = "invitation-expired";
    /** The sweep disabled a user whose invitation stayed expired for the connector's grace period. */
    public static final String DISABLED_NEVER_ACCEPTED = "disabled-never-accepted";

    /** Who acted: {@code scim:<connector>}, {@link #ADMIN}, {@link #SWEEP}, {@link #WORKFLOW} or {@link #USER}. */
    public static final String ADMIN = "admin";
    public static final String SWEEP = "enterprise-connect-sweep";
    /** A step of a Keycloak workflow, e.g. {@code ec-send-invitation}. */
    public static final String WORKFLOW = "workflow";
    /** The user themself, e.g. logging in for the first time. */
    public static final String USER = "user";

    private static final ObjectMapper JSON = new ObjectMapper();

    private LifecycleEvents() {
    }

    /**
     * @param actor shown as the event's client, e.g. {@code scim:okta}
     * @param details further facts (policy, purgeAt); never secrets
     */
    public static void send(KeycloakSession session, RealmModel realm, String userId, String username, String step,
            String actor, Map<String, String> details) {
        send(session, realm, userId, username, step, actor, null, details);
    }

    /** @param causedBy the admin event's authentication (who acted), kept on the lifecycle event; null for none */
    public static void send(KeycloakSession session, RealmModel realm, String userId, String username, String step,
            String actor, AuthDetails causedBy, Map<String, String> details) {
        InvitationEvents.record(session, realm, userId, step, actor, details);
        if (!realm.isAdminEventsEnabled() && realm.getEventsListenersStream().findAny().isEmpty()) {
            return;
        }
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("lifecycle", step);
        facts.put("actor", actor);
        facts.put("username", username);
        facts.putAll(details);

        AdminEvent event = new AdminEvent();
        event.setId(KeycloakModelUtils.generateId());
        event.setTime(org.keycloak.common.util.Time.currentTimeMillis());
        event.setRealmId(realm.getId());
        event.setRealmName(realm.getName());
        event.setOperationType(PURGED.equals(step) || DELETED.equals(step) ? OperationType.DELETE : OperationType.ACTION);
        event.setResourceType(ResourceType.USER);
        event.setResourcePath("users/" + userId);
        AuthDetails auth = causedBy;
        if (auth == null) {
            auth = new AuthDetails();
            auth.setRealmId(realm.getId());
            auth.setRealmName(realm.getName());
            auth.setClientId(actor);
            ClientConnection connection = session.getContext().getConnection();
            auth.setIpAddress(connection == null ? null : connection.getRemoteAddr());
        }
        event.setAuthDetails(auth);
        event.setDetails(facts);
        boolean withRepresentation = realm.isAdminEventsDetailsEnabled();
        if (withRepresentation) {
            try {
                event.setRepresentation(JSON.writeValueAsString(facts));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
        if (realm.isAdminEventsEnabled()) {
            session.getProvider(EventStoreProvider.class).onEvent(event, withRepresentation);
        }
        realm.getEventsListenersStream().forEach(id -> {
            EventListenerProvider listener = session.getProvider(EventListenerProvider.class, id);
            if (listener != null) {
                listener.onEvent(new AdminEvent(event), withRepresentation);
            }
        });
    }
}
