package dev.enterpriseconnect.lifecycle.invitation;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import org.keycloak.common.util.Time;
import org.keycloak.events.admin.AuthDetails;
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
        RequestedInvitation.Outcome outcome = RequestedInvitation.send(session, realm, user, null,
                InvitationSender.Trigger.administrator(causedBy()));
        if (outcome.sent()) {
            adminEvent.operation(OperationType.ACTION).resourcePath(session.getContext().getUri())
                    .representation(Map.of("invitation", "resent")).success();
            return json(200, describe(InvitationState.of(user)));
        }
        int status = outcome.result() == null ? 400 : switch (outcome.result()) {
            case NO_URL -> 500;
            case EMAIL_FAILED -> 502;
            default -> 400;
        };
        return error(status, outcome.problem());
    }

    /** Who is asking, in the form lifecycle events keep. */
    private AuthDetails causedBy() {
        AuthDetails details = new AuthDetails();
        details.setRealmId(auth.adminAuth().getRealm().getId());
        details.setRealmName(auth.adminAuth().getRealm().getName());
        details.setClientId(auth.adminAuth().getClient().getClientId());
        details.setUserId(auth.adminAuth().getUser().getId());
        details.setIpAddress(session.getContext().getConnection().getRemoteAddr());
        return details;
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
