package dev.enterpriseconnect.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.enterpriseconnect.it.RunningKeycloak.Connector;
import dev.enterpriseconnect.it.ScimClient.Result;

/**
 * Issue 13's schema findings (2, 4, 7, 8) with the exact requests, and a round trip driven by
 * {@code /Schemas} itself: every attribute it lists as writable is written and must read back, so
 * an attribute added to the schema is tested without a new test. All on a realm with Keycloak's
 * defaults (Edit username off, duplicate emails refused).
 */
@ExtendWith(KeycloakServer.class)
class ScimSchemaDataIT {

    private static final String USER = "urn:ietf:params:scim:schemas:core:2.0:User";
    private static final String GROUP = "urn:ietf:params:scim:schemas:core:2.0:Group";
    private static final String ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
    private static final String PATCH = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
    private static final String ERROR = "urn:ietf:params:scim:api:messages:2.0:Error";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static RunningKeycloak keycloak;
    private static String realm;
    private static ScimClient scim;

    @BeforeAll
    static void connector(RunningKeycloak server) {
        keycloak = server;
        realm = server.createRealm("schemadata");
        Connector okta = server.createConnector(realm, "okta");
        scim = server.scim(okta);
    }

    private static String userBody(String userName, String email) {
        return "{\"schemas\":[\"" + USER + "\"],\"userName\":\"" + userName + "\",\"emails\":[{\"value\":\"" + email
                + "\",\"type\":\"work\",\"primary\":true}],\"active\":true}";
    }

    private static JsonNode create(String userName, String email) {
        Result created = scim.post("/Users", userBody(userName, email));
        assertEquals(201, created.status(), created.response().body());
        return created.json();
    }

    private static String filter(String filter) {
        return "filter=" + URLEncoder.encode(filter, StandardCharsets.UTF_8);
    }

    private static String patchOps(String operations) {
        return "{\"schemas\":[\"" + PATCH + "\"],\"Operations\":[" + operations + "]}";
    }

    private static void assertScimError(Result result, int status, String scimType) {
        assertEquals(status, result.status(), result.response().body());
        assertEquals(ERROR, result.json().at("/schemas/0").asText());
        assertEquals(scimType, result.json().path("scimType").asText(null));
        assertTrue(result.header("Content-Type").startsWith("application/scim+json"), result.header("Content-Type"));
    }

    private static JsonNode keycloakUser(String id) {
        return keycloak.admin().expect(200, keycloak.admin().get("/admin/realms/" + realm + "/users/" + id));
    }

    private static JsonNode userSchemaAttribute(String schemaId, String name) {
        JsonNode schema = scim.get("/Schemas/" + schemaId).json();
        for (JsonNode attribute : schema.get("attributes")) {
            if (attribute.get("name").asText().equals(name)) {
                return attribute;
            }
        }
        throw new AssertionError(schemaId + " lists no " + name);
    }

    private static JsonNode sub(JsonNode attribute, String name) {
        for (JsonNode sub : attribute.get("subAttributes")) {
            if (sub.get("name").asText().equals(name)) {
                return sub;
            }
        }
        throw new AssertionError(attribute.get("name").asText() + " has no " + name);
    }

    // Finding 2: Keycloak lowercases userName; SCIM must answer what the IdP sent.

    @Test
    void aMixedCaseUserNameReadsBackAsSentAndStaysUniqueIgnoringCase() {
        JsonNode created = create("Mixed.Case@Acme.Test", "mixed.case@acme.test");
        String id = created.get("id").asText();

        assertEquals("Mixed.Case@Acme.Test", created.get("userName").asText());
        assertEquals("Mixed.Case@Acme.Test", scim.get("/Users/" + id).json().get("userName").asText());
        assertEquals("mixed.case@acme.test", keycloakUser(id).get("username").asText(), "Keycloak's key is lower-cased");

        // Okta's import looks the user up with whatever case it holds.
        JsonNode found = scim.get("/Users?" + filter("userName eq \"MIXED.CASE@acme.test\"")).json();
        assertEquals(1, found.get("totalResults").asInt());
        assertEquals("Mixed.Case@Acme.Test", found.at("/Resources/0/userName").asText());

        Result twin = scim.post("/Users", userBody("mixed.CASE@acme.TEST", "other.twin@acme.test"));
        assertScimError(twin, 409, "uniqueness");
        assertEquals(1, scim.get("/Users?" + filter("userName eq \"mixed.case@acme.test\"")).json()
                .get("totalResults").asInt(), "no second user");
        assertEquals("Mixed.Case@Acme.Test", scim.get("/Users/" + id).json().get("userName").asText());
    }

    // Finding 7: a rename on a realm with Keycloak's default "Edit username" off.

    @Test
    void aRenameWorksOnARealmWithKeycloakDefaults() {
        JsonNode realmSettings = keycloak.admin().expect(200, keycloak.admin().get("/admin/realms/" + realm));
        assertFalse(realmSettings.get("editUsernameAllowed").asBoolean(), "the realm keeps Keycloak's default");
        String id = create("fixed.name@acme.test", "fixed.name@acme.test").get("id").asText();

        Result renamed = scim.patch("/Users/" + id, patchOps(
                "{\"op\":\"replace\",\"path\":\"userName\",\"value\":\"Other.Name@acme.test\"}"));

        assertEquals(200, renamed.status(), renamed.response().body());
        assertEquals("Other.Name@acme.test", renamed.json().get("userName").asText());
        assertEquals("Other.Name@acme.test", scim.get("/Users/" + id).json().get("userName").asText());
        assertEquals("other.name@acme.test", keycloakUser(id).get("username").asText());
        JsonNode userName = userSchemaAttribute(USER, "userName");
        assertEquals("readWrite", userName.get("mutability").asText());
        assertFalse(userName.get("caseExact").asBoolean());
    }

    @Test
    void aRenameOntoAnotherUsersNameInAnotherCaseIsRefusedAndChangesNothing() {
        create("taken.name@acme.test", "taken.name@acme.test");
        JsonNode mover = create("mover.name@acme.test", "mover.name@acme.test");
        String id = mover.get("id").asText();

        Result renamed = scim.patch("/Users/" + id, patchOps(
                "{\"op\":\"replace\",\"path\":\"userName\",\"value\":\"Taken.Name@ACME.test\"}"));

        assertScimError(renamed, 409, "uniqueness");
        JsonNode after = scim.get("/Users/" + id).json();
        assertEquals("mover.name@acme.test", after.get("userName").asText());
        assertEquals(mover.at("/meta/version").asText(), after.at("/meta/version").asText());
    }

    // Finding 8: email uniqueness as the realm keeps it, and what a deleted user's email blocks.

    @Test
    void emailUniquenessIsServerWhereTheRealmRefusesDuplicates() {
        assertEquals("server", sub(userSchemaAttribute(USER, "emails"), "value").get("uniqueness").asText());
        JsonNode first = create("first.holder@acme.test", "shared.mail@acme.test");

        Result second = scim.post("/Users", userBody("second.holder@acme.test", "Shared.Mail@acme.test"));

        assertScimError(second, 409, "uniqueness");
        assertEquals(0, scim.get("/Users?" + filter("userName eq \"second.holder@acme.test\"")).json()
                .get("totalResults").asInt());
        assertEquals("shared.mail@acme.test", scim.get("/Users/" + first.get("id").asText()).json()
                .at("/emails/0/value").asText());
    }

    @Test
    void emailUniquenessIsNoneWhereTheRealmAllowsDuplicates() {
        String relaxed = keycloak.createRealm("dupemails", ",\"duplicateEmailsAllowed\":true");
        ScimClient other = keycloak.scim(keycloak.createConnector(relaxed, "okta"));
        JsonNode schema = other.get("/Schemas/" + USER).json();
        String uniqueness = null;
        for (JsonNode attribute : schema.get("attributes")) {
            if (attribute.get("name").asText().equals("emails")) {
                uniqueness = sub(attribute, "value").get("uniqueness").asText();
            }
        }
        assertEquals("none", uniqueness);

        assertEquals(201, other.post("/Users", userBody("one@acme.test", "same@acme.test")).status());
        Result two = other.post("/Users", userBody("two@acme.test", "same@acme.test"));
        assertEquals(201, two.status(), two.response().body());
    }

    @Test
    void aUserTheConnectorDeletedKeepsItsEmailAndTheRefusalSaysWhy() {
        JsonNode leaver = create("leaver@acme.test", "leaver.mail@acme.test");
        assertEquals(204, scim.delete("/Users/" + leaver.get("id").asText()).status());

        Result taker = scim.post("/Users", userBody("taker@acme.test", "leaver.mail@acme.test"));

        assertScimError(taker, 409, "uniqueness");
        String detail = taker.json().get("detail").asText();
        assertTrue(detail.contains("leaver@acme.test") && detail.contains("deleted"), detail);
        assertEquals(0, scim.get("/Users?" + filter("userName eq \"taker@acme.test\"")).json().get("totalResults")
                .asInt());
        // The documented way out: the IdP creates the deleted user again, and the same account returns.
        Result back = scim.post("/Users", userBody("leaver@acme.test", "leaver.mail@acme.test"));
        assertEquals(201, back.status(), back.response().body());
        assertEquals(leaver.get("id").asText(), back.json().get("id").asText());
    }

    // Finding 4: what /Schemas lists as writable is kept.

    @Test
    void aPatchAddOfImsIsKept() {
        String id = create("ims.user@acme.test", "ims.user@acme.test").get("id").asText();

        Result added = scim.patch("/Users/" + id, patchOps(
                "{\"op\":\"add\",\"path\":\"ims\",\"value\":[{\"value\":\"ims.user\",\"type\":\"xmpp\"}]}"));

        assertEquals(200, added.status(), added.response().body());
        assertEquals("ims.user", added.json().at("/ims/0/value").asText());
        assertEquals("xmpp", scim.get("/Users/" + id).json().at("/ims/0/type").asText());
    }

    @Test
    void aLoneOtherEmailKeepsItsTypeAndDisplay() {
        Result created = scim.post("/Users", "{\"schemas\":[\"" + USER + "\"],\"userName\":\"other.mail@acme.test\","
                + "\"emails\":[{\"value\":\"other.mail@acme.test\",\"type\":\"other\",\"display\":\"Private\"}]}");
        assertEquals(201, created.status(), created.response().body());

        JsonNode email = scim.get("/Users/" + created.json().get("id").asText()).json().at("/emails/0");
        assertEquals("other.mail@acme.test", email.get("value").asText());
        assertEquals("other", email.get("type").asText());
        assertEquals("Private", email.get("display").asText());
        assertFalse(email.has("primary"), email.toString());
        // Filters see the type as sent.
        assertEquals(0, scim.get("/Users?" + filter("emails[type eq \"work\"].value eq \"other.mail@acme.test\""))
                .json().get("totalResults").asInt());
        assertEquals(1, scim.get("/Users?" + filter("emails[type eq \"other\"].value eq \"other.mail@acme.test\""))
                .json().get("totalResults").asInt());
    }

    @Test
    void theManagerReferenceIsKept() {
        String manager = create("the.manager@acme.test", "the.manager@acme.test").get("id").asText();
        String ref = scim.get("/Users/" + manager).json().at("/meta/location").asText();
        Result created = scim.post("/Users", "{\"schemas\":[\"" + USER + "\",\"" + ENTERPRISE + "\"],"
                + "\"userName\":\"the.report@acme.test\",\"" + ENTERPRISE + "\":{\"manager\":{\"value\":\"" + manager
                + "\",\"$ref\":\"" + ref + "\"}}}");
        assertEquals(201, created.status(), created.response().body());

        JsonNode read = scim.get("/Users/" + created.json().get("id").asText()).json().get(ENTERPRISE).get("manager");
        assertEquals(manager, read.get("value").asText());
        assertEquals(ref, read.get("$ref").asText());
    }

    @Test
    void groupMembersAreUsersOnlyAsTheSchemaSays() {
        JsonNode members = userSchemaAttribute(GROUP, "members");
        assertEquals(List.of("User"), texts(sub(members, "type").get("canonicalValues")));
        assertEquals(List.of("User"), texts(sub(members, "$ref").get("referenceTypes")));
        String child = scim.post("/Groups", "{\"schemas\":[\"" + GROUP + "\"],\"displayName\":\"Child\"}").json()
                .get("id").asText();

        Result nested = scim.post("/Groups", "{\"schemas\":[\"" + GROUP + "\"],\"displayName\":\"Parent\","
                + "\"members\":[{\"value\":\"" + child + "\",\"type\":\"Group\"}]}");

        assertScimError(nested, 400, "invalidValue");
        assertEquals(0, scim.get("/Groups?" + filter("displayName eq \"Parent\"")).json().get("totalResults").asInt());
    }

    @Test
    void rolesAreKeptAsSentAndTheMappedRoleIsShownApart() {
        Result created = scim.post("/Users", "{\"schemas\":[\"" + USER + "\"],\"userName\":\"roles.user@acme.test\","
                + "\"roles\":[{\"value\":\"Approver\",\"type\":\"app\",\"primary\":true,\"display\":\"Approver\"}],"
                + "\"entitlements\":[{\"value\":\"expense-reports\",\"type\":\"feature\"}]}");
        assertEquals(201, created.status(), created.response().body());

        JsonNode read = scim.get("/Users/" + created.json().get("id").asText()).json();
        assertEquals("Approver", read.at("/roles/0/value").asText());
        assertEquals("app", read.at("/roles/0/type").asText());
        assertEquals("expense-reports", read.at("/entitlements/0/value").asText());
        // No role mapping on this connector: nothing decided, nothing shown as decided.
        assertFalse(read.has("urn:enterpriseconnect:params:scim:schemas:extension:access:2.0:User"), read.toString());
        assertEquals("readOnly", userSchemaAttribute("urn:enterpriseconnect:params:scim:schemas:extension:access:2.0:User",
                "role").get("mutability").asText());
    }

    // /ServiceProviderConfig names the one credential this connector accepts.

    @Test
    void serviceProviderConfigNamesTheConnectorsOwnCredential() {
        assertEquals("oauthbearertoken", scim.get("/ServiceProviderConfig").json()
                .at("/authenticationSchemes/0/type").asText());
        JsonNode basic = keycloak.admin().expect(201, keycloak.admin().post("/admin/realms/" + realm
                + "/scim-connectors", "{\"name\":\"okta-basic\",\"credentialType\":\"basic\"}"));
        String credentials = java.util.Base64.getEncoder().encodeToString((basic.get("username").asText() + ":"
                + basic.get("password").asText()).getBytes(StandardCharsets.UTF_8));
        ScimClient viaBasic = ScimClient.bearer(java.net.URI.create(basic.get("scimBaseUrl").asText()), "unused")
                .withAuthorization("Basic " + credentials);

        Result config = viaBasic.get("/ServiceProviderConfig");

        assertEquals(200, config.status(), config.response().body());
        assertEquals("httpbasic", config.json().at("/authenticationSchemes/0/type").asText());
        assertEquals(1, config.json().get("authenticationSchemes").size());
    }

    // The round trip: /Schemas decides what is written and checked.

    @Test
    void everyWritableUserAttributeThatSchemasListsReadsBackAsWritten() {
        String manager = create("rt.manager@acme.test", "rt.manager@acme.test").get("id").asText();
        ObjectNode body = JSON.createObjectNode();
        ArrayNode schemas = body.putArray("schemas");
        List<String> written = new ArrayList<>();
        for (JsonNode schema : scim.get("/Schemas").json().get("Resources")) {
            String id = schema.get("id").asText();
            if (id.equals(GROUP)) {
                continue;
            }
            ObjectNode container = id.equals(USER) ? body : JSON.createObjectNode();
            for (JsonNode attribute : schema.get("attributes")) {
                if (!writable(attribute) || attribute.get("name").asText().equals("password")) {
                    continue;
                }
                container.set(attribute.get("name").asText(), value(attribute, manager));
                written.add(id + ":" + attribute.get("name").asText());
            }
            if (!container.isEmpty()) {
                schemas.add(id);
                if (container != body) {
                    body.set(id, container);
                }
            }
        }
        assertTrue(written.size() >= 25, "only " + written + " were writable");

        Result created = scim.post("/Users", body.toString());
        assertEquals(201, created.status(), created.response().body());
        JsonNode read = scim.get("/Users/" + created.json().get("id").asText()).json();

        for (String path : written) {
            String schema = path.substring(0, path.lastIndexOf(':'));
            String name = path.substring(path.lastIndexOf(':') + 1);
            JsonNode sent = schema.equals(USER) ? body.get(name) : body.get(schema).get(name);
            JsonNode back = schema.equals(USER) ? read.get(name) : read.path(schema).get(name);
            assertNotNull(back, path + " was written but does not read back: " + read);
            assertContains(path, sent, back);
            JsonNode answered = schema.equals(USER) ? created.json().get(name) : created.json().path(schema).get(name);
            assertContains(path + " (in the create answer)", sent, answered);
        }
    }

    @Test
    void everyWritableGroupAttributeThatSchemasListsReadsBackAsWritten() {
        JsonNode member = create("rt.member@acme.test", "rt.member@acme.test");
        JsonNode schema = scim.get("/Schemas/" + GROUP).json();
        ObjectNode body = JSON.createObjectNode();
        body.putArray("schemas").add(GROUP);
        for (JsonNode attribute : schema.get("attributes")) {
            if (!writable(attribute)) {
                continue;
            }
            JsonNode value = value(attribute, member.get("id").asText());
            if (attribute.get("name").asText().equals("members")) {
                // A member's $ref must name the member: the generated one is replaced by the user's location.
                ((ObjectNode) value.get(0)).put("$ref", member.at("/meta/location").asText());
            }
            body.set(attribute.get("name").asText(), value);
        }

        Result created = scim.post("/Groups", body.toString());
        assertEquals(201, created.status(), created.response().body());
        JsonNode read = scim.get("/Groups/" + created.json().get("id").asText()).json();
        for (JsonNode attribute : schema.get("attributes")) {
            String name = attribute.get("name").asText();
            if (body.has(name)) {
                assertContains("Group:" + name, body.get(name), read.get(name));
            }
        }
    }

    private static boolean writable(JsonNode attribute) {
        String mutability = attribute.get("mutability").asText();
        return mutability.equals("readWrite") || mutability.equals("immutable");
    }

    /** A value for an attribute, made from its characteristics alone. */
    private static JsonNode value(JsonNode attribute, String userId) {
        if (attribute.get("multiValued").asBoolean()) {
            ArrayNode array = JSON.createArrayNode();
            array.add(single(attribute, userId));
            return array;
        }
        return single(attribute, userId);
    }

    private static JsonNode single(JsonNode attribute, String userId) {
        String name = attribute.get("name").asText();
        if (attribute.get("type").asText().equals("complex")) {
            ObjectNode object = JSON.createObjectNode();
            for (JsonNode sub : attribute.get("subAttributes")) {
                if (writable(sub)) {
                    object.set(sub.get("name").asText(), subValue(name, sub, userId));
                }
            }
            return object;
        }
        return subValue(null, attribute, userId);
    }

    private static JsonNode subValue(String parent, JsonNode attribute, String userId) {
        String name = attribute.get("name").asText();
        JsonNode canonical = attribute.get("canonicalValues");
        if (canonical != null && !canonical.isEmpty()) {
            // The last canonical value: a server that defaults to the first (e.g. "work") is caught.
            return JSON.getNodeFactory().textNode(canonical.get(canonical.size() - 1).asText());
        }
        String unique = UUID.randomUUID().toString().substring(0, 8);
        if ("value".equals(name) && ("manager".equals(parent) || "members".equals(parent))) {
            return JSON.getNodeFactory().textNode(userId);
        }
        if ("value".equals(name) && "emails".equals(parent)) {
            return JSON.getNodeFactory().textNode("rt." + unique + "@acme.test");
        }
        return switch (attribute.get("type").asText()) {
            case "boolean" -> JSON.getNodeFactory().booleanNode(true);
            case "integer" -> JSON.getNodeFactory().numberNode(7);
            case "decimal" -> JSON.getNodeFactory().numberNode(7.5);
            case "dateTime" -> JSON.getNodeFactory().textNode("2026-12-01T12:00:00Z");
            case "binary" -> JSON.getNodeFactory().textNode("TUlJQ2Nq");
            case "reference" -> JSON.getNodeFactory().textNode("https://example.test/" + unique);
            default -> JSON.getNodeFactory().textNode(name.equals("userName") ? "RoundTrip." + unique + "@Acme.Test"
                    : "RT " + (parent == null ? "" : parent + ".") + name + " " + unique);
        };
    }

    /** Every value sent is in what was read: each sent element has a read element holding all its sub-values. */
    private static void assertContains(String path, JsonNode sent, JsonNode read) {
        assertNotNull(read, path + " is missing");
        if (sent.isArray()) {
            assertTrue(read.isArray(), path + " is not multi-valued in " + read);
            for (JsonNode element : sent) {
                boolean found = false;
                for (JsonNode candidate : read) {
                    found |= holds(element, candidate);
                }
                assertTrue(found, path + ": sent " + element + ", read " + read);
            }
            return;
        }
        assertTrue(holds(sent, read), path + ": sent " + sent + ", read " + read);
    }

    private static boolean holds(JsonNode sent, JsonNode read) {
        if (!sent.isObject()) {
            return sent.equals(read);
        }
        if (!read.isObject()) {
            return false;
        }
        for (var fields = sent.fields(); fields.hasNext();) {
            var field = fields.next();
            if (!field.getValue().equals(read.get(field.getKey()))) {
                return false;
            }
        }
        return true;
    }

    private static List<String> texts(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }
}
