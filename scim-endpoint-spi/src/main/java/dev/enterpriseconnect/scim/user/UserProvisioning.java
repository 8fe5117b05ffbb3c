package dev.enterpriseconnect.scim.user;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.node.ObjectNode;

import org.jboss.logging.Logger;
import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ModelDuplicateException;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserManager;
import org.keycloak.models.UserCredentialModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.organization.OrganizationProvider;
import org.keycloak.policy.PasswordPolicyManagerProvider;
import org.keycloak.policy.PolicyError;
import org.keycloak.services.messages.Messages;
import org.keycloak.userprofile.UserProfileContext;
import org.keycloak.userprofile.UserProfileProvider;
import org.keycloak.userprofile.ValidationException;

import dev.enterpriseconnect.events.EventTypes;
import dev.enterpriseconnect.lifecycle.deprovisioning.AccessRevocation;
import dev.enterpriseconnect.lifecycle.deprovisioning.DeprovisioningPolicy;
import dev.enterpriseconnect.lifecycle.deprovisioning.DeprovisioningState;
import dev.enterpriseconnect.lifecycle.events.LifecycleEvents;
import dev.enterpriseconnect.lifecycle.invitation.InvitationPolicy;
import dev.enterpriseconnect.lifecycle.invitation.InvitationState;
import dev.enterpriseconnect.lifecycle.invitation.ProvisioningInvitations;
import dev.enterpriseconnect.scim.connector.ScimConnectorConfig;
import dev.enterpriseconnect.scim.endpoint.ScimAdminEvents;
import dev.enterpriseconnect.scim.endpoint.ScimRequestContext;
import dev.enterpriseconnect.scim.group.UserGroupMemberships;
import dev.enterpriseconnect.scim.patch.ScimPatch;
import dev.enterpriseconnect.scim.patch.ScimPatchException;
import dev.enterpriseconnect.scim.provisioning.PrivilegedUsers;
import dev.enterpriseconnect.scim.provisioning.UserHoldings;
import dev.enterpriseconnect.scim.provisioning.ProvisioningEvents;
import dev.enterpriseconnect.scim.provisioning.ProvisioningResult;
import dev.enterpriseconnect.scim.sourceoftruth.SourceOfTruth;
import dev.enterpriseconnect.storage.RowLock;
import dev.enterpriseconnect.scim.protocol.JsonFields;
import dev.enterpriseconnect.scim.protocol.ScimException;
import dev.enterpriseconnect.scim.protocol.ScimSearchRequest;
import dev.enterpriseconnect.storage.KeycloakDatabase;

/**
 * The rules of SCIM user provisioning for one connector: what it may see and change (its
 * Organization's members, not the users it deleted, not privileged users), uniqueness, the
 * profile write, role and team mapping, deprovisioning policies, invitations and events. Writes
 * run inside a {@code ProvisioningTransaction}; each locks the user's row before it reads the
 * version it compares {@code If-Match} with.
 */
public final class UserProvisioning {

    private static final Logger LOG = Logger.getLogger(UserProvisioning.class);

    private final ScimRequestContext context;
    private final KeycloakSession session;
    private final RealmModel realm;
    /** Set by a deactivation under the delete policy: the user goes once the answer is built. */
    private boolean removeAfterView;

    public UserProvisioning(ScimRequestContext context) {
        this.context = context;
        this.session = context.session();
        this.realm = context.realm();
    }

    public ProvisioningResult create(ObjectNode body) {
        ScimUserMapping.IncomingUser incoming = read(body);
        SentPassword password = checkRules(body, incoming);
        UserModel user;
        try {
            // The profile's own duplicate check looks the userName up; only when it fires is the holder read.
            user = save(null, incoming);
        } catch (UserNameTaken taken) {
            return createAgain(incoming, password);
        }
        applyPassword(user, password);
        InvitationPolicy invitations = invitationPolicy();
        ObjectNode created = newUser(user);
        ProvisioningEvents.user(context, EventTypes.USER_CREATED, user.getId(), created);
        boolean invited = invitations != null
                && ProvisioningInvitations.created(session, realm, user, context.connector().name(), invitations).recorded();
        ObjectNode resource = invited ? newUser(user) : created; // the answer shows the invitation
        ScimAdminEvents.send(context, OperationType.CREATE, ResourceType.USER, "users/" + user.getId(),
                () -> dev.enterpriseconnect.scim.protocol.ScimJson.write(resource));
        return new ProvisioningResult(201, user.getId(), resource);
    }

    /**
     * A POST of a userName that exists. The IdP creates again a user it deleted while the policy kept
     * it: the same account returns and, like any reactivation, gets a new invitation if it never
     * accepted the old one. Anyone else's userName is 409, after healing a stale invitation of theirs.
     */
    private ProvisioningResult createAgain(ScimUserMapping.IncomingUser incoming, SentPassword password) {
        UserModel sameName = session.users().getUserByUsername(realm, incoming.userName());
        UserModel deletedHere = deletedByThisConnector(sameName);
        if (deletedHere == null) {
            if (sameName != null) {
                healStaleInvitationOfExisting(sameName);
            }
            throw ScimException.uniqueness("A user with userName '" + incoming.userName() + "' already exists");
        }
        PrivilegedUsers.requireWritable(context, deletedHere);
        deletedHere.removeAttribute(DeprovisioningState.DELETED_BY_CONNECTOR);
        boolean wasEnabled = deletedHere.isEnabled();
        UserModel saved = save(deletedHere, incoming);
        // user.created before the invitation.sent it causes: receivers hear a user's events in order.
        ProvisioningEvents.user(context, EventTypes.USER_CREATED, saved.getId(), view(saved));
        UserModel user = invite(saved, wasEnabled);
        applyPassword(user, password);
        ObjectNode resource = view(user);
        ScimAdminEvents.send(context, OperationType.CREATE, ResourceType.USER, "users/" + user.getId(),
                () -> dev.enterpriseconnect.scim.protocol.ScimJson.write(resource));
        return new ProvisioningResult(201, user.getId(), resource);
    }

    /** The profile refused a new user's userName as taken: {@link #create} looks at who holds it. */
    private static final class UserNameTaken extends RuntimeException {
        UserNameTaken() {
            super(null, null, false, false);
        }
    }

    public ProvisioningResult replace(String id, ObjectNode body, String ifMatch) {
        UserModel user = findForWrite(id);
        checkVersion(user, ifMatch);
        ScimUserMapping.IncomingUser incoming = read(body);
        SentPassword password = checkRules(body, incoming);
        boolean wasEnabled = user.isEnabled();
        UserModel saved = save(user, incoming);
        applyPassword(saved, password);
        return updated(invite(saved, wasEnabled), wasEnabled);
    }

    public ProvisioningResult patch(String id, ObjectNode body, String ifMatch) {
        UserModel user = findForWrite(id);
        ObjectNode current = checkVersion(user, ifMatch);
        ObjectNode patched;
        try {
            patched = ScimPatch.apply(current, body, ScimUserMapping.patchTargets(context.schemas()));
        } catch (ScimPatchException e) {
            throw ScimException.of(400, e.scimType(), e.getMessage());
        }
        InvitationView.requireUnchanged(current, patched);
        ScimUserMapping.IncomingUser incoming = read(patched);
        SentPassword password = checkRules(patched, incoming);
        boolean wasEnabled = user.isEnabled();
        UserModel saved = save(user, incoming);
        applyPassword(saved, password);
        return updated(invite(saved, wasEnabled), wasEnabled);
    }

    /**
     * Applies the connector's DELETE policy. Under disable and disable-then-delete the account
     * stays in Keycloak, disabled, but for this connector it is gone as RFC 7644 requires: GET,
     * PUT, PATCH and DELETE answer 404 and lists leave it out; a later POST of its userName brings
     * it back.
     */
    public ProvisioningResult delete(String id, String ifMatch) {
        UserModel user = findForWrite(id);
        ObjectNode before = checkVersion(user, ifMatch);
        DeprovisioningPolicy policy = context.connector().onDelete();
        if (policy == DeprovisioningPolicy.DELETE) {
            remove(user, "deleted", before);
        } else {
            memberships(user).forEach(membership -> {
                var group = session.groups().getGroupById(realm, membership.groupId());
                if (group != null) {
                    user.leaveGroup(group);
                }
            });
            user.setEnabled(false);
            user.setSingleAttribute(DeprovisioningState.DELETED_BY_CONNECTOR, context.connector().name());
            touch(user);
            ScimAdminEvents.send(context, OperationType.DELETE, ResourceType.USER, "users/" + id, null);
            ProvisioningEvents.user(context, EventTypes.USER_DELETED, id, before, "policy", policy.value(),
                    "reason", "deleted");
            lifecycleEvent(user, LifecycleEvents.DELETED_AS_DISABLED, policy, "deleted");
            revoke(user, policy, "deleted");
        }
        return new ProvisioningResult(204, id, null);
    }

    /** A user created just now, as SCIM shows it: in no pushed group yet, so no membership query. */
    private ObjectNode newUser(UserModel user) {
        return ScimUserMapping.write(ScimUserRecord.of(user), List.of(), context);
    }

    /** The user as this connector sees it; 404 when it is out of the connector's scope. */
    public ObjectNode get(String id) {
        return view(find(id));
    }

    /** A page of users and its total, all counted and filtered in the database. */
    public ObjectNode search(ScimSearchRequest request) {
        OrganizationModel organization = context.organization();
        ScimUserQuery.Page page = new ScimUserQuery(KeycloakDatabase.entityManager(session), realm,
                organization == null ? null : organization.getId(), context.connector().name())
                .find(request.filter(), request.sortBy(), request.descending(), request.startIndex(),
                        request.pageSize(context.connector().maxPageSize()));
        Map<String, List<UserGroupMemberships.Membership>> groups = request.projection().wants("groups")
                ? UserGroupMemberships.of(context, page.users().stream().map(ScimUserRecord::id).toList()) : Map.of();
        List<ObjectNode> resources = page.users().stream().map(user -> request.projection().apply(
                ScimUserMapping.write(user, groups.getOrDefault(user.id(), List.of()), context))).toList();
        return request.listResponse(page.totalResults(), resources);
    }

    /**
     * The connector's rules on the resource a write would store, checked before anything is
     * written: required attributes, userName equal to the primary email, and what a sent password
     * does. Returns the password that was sent, or null when none was.
     */
    private SentPassword checkRules(ObjectNode resource, ScimUserMapping.IncomingUser incoming) {
        var connector = context.connector();
        RequiredAttributes.firstMissing(resource, connector.requiredAttributes()).ifPresent(path -> {
            throw ScimException.invalidValue("'" + path + "' is required by this connector (setting "
                    + ScimConnectorConfig.REQUIRED_ATTRIBUTES + ": " + String.join(", ", connector.requiredAttributes()) + ")");
        });
        if (connector.userNameMatchesEmail()
                && (incoming.email() == null || !incoming.userName().equalsIgnoreCase(incoming.email()))) {
            throw ScimException.invalidValue("userName '" + incoming.userName() + "' must equal the primary email '"
                    + incoming.email() + "' (connector setting " + ScimConnectorConfig.USERNAME_MATCHES_EMAIL + ")");
        }
        var sent = JsonFields.get(resource, "password");
        if (sent == null || sent.isNull()) {
            return null;
        }
        return switch (connector.passwordPolicy()) {
            case "refuse" -> throw ScimException.invalidValue("This connector does not accept passwords (setting "
                    + ScimConnectorConfig.PASSWORD_POLICY + " is refuse): turn off password sync in the identity provider");
            case "set" -> {
                if (!sent.isTextual() || sent.asText().isEmpty()) {
                    throw ScimException.invalidValue("'password' must be a non-empty string");
                }
                yield new SentPassword(sent.asText());
            }
            default -> new SentPassword(null);
        };
    }

    /** A password the IdP sent: {@code value} is what to store, or null when the policy ignores it. */
    private record SentPassword(String value) {
    }

    /** Sets the password through Keycloak's credential API and the realm's password policy, or records that it was ignored. */
    private void applyPassword(UserModel user, SentPassword sent) {
        if (sent == null) {
            return;
        }
        String password = sent.value();
        if (password == null) {
            LifecycleEvents.send(session, realm, user.getId(), user.getUsername(), LifecycleEvents.PASSWORD_IGNORED,
                    actor(), Map.of("policy", "ignore"));
            return;
        }
        PolicyError error = session.getProvider(PasswordPolicyManagerProvider.class).validate(realm, user, password);
        if (error != null) {
            throw ScimException.invalidValue("The password does not meet this realm's password policy ("
                    + error.getMessage() + " " + java.util.Arrays.toString(error.getParameters()) + ")");
        }
        user.credentialManager().updateCredential(UserCredentialModel.password(password, false));
    }

    /** Disables and revokes at once; schedules the purge when the policy keeps the user only for a while. */
    private void revoke(UserModel user, DeprovisioningPolicy policy, String reason) {
        AccessRevocation.revokeAll(session, realm, user);
        lifecycleEvent(user, LifecycleEvents.ACCESS_REVOKED, policy, reason);
        if (policy == DeprovisioningPolicy.DISABLE_THEN_DELETE) {
            Instant purgeAt = Instant.ofEpochMilli(org.keycloak.common.util.Time.currentTimeMillis())
                    .plus(context.connector().deprovisionRetention());
            DeprovisioningState.schedulePurge(user, purgeAt);
            LifecycleEvents.send(session, realm, user.getId(), user.getUsername(),
                    LifecycleEvents.PURGE_SCHEDULED, actor(), Map.of("policy", policy.value(), "reason", reason,
                            "purgeAt", DeprovisioningState.format(purgeAt)));
        }
    }

    private void remove(UserModel user, String reason, ObjectNode before) {
        String id = user.getId();
        String username = user.getUsername();
        new UserManager(session).removeUser(realm, user);
        ProvisioningEvents.user(context, EventTypes.USER_DELETED, id, before, "policy",
                DeprovisioningPolicy.DELETE.value(), "reason", reason);
        ScimAdminEvents.send(context, OperationType.DELETE, ResourceType.USER, "users/" + id, null);
        LifecycleEvents.send(session, realm, id, username, LifecycleEvents.DELETED, actor(),
                Map.of("policy", DeprovisioningPolicy.DELETE.value(), "reason", reason));
    }

    private void lifecycleEvent(UserModel user, String step, DeprovisioningPolicy policy, String reason) {
        LifecycleEvents.send(session, realm, user.getId(), user.getUsername(), step, actor(),
                Map.of("policy", policy.value(), "reason", reason));
    }

    private String actor() {
        return "scim:" + context.connector().name();
    }

    /** A user with this userName that this connector deleted while its policy kept the account, locked. */
    private UserModel deletedByThisConnector(UserModel user) {
        if (user == null || !DeprovisioningState.deletedBy(user, context.connector().name())) {
            return null;
        }
        UserModel locked = RowLock.user(session, realm, user.getId());
        return locked != null && DeprovisioningState.deletedBy(locked, context.connector().name()) ? locked : null;
    }

    private UserModel save(UserModel existing, ScimUserMapping.IncomingUser incoming) {
        UserRoleAssignment assignment = context.connector().roleMapping()
                .map(policy -> new UserRoleAssignment(session, realm, policy)).orElse(null);
        if (assignment != null) {
            List<String> groups = existing == null ? List.of()
                    : memberships(existing).stream().flatMap(UserGroupMemberships.Membership::names).toList();
            assignment.decide(incoming, groups);
        }
        // A rename is the IdP's write through the admin user API (USER_API), not a user editing their own
        // name: the realm's "Edit username" (a login/account-console setting) does not apply.
        // A create leaves the userName to the profile's duplicate check; a concurrent twin fails on the unique key.
        // An unchanged userName or email needs no look-up: the user holds it already.
        UserModel sameName = existing == null || existing.getUsername().equalsIgnoreCase(incoming.userName()) ? null
                : session.users().getUserByUsername(realm, incoming.userName());
        if (sameName != null && !sameName.getId().equals(existing.getId())) {
            throw ScimException.uniqueness("A user with userName '" + incoming.userName() + "' already exists");
        }
        // On create the profile's own duplicate-email check runs anyway: the holder is looked up only when it fires.
        if (existing != null && incoming.email() != null && !realm.isDuplicateEmailsAllowed()
                && !incoming.email().equalsIgnoreCase(existing.getEmail())) {
            refuseTakenEmail(existing, incoming.email());
        }
        UserProfileProvider profiles = session.getProvider(UserProfileProvider.class);
        UserModel user;
        try {
            if (existing == null) {
                user = SourceOfTruth.provisioningWrite(session,
                        () -> profiles.create(UserProfileContext.USER_API, incoming.profileAttributes()).create());
                OrganizationModel organization = context.organization();
                if (organization != null) {
                    session.getProvider(OrganizationProvider.class).addMember(organization, user);
                }
            } else if (holdsAlready(existing, incoming)) {
                // Nothing for the profile to write (an IdP deactivating a user, a PUT that sends what is
                // stored): its validators and duplicate look-ups would only re-check stored values.
                user = existing;
                touch(user);
            } else {
                SourceOfTruth.provisioningWrite(session, () -> {
                    if (!existing.getUsername().equalsIgnoreCase(incoming.userName())) {
                        // Keycloak's user profile keeps username read-only while the realm's "Edit username" is
                        // off; that setting is about users renaming themselves. The IdP's rename goes through the
                        // model (uniqueness checked above, the profile's validators still run on the new name).
                        existing.setUsername(incoming.userName());
                    }
                    profiles.create(UserProfileContext.USER_API, incoming.profileAttributes(), existing).update(false);
                    return existing;
                });
                user = existing;
                clearAbsent(user, incoming);
                // Attribute-only changes leave the user row untouched; meta.lastModified must still move.
                touch(user);
            }
        } catch (ValidationException e) {
            // The profile's own duplicate checks fire when a concurrent request won the race.
            if (existing == null && e.hasError(Messages.USERNAME_EXISTS)) {
                throw new UserNameTaken();
            }
            if (existing == null && incoming.email() != null && e.hasError(Messages.EMAIL_EXISTS)) {
                refuseTakenEmail(null, incoming.email());
            }
            if (e.hasError(Messages.USERNAME_EXISTS, Messages.EMAIL_EXISTS)) {
                throw ScimException.uniqueness("A user with this userName or email already exists");
            }
            throw ScimException.invalidValue(describe(e));
        } catch (ModelDuplicateException e) {
            // Lost a race with a concurrent write of the same userName or email.
            throw ScimException.uniqueness("A user with this userName or email already exists");
        }
        // Created or adopted: from now on this connector is the user's source of truth.
        SourceOfTruth.adopt(user, context.connector().name());
        if (assignment != null) {
            assignment.apply(user);
        }
        if (user.isEnabled() != incoming.active()) {
            user.setEnabled(incoming.active());
            if (!incoming.active() && existing != null) {
                DeprovisioningPolicy policy = context.connector().onDeactivate();
                if (policy == DeprovisioningPolicy.DELETE) {
                    removeAfterView = true;
                } else {
                    revoke(user, policy, "deactivated");
                }
            }
        }
        if (incoming.active() && DeprovisioningState.cancelPurge(user)) {
            LifecycleEvents.send(session, realm, user.getId(), user.getUsername(),
                    LifecycleEvents.PURGE_CANCELLED, actor(), Map.of("reason", "reactivated"));
        }
        return user;
    }

    /** 409 when another user holds {@code email}, saying so when it is one this connector deleted and keeps. */
    private void refuseTakenEmail(UserModel existing, String email) {
        UserModel sameEmail = session.users().getUserByEmail(realm, email);
        if (sameEmail != null && (existing == null || !sameEmail.getId().equals(existing.getId()))) {
            // A user this connector deleted but keeps (policy disable) still holds its email: POSTing its
            // userName again brings it back; the address is free once the account is purged or deleted.
            throw ScimException.uniqueness(DeprovisioningState.deletedBy(sameEmail, context.connector().name())
                    ? "The email '" + email + "' belongs to user '" + sameEmail.getUsername()
                            + "', which this connector deleted and keeps disabled (policy "
                            + context.connector().onDelete().value() + "): create that userName again to restore"
                            + " it, or purge it first"
                    : "A user with email '" + email + "' already exists");
        }
    }

    /** A re-pushed user whose invitation expired, or a reactivated one who never accepted, is invited anew. */
    private UserModel invite(UserModel user, boolean wasEnabled) {
        InvitationPolicy invitations = invitationPolicy();
        if (invitations != null) {
            ProvisioningInvitations.updated(session, realm, user, wasEnabled, context.connector().name(), invitations);
        }
        return user;
    }

    /**
     * A POST of a userName that exists stays 409 (RFC 7644 §3.3), but when that user's invitation
     * expired it is the IdP re-pushing someone stuck with a dead link: a fresh invitation goes out.
     * In its own transaction, because the 409 rolls this request's work back.
     */
    private void healStaleInvitationOfExisting(UserModel existing) {
        if (!visible(existing) || invitationPolicy() == null
                || !InvitationState.of(existing).expiredAt(org.keycloak.common.util.Time.currentTimeMillis())) {
            return;
        }
        String userId = existing.getId();
        String realmId = realm.getId();
        String connector = context.connector().name();
        InvitationPolicy invitations = invitationPolicy();
        KeycloakModelUtils.runJobInTransaction(session.getKeycloakSessionFactory(), session.getContext(), inner -> {
            RealmModel innerRealm = inner.realms().getRealm(realmId);
            UserModel user = inner.users().getUserById(innerRealm, userId);
            if (user != null) {
                ProvisioningInvitations.updated(inner, innerRealm, user, true, connector, invitations);
            }
        });
    }

    /** The connector's invitation policy, or null when its stored settings are invalid (logged). */
    private InvitationPolicy invitationPolicy() {
        try {
            return context.connector().invitationPolicy();
        } catch (IllegalArgumentException invalid) {
            LOG.warnf("Connector %s in realm %s: invitations skipped, %s", context.connector().name(), realm.getName(),
                    invalid.getMessage());
            return null;
        }
    }

    private boolean visible(UserModel user) {
        if (user.getServiceAccountClientLink() != null
                || DeprovisioningState.deletedBy(user, context.connector().name())
                || SourceOfTruth.detachedFrom(user, context.connector().name())) {
            return false;
        }
        OrganizationModel organization = context.organization();
        return organization == null
                || session.getProvider(OrganizationProvider.class).getMemberById(organization, user.getId()) != null;
    }

    /**
     * Moves meta.lastModified strictly forward on every write, attribute-only ones included:
     * {@code RowLock} tells a stale cached copy from the locked row by this timestamp.
     */
    private static void touch(UserModel user) {
        Long last = user.getLastModifiedTimestamp();
        long now = org.keycloak.common.util.Time.currentTimeMillis();
        user.setLastModifiedTimestamp(last != null && last >= now ? last + 1 : now);
    }

    /** Whether the user holds every profile attribute of the write with exactly these values, absent ones absent. */
    private static boolean holdsAlready(UserModel user, ScimUserMapping.IncomingUser incoming) {
        for (Map.Entry<String, List<String>> attribute : incoming.profileAttributes().entrySet()) {
            List<String> held = user.getAttributeStream(attribute.getKey()).filter(java.util.Objects::nonNull).toList();
            if (!held.equals(attribute.getValue())) {
                return false;
            }
        }
        return true;
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

    private ProvisioningResult updated(UserModel user, boolean wasEnabled) {
        ObjectNode resource = view(user);
        if (wasEnabled && !user.isEnabled()) {
            ProvisioningEvents.user(context, EventTypes.USER_DEACTIVATED, user.getId(), resource, "policy",
                    context.connector().onDeactivate().value());
        } else if (!wasEnabled && user.isEnabled()) {
            ProvisioningEvents.user(context, EventTypes.USER_REACTIVATED, user.getId(), resource);
        } else {
            ProvisioningEvents.user(context, EventTypes.USER_UPDATED, user.getId(), resource);
        }
        if (removeAfterView) {
            // Policy delete on deactivation: the answer shows the user as deactivated; it is gone afterwards.
            remove(user, "deactivated", resource);
            return new ProvisioningResult(200, user.getId(), resource);
        }
        ScimAdminEvents.send(context, OperationType.UPDATE, ResourceType.USER, "users/" + user.getId(),
                () -> dev.enterpriseconnect.scim.protocol.ScimJson.write(resource));
        return new ProvisioningResult(200, user.getId(), resource);
    }

    /** Applies {@code If-Match} to the locked user; returns the current resource for callers that build on it. */
    private ObjectNode checkVersion(UserModel user, String ifMatch) {
        ObjectNode current = view(user);
        if (ifMatch != null && !ifMatch.equals("*") && !ifMatch.equals(current.at("/meta/version").asText())) {
            throw ScimException.of(412, null, "The user was changed since version " + ifMatch
                    + "; read it again and retry");
        }
        return current;
    }

    private ScimUserMapping.IncomingUser read(ObjectNode body) {
        return ScimUserMapping.read(body, context.schemas());
    }

    /** The user as SCIM shows it, with its pushed groups. */
    private ObjectNode view(UserModel user) {
        return ScimUserMapping.write(ScimUserRecord.of(user), memberships(user), context);
    }

    /**
     * The user's pushed groups, read once per request: a user write never changes them (groups
     * are read-only on Users), and the view before the write, the role decision and the view
     * after it all need them.
     */
    private List<UserGroupMemberships.Membership> memberships(UserModel user) {
        // From the membership table, not the user's cached groups, which leave Organization groups out.
        return memberships.computeIfAbsent(user.getId(), id -> UserGroupMemberships.pushedAmong(context,
                holdings.computeIfAbsent(id, unread -> UserHoldings.of(session, realm, user)).groups().stream()));
    }

    /** What each user written in this request held before the write, read once by {@link #findForWrite}. */
    private final Map<String, UserHoldings> holdings = new java.util.HashMap<>();

    private final Map<String, List<UserGroupMemberships.Membership>> memberships = new java.util.HashMap<>();

    /** The user if this connector may see it: in its Organization, not a service account, not deleted by it. */
    private UserModel find(String id) {
        UserModel user = session.users().getUserById(realm, id);
        if (user == null || !visible(user)) {
            throw ScimException.notFound("User " + id + " not found");
        }
        return user;
    }

    /** The user locked for this transaction, if this connector may see it and change it. */
    private UserModel findForWrite(String id) {
        UserModel user = RowLock.user(session, realm, id);
        if (user == null || !visible(user)) {
            throw ScimException.notFound("User " + id + " not found");
        }
        UserHoldings held = UserHoldings.of(session, realm, user);
        holdings.put(user.getId(), held);
        PrivilegedUsers.requireWritable(context, user, held);
        return user;
    }

    private static String describe(ValidationException e) {
        return e.getErrors().stream()
                .map(error -> error.getAttribute() + ": " + error.getMessage())
                .collect(Collectors.joining("; "));
    }
}
