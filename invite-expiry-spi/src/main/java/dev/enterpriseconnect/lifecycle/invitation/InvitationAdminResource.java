package dev.enterpriseconnect.lifecycle.invitation;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import org.keycloak.common.util.Time;
import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.services.resources.admin.AdminEventBuilder;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * An administrator's view of invitations: read a user's, resend one (manage-users), and run the
 * realm's invitation sweep now (the same work the scheduled sweep does).
 */
public final class InvitationAdminResource {

    private final KeycloakSession session;
    private final RealmModel realm;
    private final AdminPermissionEvaluator auth;
    private final AdminEventBuilder adminEvent;

    InvitationAdminResource(KeycloakSession session, RealmModel realm, AdminPermissionEvaluator auth,
            AdminEventBuilder adminEvent) {
        this.session = session;
        this.realm = realm;
        this.auth = auth;
        this.adminEvent = adminEvent.resource(ResourceType.USER);
    }

    @GET
    @Path("users/{id}")
    public Response get(@PathParam("id") String id) {
        UserModel user = session.users().getUserById(realm, id);
        if (user == null) {
            auth.users().requireQuery();
            return error(404, "User not found");
        }
        auth.users().requireView(user);
        return json(200, describe(InvitationState.of(user)));
    }

    /** A fresh invitation: a new link (the old one stops working), the connector's lifespan. */
    @POST
    @Path("users/{id}/resend")
    public Response resend(@PathParam("id") String id) {
        UserModel user = session.users().getUserById(realm, id);
        if (user == null) {
            auth.users().requireQuery();
            return error(404, "User not found");
        }
        auth.users().requireManage(user);
        InvitationState state = InvitationState.of(user);
        String connector = state.connector();
        InvitationPolicy policy;
        try {
            policy = InvitationPolicy.ofConnector(realm, connector).orElse(null);
        } catch (IllegalArgumentException invalid) {
            return error(400, "Connector '" + connector + "' has an invalid setting: " + invalid.getMessage());
        }
        if (policy == null) {
            // Hand-made user, or its connector was deleted: the default policy, local login.
            policy = InvitationPolicy.DEFAULT;
            connector = null;
        }
        InvitationSender.Result result = InvitationSender.send(session, realm, user, policy, connector, true);
        return switch (result) {
            case SENT -> {
                adminEvent.operation(OperationType.ACTION).resourcePath(session.getContext().getUri())
                        .representation(Map.of("invitation", "resent")).success();
                yield json(200, describe(InvitationState.of(user)));
            }
            case INVITATIONS_DISABLED -> error(400, "Invitations are disabled on connector '" + connector + "'");
            case USER_DISABLED -> error(400, "The user is disabled; enable it first");
            case NO_EMAIL -> error(400, "The user has no email address");
            case NO_SMTP -> error(400, "The realm has no SMTP server (Realm settings > Email)");
            case NO_URL -> error(500, "The server's public URL is unknown");
            case EMAIL_FAILED -> error(502, "The invitation email could not be sent; the server log says why");
        };
    }

    /** Runs the sweep for this realm now; answers what it did. */
    @POST
    @Path("sweep")
    public Response sweep() {
        auth.users().requireManage();
        InvitationSweep.Result result = InvitationSweep.run(session, realm, Time.currentTimeMillis());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("expired", result.expired());
        body.put("resent", result.resent());
        body.put("disabled", result.disabled());
        return json(200, body);
    }

    static Map<String, Object> describe(InvitationState state) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", state.statusAt(Time.currentTimeMillis()));
        body.put("sentAt", iso(state.sentAt()));
        body.put("expiresAt", iso(state.expiresAt()));
        body.put("acceptedAt", iso(state.acceptedAt()));
        body.put("connector", state.connector());
        body.put("sends", state.sends());
        return body;
    }

    private static String iso(Long millis) {
        return millis == null ? null : Instant.ofEpochMilli(millis).toString();
    }

    private static Response error(int status, String message) {
        return json(status, Map.of("error", message));
    }

    private static Response json(int status, Object body) {
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(body).build();
    }
}
