package dev.enterpriseconnect.scim.user;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.enterpriseconnect.scim.protocol.ScimSchemas;

/**
 * The SCIM User attributes kept as Keycloak user attributes (the rest are user columns: userName,
 * name.givenName, name.familyName, the primary email, active). One place for the whole table,
 * so the mapping, the database filters and the user-profile declaration cannot drift apart.
 */
public final class ScimUserAttributes {

    /**
     * @param schema the SCIM schema that defines it
     * @param scimPath attribute path within that schema, e.g. {@code title} or {@code manager.value}
     * @param keycloakName the Keycloak user attribute that stores it
     * @param caseExact whether filters compare it case-sensitively (RFC 7643: externalId is)
     * @param multiValued stored as several values (one JSON element each)
     */
    public record Mapped(String schema, String scimPath, String keycloakName, String displayName,
            boolean caseExact, boolean multiValued) {

        public boolean enterprise() {
            return ScimSchemas.ENTERPRISE_USER.equals(schema);
        }
    }

    public static final String PREFIX = "scim_";

    public static final Mapped EXTERNAL_ID = core("externalId", "External ID", true);
    public static final Mapped DISPLAY_NAME = core("displayName", "Display name", false);
    public static final Mapped NICK_NAME = core("nickName", "Nickname", false);
    public static final Mapped FORMATTED_NAME = new Mapped(ScimSchemas.USER, "name.formatted", PREFIX + "formattedName",
            "Formatted name", false, false);
    public static final Mapped MIDDLE_NAME = new Mapped(ScimSchemas.USER, "name.middleName", PREFIX + "middleName",
            "Middle name", false, false);
    public static final Mapped HONORIFIC_PREFIX = new Mapped(ScimSchemas.USER, "name.honorificPrefix",
            PREFIX + "honorificPrefix", "Honorific prefix", false, false);
    public static final Mapped HONORIFIC_SUFFIX = new Mapped(ScimSchemas.USER, "name.honorificSuffix",
            PREFIX + "honorificSuffix", "Honorific suffix", false, false);
    public static final Mapped PROFILE_URL = core("profileUrl", "Profile URL", false);
    public static final Mapped TITLE = core("title", "Title", false);
    public static final Mapped USER_TYPE = core("userType", "User type", false);
    /** A custom core attribute, as Courier's Okta set-up defines it, carrying the role value. */
    public static final Mapped ROLE = core("role", "Role (as sent)", false);
    public static final Mapped PREFERRED_LANGUAGE = core("preferredLanguage", "Preferred language", false);
    public static final Mapped LOCALE = core("locale", "Locale", false);
    public static final Mapped TIMEZONE = core("timezone", "Time zone", false);
    public static final Mapped PHONE_NUMBERS = new Mapped(ScimSchemas.USER, "phoneNumbers", PREFIX + "phoneNumbers",
            "Phone numbers", false, true);
    public static final Mapped OTHER_EMAILS = new Mapped(ScimSchemas.USER, "emails", PREFIX + "otherEmails",
            "Other emails", false, true);
    public static final Mapped ADDRESSES = new Mapped(ScimSchemas.USER, "addresses", PREFIX + "addresses",
            "Addresses", false, true);
    public static final Mapped EMPLOYEE_NUMBER = enterprise("employeeNumber", "Employee number");
    public static final Mapped COST_CENTER = enterprise("costCenter", "Cost center");
    public static final Mapped ORGANIZATION = enterprise("organization", "Organization");
    public static final Mapped DIVISION = enterprise("division", "Division");
    public static final Mapped DEPARTMENT = enterprise("department", "Department");
    public static final Mapped MANAGER = new Mapped(ScimSchemas.ENTERPRISE_USER, "manager.value", PREFIX + "manager",
            "Manager (user id)", true, false);
    public static final Mapped MANAGER_REF = new Mapped(ScimSchemas.ENTERPRISE_USER, "manager.$ref", PREFIX + "managerRef",
            "Manager (reference)", true, false);

    /**
     * userName exactly as the IdP sent it. Keycloak's username is the lower-cased key (lookups and
     * uniqueness stay case-insensitive); this is what SCIM shows, while it still names the same user.
     */
    public static final Mapped USER_NAME = new Mapped(ScimSchemas.USER, "userName", PREFIX + "userName",
            "Username (as sent)", false, false);
    /** The primary email's other sub-attributes (type, display, primary) as sent; its value is the account's email. */
    public static final Mapped PRIMARY_EMAIL = new Mapped(ScimSchemas.USER, "emails", PREFIX + "primaryEmail",
            "Primary email (type, display)", false, false);
    public static final Mapped IMS = multi("ims", "Instant messaging addresses");
    public static final Mapped PHOTOS = multi("photos", "Photos");
    public static final Mapped ENTITLEMENTS = multi("entitlements", "Entitlements");
    public static final Mapped X509_CERTIFICATES = multi("x509Certificates", "X.509 certificates");
    /** {@code roles} as sent; the role mapping's decision is {@link #MAPPED_ROLES}, shown apart. */
    public static final Mapped ROLES = multi("roles", "Roles (as sent, shown)");

    /** Single-valued string attributes, written and read one to one. */
    public static final List<Mapped> SIMPLE = List.of(EXTERNAL_ID, DISPLAY_NAME, NICK_NAME, FORMATTED_NAME, MIDDLE_NAME,
            HONORIFIC_PREFIX, HONORIFIC_SUFFIX, PROFILE_URL, TITLE, USER_TYPE, ROLE, PREFERRED_LANGUAGE, LOCALE, TIMEZONE,
            EMPLOYEE_NUMBER, COST_CENTER, ORGANIZATION, DIVISION, DEPARTMENT, MANAGER, MANAGER_REF);

    /** Custom extension objects, one JSON {@code {"schema": urn, "value": {...}}} per extension. */
    public static final Mapped EXTENSIONS = new Mapped(ScimSchemas.USER, "extensions", PREFIX + "extensions",
            "Custom extension attributes", false, true);

    /** The role value the connector's role mapping chose; shown as {@code roles}, never written by clients. */
    public static final Mapped MAPPED_ROLES = new Mapped(ScimSchemas.USER, "roles", PREFIX + "mappedRoles",
            "Roles (mapped)", false, true);

    /**
     * The {@code roles} values as the IdP sent them, kept when the role mapping reads {@code roles}, so
     * that a later change of the user's pushed groups can decide the role again from what was sent.
     */
    public static final Mapped ROLES_SENT = new Mapped(ScimSchemas.USER, "rolesSent", PREFIX + "rolesSent",
            "Roles (as sent)", false, true);

    /** Multi-valued complex attributes kept whole: one JSON element per value, every sub-attribute as sent. */
    public static final List<Mapped> ELEMENTS = List.of(PHONE_NUMBERS, ADDRESSES, IMS, PHOTOS, ENTITLEMENTS,
            X509_CERTIFICATES, ROLES);

    public static final List<Mapped> MULTI = List.of(PHONE_NUMBERS, OTHER_EMAILS, ADDRESSES, IMS, PHOTOS, ENTITLEMENTS,
            X509_CERTIFICATES, ROLES, EXTENSIONS, MAPPED_ROLES, ROLES_SENT);

    public static final List<Mapped> ALL = java.util.stream.Stream.of(SIMPLE.stream(), MULTI.stream(),
            java.util.stream.Stream.of(USER_NAME, PRIMARY_EMAIL)).flatMap(s -> s).toList();

    public static final List<String> KEYCLOAK_NAMES = ALL.stream().map(Mapped::keycloakName).toList();

    private static final Map<String, Mapped> BY_FILTER_PATH = SIMPLE.stream()
            .collect(Collectors.toUnmodifiableMap(m -> m.scimPath().toLowerCase(Locale.ROOT), Function.identity()));

    private ScimUserAttributes() {
    }

    /** The single-valued attribute a filter path names, if any (enterprise paths without their URN too). */
    public static Optional<Mapped> forFilterPath(String schema, String lowerDotted) {
        Mapped mapped = BY_FILTER_PATH.get(lowerDotted);
        if (mapped == null && "manager".equals(lowerDotted)) {
            mapped = MANAGER;
        }
        if (mapped == null || (schema != null && !schema.equalsIgnoreCase(mapped.schema()))) {
            return Optional.empty();
        }
        return Optional.of(mapped);
    }

    private static Mapped core(String name, String displayName, boolean caseExact) {
        return new Mapped(ScimSchemas.USER, name, PREFIX + name, displayName, caseExact, false);
    }

    private static Mapped multi(String name, String displayName) {
        return new Mapped(ScimSchemas.USER, name, PREFIX + name, displayName, false, true);
    }

    private static Mapped enterprise(String name, String displayName) {
        return new Mapped(ScimSchemas.ENTERPRISE_USER, name, PREFIX + name, displayName, false, false);
    }
}
