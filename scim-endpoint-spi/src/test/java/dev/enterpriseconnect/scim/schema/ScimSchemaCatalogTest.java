package dev.enterpriseconnect.scim.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.enterpriseconnect.scim.protocol.ScimSchemas;

class ScimSchemaCatalogTest {

    private static final ScimSchemaCatalog CATALOG = ScimSchemaCatalog.standard();
    private static final Set<String> TYPES =
            Set.of("string", "boolean", "decimal", "integer", "dateTime", "binary", "reference", "complex");
    private static final Set<String> MUTABILITIES = Set.of("readOnly", "readWrite", "immutable", "writeOnly");
    private static final Set<String> RETURNED = Set.of("always", "never", "default", "request");
    private static final Set<String> UNIQUENESS = Set.of("none", "server", "global");

    @Test
    void loadsTheThreeBuiltInSchemasInOrder() {
        List<String> ids = CATALOG.all().stream().map(schema -> schema.get("id").asText()).toList();
        assertEquals(List.of(ScimSchemas.USER, ScimSchemas.ENTERPRISE_USER, ScimSchemas.INVITATION_USER,
                ScimSchemas.ACCESS_USER, ScimSchemas.GROUP), ids);
    }

    @Test
    void everyDocumentHasTheTopLevelMembersButNoLocation() {
        for (ObjectNode schema : CATALOG.all()) {
            String id = schema.get("id").asText();
            for (String member : List.of("id", "name", "description")) {
                assertTrue(schema.path(member).isTextual() && !schema.get(member).asText().isBlank(),
                        id + " lacks " + member);
            }
            assertTrue(schema.path("attributes").isArray() && !schema.get("attributes").isEmpty(), id);
            assertEquals("Schema", schema.path("meta").path("resourceType").asText(), id);
            assertFalse(schema.get("meta").has("location"), id + " must get its location at runtime");
        }
    }

    @Test
    void byIdIgnoresCase() {
        assertEquals(ScimSchemas.USER, CATALOG.byId(ScimSchemas.USER).orElseThrow().get("id").asText());
        assertEquals(ScimSchemas.ENTERPRISE_USER,
                CATALOG.byId(ScimSchemas.ENTERPRISE_USER.toUpperCase()).orElseThrow().get("id").asText());
        assertEquals(ScimSchemas.GROUP,
                CATALOG.byId("URN:ietf:params:SCIM:schemas:core:2.0:group").orElseThrow().get("id").asText());
        assertTrue(CATALOG.byId("urn:ietf:params:scim:schemas:core:2.0:Nope").isEmpty());
        assertTrue(CATALOG.byId(null).isEmpty());
    }

    @Test
    void handsOutDeepCopies() {
        ObjectNode user = CATALOG.byId(ScimSchemas.USER).orElseThrow();
        user.put("name", "changed");
        ((ObjectNode) user.get("attributes").get(0)).put("required", false);
        CATALOG.all().get(0).withArray("attributes").removeAll();

        ObjectNode again = CATALOG.byId(ScimSchemas.USER).orElseThrow();
        assertEquals("User", again.get("name").asText());
        assertTrue(attribute(again, "userName").get("required").asBoolean());
    }

    @Test
    void userNameIsRequiredServerUniqueAndCaseInsensitive() {
        JsonNode userName = attribute(CATALOG.byId(ScimSchemas.USER).orElseThrow(), "userName");
        assertEquals("string", userName.get("type").asText());
        assertTrue(userName.get("required").asBoolean());
        assertEquals("server", userName.get("uniqueness").asText());
        assertFalse(userName.get("caseExact").asBoolean());
    }

    @Test
    void groupsIsReadOnlyDownToItsSubAttributes() {
        JsonNode groups = attribute(CATALOG.byId(ScimSchemas.USER).orElseThrow(), "groups");
        assertEquals("readOnly", groups.get("mutability").asText());
        assertTrue(groups.get("multiValued").asBoolean());
        for (JsonNode sub : groups.get("subAttributes")) {
            assertEquals("readOnly", sub.get("mutability").asText(), "groups." + sub.get("name").asText());
        }
    }

    @Test
    void passwordIsWriteOnlyAndNeverReturned() {
        JsonNode password = attribute(CATALOG.byId(ScimSchemas.USER).orElseThrow(), "password");
        assertEquals("writeOnly", password.get("mutability").asText());
        assertEquals("never", password.get("returned").asText());
    }

    @Test
    void userHasEveryCoreAttribute() {
        ObjectNode user = CATALOG.byId(ScimSchemas.USER).orElseThrow();
        for (String name : List.of("userName", "name", "displayName", "nickName", "profileUrl", "title", "userType",
                "preferredLanguage", "locale", "timezone", "active", "password", "emails", "phoneNumbers", "ims",
                "photos", "addresses", "groups", "entitlements", "roles", "x509Certificates")) {
            attribute(user, name);
        }
    }

    @Test
    void enterpriseManagerHasValueAndRefOnly() {
        ObjectNode enterprise = CATALOG.byId(ScimSchemas.ENTERPRISE_USER).orElseThrow();
        for (String name : List.of("employeeNumber", "costCenter", "organization", "division", "department")) {
            assertEquals("string", attribute(enterprise, name).get("type").asText(), name);
        }
        JsonNode manager = attribute(enterprise, "manager");
        assertEquals("complex", manager.get("type").asText());
        assertEquals("string", subAttribute(manager, "value").get("type").asText());
        assertEquals("reference", subAttribute(manager, "$ref").get("type").asText());
        // Not kept (the manager's name is not looked up), so not published.
        assertFalse(manager.get("subAttributes").toString().contains("displayName"));
    }

    @Test
    void invitationExtensionIsReadOnly() {
        ObjectNode invitation = CATALOG.byId(ScimSchemas.INVITATION_USER).orElseThrow();
        for (String name : List.of("status", "sentAt", "expiresAt", "acceptedAt")) {
            assertEquals("readOnly", attribute(invitation, name).get("mutability").asText(), name);
        }
        assertEquals("dateTime", attribute(invitation, "expiresAt").get("type").asText());
    }

    @Test
    void groupDisplayNameIsRequiredAndMembersAreDescribed() {
        ObjectNode group = CATALOG.byId(ScimSchemas.GROUP).orElseThrow();
        assertTrue(attribute(group, "displayName").get("required").asBoolean());
        JsonNode members = attribute(group, "members");
        assertTrue(members.get("multiValued").asBoolean());
        assertEquals("immutable", subAttribute(members, "value").get("mutability").asText());
        assertEquals("readOnly", subAttribute(members, "display").get("mutability").asText());
        List<String> canonical = new ArrayList<>();
        subAttribute(members, "type").get("canonicalValues").forEach(value -> canonical.add(value.asText()));
        assertEquals(List.of("User"), canonical);
    }

    @Test
    void everyAttributeIsFullyCharacterised() {
        int checked = 0;
        for (ObjectNode schema : CATALOG.all()) {
            checked += checkAttributes(schema.get("attributes"), schema.get("id").asText(), true);
        }
        assertTrue(checked > 80, "walked only " + checked + " attributes");
    }

    /** Walks {@code attributes} and their subAttributes; returns how many it checked. */
    private static int checkAttributes(JsonNode attributes, String where, boolean topLevel) {
        assertTrue(attributes != null && attributes.isArray(), where + " has no attribute array");
        int checked = 0;
        Set<String> seen = new HashSet<>();
        for (JsonNode attribute : attributes) {
            String name = attribute.path("name").asText();
            String path = where + ":" + name;
            assertFalse(name.isBlank(), where + " has an attribute without name");
            assertTrue(seen.add(name.toLowerCase(Locale.ROOT)), path + " is defined twice");
            assertTrue(TYPES.contains(attribute.path("type").asText()), path + " type");
            assertTrue(attribute.path("multiValued").isBoolean(), path + " multiValued");
            assertTrue(attribute.path("required").isBoolean(), path + " required");
            assertTrue(attribute.path("description").isTextual(), path + " description");
            assertTrue(MUTABILITIES.contains(attribute.path("mutability").asText()), path + " mutability");
            assertTrue(RETURNED.contains(attribute.path("returned").asText()), path + " returned");
            assertTrue(UNIQUENESS.contains(attribute.path("uniqueness").asText()), path + " uniqueness");
            String type = attribute.get("type").asText();
            if (Set.of("string", "reference", "binary").contains(type)) {
                assertTrue(attribute.path("caseExact").isBoolean(), path + " caseExact");
            }
            if (type.equals("reference")) {
                assertTrue(attribute.path("referenceTypes").isArray(), path + " referenceTypes");
            }
            checked++;
            if (type.equals("complex")) {
                assertTrue(topLevel, path + ": a complex attribute cannot nest another (RFC 7643 §2.3.8)");
                checked += checkAttributes(attribute.get("subAttributes"), path, false);
            } else {
                assertFalse(attribute.has("subAttributes"), path + " is not complex but has subAttributes");
            }
        }
        return checked;
    }

    @Test
    void withAddsSchemasWithoutChangingTheStandardCatalog() throws Exception {
        ObjectNode custom = (ObjectNode) new ObjectMapper().readTree("""
                {"id": "urn:example:scim:schemas:extension:acme:2.0:User", "name": "AcmeUser",
                 "description": "Acme", "attributes": [], "meta": {"resourceType": "Schema"}}""");
        ScimSchemaCatalog extended = CATALOG.with(List.of(custom));
        custom.put("name", "mutated after registration");

        assertEquals(6, extended.all().size());
        assertEquals("AcmeUser",
                extended.byId("urn:example:scim:schemas:extension:ACME:2.0:User").orElseThrow().get("name").asText());
        assertEquals(5, CATALOG.all().size());
        assertTrue(CATALOG.byId("urn:example:scim:schemas:extension:acme:2.0:User").isEmpty());
    }

    @Test
    void emailUniquenessFollowsTheRealm() {
        JsonNode refusing = subAttribute(attribute(CATALOG.forRealm(false).byId(ScimSchemas.USER).orElseThrow(), "emails"),
                "value");
        JsonNode allowing = subAttribute(attribute(CATALOG.forRealm(true).byId(ScimSchemas.USER).orElseThrow(), "emails"),
                "value");
        assertEquals("server", refusing.get("uniqueness").asText());
        assertEquals("none", allowing.get("uniqueness").asText());
    }

    @Test
    void openExtensionsExtendUserAndHoldAnyAttribute() {
        ScimSchemaCatalog withCustom = CATALOG.withOpenExtensions(List.of("urn:example:acme:2.0:User"));
        ResourceSchema custom = withCustom.schema("URN:example:acme:2.0:user").orElseThrow();
        assertTrue(custom.open());
        assertTrue(custom.has("anything"));
        assertEquals(List.of(ScimSchemas.ENTERPRISE_USER, ScimSchemas.INVITATION_USER, ScimSchemas.ACCESS_USER,
                "urn:example:acme:2.0:User"), withCustom.userExtensions().stream().map(ResourceSchema::id).toList());
        assertTrue(withCustom.byId("urn:example:acme:2.0:User").orElseThrow().get("attributes").isEmpty());
    }

    @Test
    void withRejectsDuplicateAndMalformedDocuments() {
        ObjectNode duplicate = CATALOG.byId(ScimSchemas.GROUP).orElseThrow();
        duplicate.put("id", ScimSchemas.GROUP.toLowerCase());
        assertThrows(IllegalArgumentException.class, () -> CATALOG.with(List.of(duplicate)));

        ObjectNode noId = new ObjectMapper().createObjectNode();
        noId.putArray("attributes");
        assertThrows(IllegalArgumentException.class, () -> CATALOG.with(List.of(noId)));

        ObjectNode noAttributes = new ObjectMapper().createObjectNode().put("id", "urn:example:x");
        assertThrows(IllegalArgumentException.class, () -> CATALOG.with(List.of(noAttributes)));
    }

    private static JsonNode attribute(JsonNode schema, String name) {
        return named(schema.get("attributes"), name, schema.get("id").asText());
    }

    private static JsonNode subAttribute(JsonNode attribute, String name) {
        return named(attribute.get("subAttributes"), name, attribute.get("name").asText());
    }

    private static JsonNode named(JsonNode attributes, String name, String where) {
        for (JsonNode attribute : attributes) {
            if (attribute.get("name").asText().equals(name)) {
                return attribute;
            }
        }
        throw new AssertionError(where + " has no attribute " + name);
    }
}
