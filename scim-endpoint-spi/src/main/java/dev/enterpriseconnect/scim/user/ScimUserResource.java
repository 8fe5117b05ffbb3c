package dev.enterpriseconnect.scim.user;

import java.util.stream.Collectors;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ModelDuplicateException;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.userprofile.UserProfile;
import org.keycloak.userprofile.UserProfileContext;
import org.keycloak.userprofile.UserProfileProvider;
import org.keycloak.userprofile.ValidationException;

import dev.enterpriseconnect.scim.endpoint.ScimRequestContext;
import dev.enterpriseconnect.scim.protocol.ScimException;
import dev.enterpriseconnect.scim.protocol.ScimJson;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;

/** The SCIM {@code /Users} resource type of one connector. */
public final class ScimUserResource {

    private final ScimRequestContext context;
    private final KeycloakSession session;
    private final RealmModel realm;

    public ScimUserResource(ScimRequestContext context) {
        this.context = context;
        this.session = context.session();
        this.realm = context.realm();
    }

    @POST
    public Response create(String body) {
        ScimUserMapping.IncomingUser incoming = ScimUserMapping.read(ScimJson.parseObject(body));
        if (session.users().getUserByUsername(realm, incoming.userName()) != null) {
            throw ScimException.uniqueness("A user with userName '" + incoming.userName() + "' already exists");
        }
        if (incoming.email() != null && !realm.isDuplicateEmailsAllowed()
                && session.users().getUserByEmail(realm, incoming.email()) != null) {
            throw ScimException.uniqueness("A user with email '" + incoming.email() + "' already exists");
        }
        UserModel user;
        try {
            UserProfile profile = session.getProvider(UserProfileProvider.class)
                    .create(UserProfileContext.USER_API, incoming.profileAttributes());
            user = profile.create();
        } catch (ValidationException e) {
            throw ScimException.invalidValue(describe(e));
        } catch (ModelDuplicateException e) {
            // Lost a race with a concurrent create of the same userName or email.
            throw ScimException.uniqueness("A user with this userName or email already exists");
        }
        user.setEnabled(incoming.active());
        return ScimJson.response(201, ScimUserMapping.write(user, context))
                .location(context.location("Users", user.getId()))
                .build();
    }

    @GET
    @Path("{id}")
    public Response get(@PathParam("id") String id) {
        return ScimJson.response(200, ScimUserMapping.write(find(id), context)).build();
    }

    private UserModel find(String id) {
        UserModel user = session.users().getUserById(realm, id);
        if (user == null || user.getServiceAccountClientLink() != null) {
            throw ScimException.notFound("User " + id + " not found");
        }
        return user;
    }

    private static String describe(ValidationException e) {
        return e.getErrors().stream()
                .map(error -> error.getAttribute() + ": " + error.getMessage())
                .collect(Collectors.joining("; "));
    }
}
