package dev.enterpriseconnect.scim.user;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ModelDuplicateException;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserManager;
import org.keycloak.models.UserModel;
import org.keycloak.organization.OrganizationProvider;
import org.keycloak.userprofile.UserProfileContext;
import org.keycloak.userprofile.UserProfileProvider;
import org.keycloak.userprofile.ValidationException;

import dev.enterpriseconnect.scim.endpoint.ScimAdminEvents;
import dev.enterpriseconnect.scim.endpoint.ScimRequestContext;
import dev.enterpriseconnect.scim.filter.ScimFilter;
import dev.enterpriseconnect.scim.filter.ScimFilterException;
import dev.enterpriseconnect.scim.filter.ScimFilterParser;
import dev.enterpriseconnect.scim.patch.ScimPatch;
import dev.enterpriseconnect.scim.patch.ScimPatchException;
import dev.enterpriseconnect.scim.protocol.ScimException;
import dev.enterpriseconnect.scim.protocol.ScimJson;
import dev.enterpriseconnect.scim.protocol.ScimProjection;
import dev.enterpriseconnect.scim.protocol.ScimSchemas;
import dev.enterpriseconnect.scim.storage.KeycloakDatabase;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

/** The SCIM {@code /Users} resource type of one connector. */
public final class ScimUserResource {

    private static final int DEFAULT_PAGE_SIZE = 100;

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
        UserModel user = save(null, incoming);
        ObjectNode resource = ScimUserMapping.write(ScimUserRecord.of(user), context);
        ScimAdminEvents.send(context, OperationType.CREATE, ResourceType.USER, "users/" + user.getId(),
                ScimJson.write(resource));
        return withVersion(ScimJson.response(201, resource), resource)
                .location(context.location("Users", user.getId()))
                .build();
    }

    @GET
    public Response list(@QueryParam("filter") String filter, @QueryParam("startIndex") String startIndex,
            @QueryParam("count") String count, @QueryParam("sortBy") String sortBy,
            @QueryParam("sortOrder") String sortOrder, @QueryParam("attributes") String attributes,
            @QueryParam("excludedAttributes") String excludedAttributes) {
        return search(filter, integer("startIndex", startIndex), integer("count", count), sortBy, sortOrder,
                ScimProjection.of(attributes, excludedAttributes));
    }

    @POST
    @Path(".search")
    public Response searchByPost(String body) {
        ObjectNode request = ScimJson.parseObject(body);
        return search(text(request, "filter"), number(request, "startIndex"), number(request, "count"),
                text(request, "sortBy"), text(request, "sortOrder"),
                ScimProjection.of(list(request, "attributes"), list(request, "excludedAttributes")));
    }

    @GET
    @Path("{id}")
    public Response get(@PathParam("id") String id, @QueryParam("attributes") String attributes,
            @QueryParam("excludedAttributes") String excludedAttributes,
            @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        ObjectNode resource = ScimUserMapping.write(ScimUserRecord.of(find(id)), context);
        String version = resource.at("/meta/version").asText();
        if (ifNoneMatch != null && (ifNoneMatch.equals(version) || ifNoneMatch.equals("*"))) {
            return Response.notModified().tag(etag(version)).build();
        }
        return withVersion(ScimJson.response(200, ScimProjection.of(attributes, excludedAttributes).apply(resource)),
                resource).build();
    }

    @PUT
    @Path("{id}")
    public Response replace(@PathParam("id") String id, String body,
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        UserModel user = find(id);
        checkVersion(user, ifMatch);
        ScimUserMapping.IncomingUser incoming = ScimUserMapping.read(ScimJson.parseObject(body));
        return updated(save(user, incoming));
    }

    @PATCH
    @Path("{id}")
    public Response patch(@PathParam("id") String id, String body, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        UserModel user = find(id);
        ObjectNode current = checkVersion(user, ifMatch);
        ObjectNode patched;
        try {
            patched = ScimPatch.apply(current, ScimJson.parseObject(body));
        } catch (ScimPatchException e) {
            throw ScimException.of(400, e.scimType(), e.getMessage());
        }
        return updated(save(user, ScimUserMapping.read(patched)));
    }

    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        UserModel user = find(id);
        checkVersion(user, ifMatch);
        new UserManager(session).removeUser(realm, user);
        ScimAdminEvents.send(context, OperationType.DELETE, ResourceType.USER, "users/" + id, null);
        return Response.noContent().build();
    }

    private Response search(String filterText, Integer startIndex, Integer count, String sortBy, String sortOrder,
            ScimProjection projection) {
        ScimFilter filter = null;
        if (filterText != null && !filterText.isBlank()) {
            try {
                filter = ScimFilterParser.parse(filterText);
            } catch (ScimFilterException e) {
                throw ScimException.of(400, "invalidFilter", e.getMessage());
            }
        }
        boolean descending = false;
        if (sortOrder != null && !sortOrder.isBlank()) {
            switch (sortOrder.toLowerCase(Locale.ROOT)) {
                case "ascending" -> descending = false;
                case "descending" -> descending = true;
                default -> throw ScimException.invalidValue("sortOrder must be 'ascending' or 'descending'");
            }
        }
        int first = startIndex == null || startIndex < 1 ? 1 : startIndex;
        int size = count == null ? Math.min(DEFAULT_PAGE_SIZE, context.connector().maxPageSize())
                : Math.max(0, Math.min(count, context.connector().maxPageSize()));
        OrganizationModel organization = context.organization();
        ScimUserQuery.Page page = new ScimUserQuery(KeycloakDatabase.entityManager(session), realm,
                organization == null ? null : organization.getId())
                .find(filter, sortBy, descending, first, size);
        ObjectNode response = ScimJson.object();
        response.putArray("schemas").add(ScimSchemas.LIST_RESPONSE);
        response.put("totalResults", page.totalResults());
        response.put("startIndex", first);
        response.put("itemsPerPage", page.users().size());
        ArrayNode resources = response.putArray("Resources");
        for (ScimUserRecord user : page.users()) {
            resources.add(projection.apply(ScimUserMapping.write(user, context)));
        }
        return ScimJson.response(200, response).build();
    }

    private UserModel save(UserModel existing, ScimUserMapping.IncomingUser incoming) {
        UserProfileDeclaration.ensure(session, realm);
        if (existing != null && !existing.getUsername().equalsIgnoreCase(incoming.userName())
                && !realm.isEditUsernameAllowed()) {
            throw ScimException.of(400, "mutability", "userName cannot change: this realm does not allow editing"
                    + " usernames (Realm settings > Login > Edit username)");
        }
        UserModel sameName = session.users().getUserByUsername(realm, incoming.userName());
        if (sameName != null && (existing == null || !sameName.getId().equals(existing.getId()))) {
            throw ScimException.uniqueness("A user with userName '" + incoming.userName() + "' already exists");
        }
        if (incoming.email() != null && !realm.isDuplicateEmailsAllowed()) {
            UserModel sameEmail = session.users().getUserByEmail(realm, incoming.email());
            if (sameEmail != null && (existing == null || !sameEmail.getId().equals(existing.getId()))) {
                throw ScimException.uniqueness("A user with email '" + incoming.email() + "' already exists");
            }
        }
        UserProfileProvider profiles = session.getProvider(UserProfileProvider.class);
        UserModel user;
        try {
            if (existing == null) {
                user = profiles.create(UserProfileContext.USER_API, incoming.profileAttributes()).create();
                OrganizationModel organization = context.organization();
                if (organization != null) {
                    session.getProvider(OrganizationProvider.class).addMember(organization, user);
                }
            } else {
                profiles.create(UserProfileContext.USER_API, incoming.profileAttributes(), existing).update(false);
                user = existing;
                clearAbsent(user, incoming);
            }
        } catch (ValidationException e) {
            throw ScimException.invalidValue(describe(e));
        } catch (ModelDuplicateException e) {
            // Lost a race with a concurrent write of the same userName or email.
            throw ScimException.uniqueness("A user with this userName or email already exists");
        }
        if (user.isEnabled() != incoming.active()) {
            user.setEnabled(incoming.active());
        }
        return user;
    }

    /**
     * The user profile skips empty values instead of removing them, so what a PUT or PATCH left
     * out is removed here. Only SCIM-owned attributes: anything else on the user stays.
     */
    private static void clearAbsent(UserModel user, ScimUserMapping.IncomingUser incoming) {
        incoming.attributes().forEach((name, values) -> {
            if (values.isEmpty() && user.getFirstAttribute(name) != null) {
                user.removeAttribute(name);
            }
        });
        if (incoming.email() == null && user.getEmail() != null) {
            user.setEmail(null);
        }
        if (incoming.givenName() == null && user.getFirstName() != null) {
            user.setFirstName(null);
        }
        if (incoming.familyName() == null && user.getLastName() != null) {
            user.setLastName(null);
        }
    }

    private Response updated(UserModel user) {
        ObjectNode resource = ScimUserMapping.write(ScimUserRecord.of(user), context);
        ScimAdminEvents.send(context, OperationType.UPDATE, ResourceType.USER, "users/" + user.getId(),
                ScimJson.write(resource));
        return withVersion(ScimJson.response(200, resource), resource).build();
    }

    /** Applies {@code If-Match}; returns the current resource for callers that build on it. */
    private ObjectNode checkVersion(UserModel user, String ifMatch) {
        ObjectNode current = ScimUserMapping.write(ScimUserRecord.of(user), context);
        if (ifMatch != null && !ifMatch.equals("*") && !ifMatch.equals(current.at("/meta/version").asText())) {
            throw ScimException.of(412, null, "The user was changed since version " + ifMatch
                    + "; read it again and retry");
        }
        return current;
    }

    private UserModel find(String id) {
        OrganizationModel organization = context.organization();
        UserModel user = organization == null ? session.users().getUserById(realm, id)
                : session.getProvider(OrganizationProvider.class).getMemberById(organization, id);
        if (user == null || user.getServiceAccountClientLink() != null) {
            throw ScimException.notFound("User " + id + " not found");
        }
        return user;
    }

    private static Response.ResponseBuilder withVersion(Response.ResponseBuilder response, ObjectNode resource) {
        return response.tag(etag(resource.at("/meta/version").asText()));
    }

    private static jakarta.ws.rs.core.EntityTag etag(String version) {
        // version is W/"..."; EntityTag wants the opaque part and the weak flag.
        return new jakarta.ws.rs.core.EntityTag(version.substring(3, version.length() - 1), true);
    }

    private static Integer integer(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(value.trim());
        } catch (NumberFormatException e) {
            throw ScimException.invalidValue("'" + name + "' must be an integer");
        }
    }

    private static Integer number(ObjectNode request, String name) {
        JsonNode value = request.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.canConvertToInt()) {
            throw ScimException.invalidValue("'" + name + "' must be an integer");
        }
        return value.intValue();
    }

    private static String text(ObjectNode request, String name) {
        JsonNode value = request.get(name);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static String list(ObjectNode request, String name) {
        JsonNode value = request.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isArray()) {
            List<String> items = new java.util.ArrayList<>();
            value.forEach(v -> items.add(v.asText()));
            return String.join(",", items);
        }
        return value.asText();
    }

    private static String describe(ValidationException e) {
        return e.getErrors().stream()
                .map(error -> error.getAttribute() + ": " + error.getMessage())
                .collect(Collectors.joining("; "));
    }
}
