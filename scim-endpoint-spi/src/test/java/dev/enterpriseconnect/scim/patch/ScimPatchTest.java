package dev.enterpriseconnect.scim.patch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

class ScimPatchTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

    private static final String USER = """
            {'schemas':['urn:ietf:params:scim:schemas:core:2.0:User',
                        'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User'],
             'id':'2819c223-7f76-453a-919d-413861904646',
             'externalId':'00u1abcd',
             'userName':'bjensen@example.com',
             'name':{'givenName':'Barbara','middleName':'Jane','familyName':'Jensen'},
             'active':true,
             'emails':[{'value':'bjensen@example.com','type':'work','primary':true},
                       {'value':'babs@jensen.org','type':'home'}],
             'groups':[{'value':'e9e30dba','display':'Sales'}],
             'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User':
                 {'employeeNumber':'701984','department':'Tour Operations',
                  'manager':{'value':'26118915-6090-4610-87e4-49d8ca9f808d','displayName':'John Smith'}},
             'meta':{'resourceType':'User','lastModified':'2011-05-13T04:42:34Z'}}
            """;

    private static final String PLAIN_USER = """
            {'schemas':['urn:ietf:params:scim:schemas:core:2.0:User'],
             'id':'u1','userName':'jdoe','active':true}
            """;

    private static final String GROUP = """
            {'schemas':['urn:ietf:params:scim:schemas:core:2.0:Group'],
             'id':'g1','displayName':'Engineering',
             'members':[{'value':'id1','display':'Ann'},{'value':'id2','display':'Bob'},{'value':'id3','display':'Cy'}]}
            """;

    /** JSON written with ' for " to keep the bodies readable; \\' is an escaped quote. */
    private static JsonNode json(String text) {
        try {
            return MAPPER.readTree(text.replace('\'', '"'));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static ObjectNode object(String text) {
        return (ObjectNode) json(text);
    }

    private static String request(String operations) {
        return "{'schemas':['urn:ietf:params:scim:api:messages:2.0:PatchOp'],'Operations':[" + operations + "]}";
    }

    private static ObjectNode patch(String resource, String operations) {
        return ScimPatch.apply(object(resource), json(request(operations)));
    }

    private static ScimPatchException failure(String resource, String operations) {
        return failureOf(resource, request(operations));
    }

    private static ScimPatchException failureOf(String resource, String wholeRequest) {
        return assertThrows(ScimPatchException.class, () -> ScimPatch.apply(object(resource), json(wholeRequest)));
    }

    // --- envelope

    @Test
    void requestNeedsThePatchOpSchema() {
        ScimPatchException e = failureOf(USER, "{'Operations':[{'op':'replace','path':'active','value':false}]}");
        assertEquals("invalidSyntax", e.scimType());
        assertEquals("A PATCH request must have \"schemas\": [\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"]", e.getMessage());
        assertEquals("invalidSyntax", failureOf(USER, "{'schemas':['urn:ietf:params:scim:schemas:core:2.0:User'],"
                + "'Operations':[{'op':'replace','path':'active','value':false}]}").scimType());
    }

    @Test
    void requestNeedsOperations() {
        String schemas = "'schemas':['urn:ietf:params:scim:api:messages:2.0:PatchOp']";
        for (String body : new String[] {"{" + schemas + "}", "{" + schemas + ",'Operations':[]}",
                "{" + schemas + ",'Operations':{'op':'add'}}"}) {
            ScimPatchException e = failureOf(USER, body);
            assertEquals("invalidSyntax", e.scimType());
            assertEquals("A PATCH request must have a non-empty \"Operations\" array", e.getMessage());
        }
        assertEquals("invalidSyntax", failureOf(USER, "[]").scimType());
    }

    @Test
    void operationsMemberInAnyCase() {
        ObjectNode result = ScimPatch.apply(object(USER), json(
                "{'schemas':['urn:ietf:params:scim:api:messages:2.0:PatchOp'],"
                        + "'operations':[{'op':'replace','path':'active','value':false}]}"));
        assertFalse(result.get("active").booleanValue());
    }

    @ParameterizedTest
    @ValueSource(strings = {"replace", "Replace", "REPLACE"})
    void opInAnyCase(String op) {
        assertEquals("X", patch(USER, "{'op':'" + op + "','path':'name.givenName','value':'X'}").at("/name/givenName").asText());
    }

    @ParameterizedTest
    @ValueSource(strings = {"add", "Add"})
    void addInAnyCase(String op) {
        assertEquals("Dr.", patch(USER, "{'op':'" + op + "','path':'title','value':'Dr.'}").get("title").asText());
    }

    @ParameterizedTest
    @ValueSource(strings = {"remove", "Remove"})
    void removeInAnyCase(String op) {
        assertNull(patch(USER, "{'op':'" + op + "','path':'externalId'}").get("externalId"));
    }

    @Test
    void unknownOp() {
        ScimPatchException e = failure(USER, "{'op':'move','path':'active','value':false}");
        assertEquals("invalidSyntax", e.scimType());
        assertEquals("Operation 1 has unknown op 'move'; expected add, replace or remove", e.getMessage());
        assertEquals("invalidSyntax", failure(USER, "{'path':'active','value':false}").scimType());
    }

    // --- Okta

    @Test
    void oktaDeactivatesWithoutPath() {
        ObjectNode result = patch(USER, "{'op':'replace','value':{'active':false}}");
        assertEquals(false, result.get("active").booleanValue());
        assertTrue(result.get("active").isBoolean());
    }

    @Test
    void oktaReplacesProfileWithoutPath() {
        ObjectNode result = patch(USER, """
                {'op':'replace','value':{'name':{'givenName':'A','familyName':'B'},
                  'emails':[{'value':'a.b@example.com','type':'work','primary':true}]}}
                """);
        assertEquals(json("{'givenName':'A','familyName':'B'}"), result.get("name"), "replace sets the whole complex value");
        assertEquals(json("[{'value':'a.b@example.com','type':'work','primary':true}]"), result.get("emails"));
        assertEquals("bjensen@example.com", result.get("userName").asText());
    }

    @Test
    void oktaReplacesActiveByPath() {
        assertFalse(patch(USER, "{'op':'replace','path':'active','value':false}").get("active").booleanValue());
    }

    @Test
    void oktaPushesGroupMembers() {
        ObjectNode result = patch(GROUP, """
                {'op':'add','path':'members','value':[{'value':'id4','display':'Dee'},{'value':'id1','display':'Ann'}]}
                """);
        assertEquals(json("""
                [{'value':'id1','display':'Ann'},{'value':'id2','display':'Bob'},{'value':'id3','display':'Cy'},
                 {'value':'id4','display':'Dee'}]"""), result.get("members"));
    }

    @Test
    void addingMembersToAnEmptyGroupCreatesTheList() {
        ObjectNode result = patch("{'schemas':['urn:ietf:params:scim:schemas:core:2.0:Group'],'id':'g2','displayName':'New'}",
                "{'op':'add','path':'members','value':[{'value':'id1'}]}");
        assertEquals(json("[{'value':'id1'}]"), result.get("members"));
    }

    @Test
    void oktaReplacesGroupName() {
        ObjectNode result = patch(GROUP, "{'op':'replace','value':{'id':'g1','displayName':'Platform'}}");
        assertEquals("Platform", result.get("displayName").asText());
    }

    @Test
    void extensionObjectWithoutPath() {
        ObjectNode result = patch(USER, """
                {'op':'replace','value':{'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User':
                   {'department':'R&D','costCenter':'4130'}}}
                """);
        JsonNode extension = result.get(ENTERPRISE);
        assertEquals("R&D", extension.get("department").asText());
        assertEquals("4130", extension.get("costCenter").asText());
        assertEquals("701984", extension.get("employeeNumber").asText(), "each attribute is replaced, not the extension");
    }

    // --- Entra ID

    @ParameterizedTest
    @ValueSource(strings = {"False", "false", "FALSE"})
    void entraSendsActiveAsString(String text) {
        ObjectNode result = patch(USER, "{'op':'Replace','path':'active','value':'" + text + "'}");
        assertTrue(result.get("active").isBoolean());
        assertFalse(result.get("active").booleanValue());
        assertTrue(patch(PLAIN_USER, "{'op':'Replace','value':{'active':'True'}}").get("active").booleanValue());
    }

    @Test
    void onlyActiveIsCoerced() {
        ObjectNode result = patch(USER, "{'op':'Replace','path':'title','value':'True'}");
        assertEquals("True", result.get("title").textValue());
        assertEquals("yes", patch(USER, "{'op':'Replace','path':'active','value':'yes'}").get("active").textValue());
    }

    @ParameterizedTest
    @ValueSource(strings = {"Add", "Replace"})
    void entraSetsTheWorkEmail(String op) {
        ObjectNode result = patch(USER, "{'op':'" + op + "','path':'emails[type eq \\'work\\'].value','value':'x@y.z'}");
        assertEquals(json("""
                [{'value':'x@y.z','type':'work','primary':true},{'value':'babs@jensen.org','type':'home'}]"""),
                result.get("emails"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Add", "Replace"})
    void entraCreatesTheWorkEmailWhenThereIsNone(String op) {
        ObjectNode result = patch(PLAIN_USER, "{'op':'" + op + "','path':'emails[type eq \\'work\\'].value','value':'x@y.z'}");
        assertEquals(json("[{'type':'work','value':'x@y.z'}]"), result.get("emails"));

        ObjectNode withHome = patch("{'id':'u2','emails':[{'value':'h@home.org','type':'home'}]}",
                "{'op':'" + op + "','path':'emails[type eq \\'work\\'].value','value':'x@y.z'}");
        assertEquals(json("[{'value':'h@home.org','type':'home'},{'type':'work','value':'x@y.z'}]"), withHome.get("emails"));
    }

    @Test
    void entraReplacesGivenName() {
        ObjectNode result = patch(USER, "{'op':'Replace','path':'name.givenName','value':'X'}");
        assertEquals(json("{'givenName':'X','middleName':'Jane','familyName':'Jensen'}"), result.get("name"));
        assertEquals(json("{'givenName':'X'}"), patch(PLAIN_USER, "{'op':'Replace','path':'name.givenName','value':'X'}").get("name"));
    }

    @Test
    void entraAddsDottedAndQualifiedKeysWithoutPath() {
        ObjectNode result = patch(PLAIN_USER, """
                {'op':'Add','value':{'name.givenName':'X',
                  'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department':'Sales',
                  'title':'T',
                  'emails[type eq \\'work\\'].value':'x@y.z'}}
                """);
        assertEquals(json("{'givenName':'X'}"), result.get("name"));
        assertEquals(json("{'department':'Sales'}"), result.get(ENTERPRISE));
        assertEquals("T", result.get("title").asText());
        assertEquals(json("[{'type':'work','value':'x@y.z'}]"), result.get("emails"));
        assertEquals(json("['urn:ietf:params:scim:schemas:core:2.0:User'," + "'" + ENTERPRISE + "']"), result.get("schemas"),
                "a new extension is listed in schemas");
    }

    @Test
    void entraSetsManagerById() {
        ObjectNode result = patch(PLAIN_USER,
                "{'op':'Add','path':'" + ENTERPRISE + ":manager','value':'26118915-6090-4610-87e4-49d8ca9f808d'}");
        assertEquals(json("{'manager':{'value':'26118915-6090-4610-87e4-49d8ca9f808d'}}"), result.get(ENTERPRISE));

        ObjectNode changed = patch(USER, "{'op':'Add','path':'" + ENTERPRISE + ":manager','value':'m2'}");
        assertEquals(json("{'value':'m2'}"), changed.get(ENTERPRISE).get("manager"), "the old displayName must go");
    }

    @Test
    void managerAsObject() {
        ObjectNode result = patch(PLAIN_USER, "{'op':'Add','path':'" + ENTERPRISE + ":manager','value':{'value':'m1'}}");
        assertEquals(json("{'value':'m1'}"), result.get(ENTERPRISE).get("manager"));
        ObjectNode viaSub = patch(USER, "{'op':'Replace','path':'" + ENTERPRISE + ":manager.value','value':'m3'}");
        assertEquals("m3", viaSub.get(ENTERPRISE).get("manager").get("value").asText());
    }

    @Test
    void entraReplacesEmployeeNumber() {
        ObjectNode result = patch(USER, "{'op':'Replace','path':'" + ENTERPRISE + ":employeeNumber','value':'42'}");
        assertEquals("42", result.get(ENTERPRISE).get("employeeNumber").textValue());
        assertEquals("Tour Operations", result.get(ENTERPRISE).get("department").asText());
    }

    @Test
    void removingAnAbsentManagerChangesNothing() {
        ObjectNode plain = object(PLAIN_USER);
        assertEquals(plain, patch(PLAIN_USER, "{'op':'Remove','path':'" + ENTERPRISE + ":manager'}"));
        String noManager = "{'id':'u3','" + ENTERPRISE + "':{'department':'Sales'}}";
        assertEquals(object(noManager), patch(noManager, "{'op':'Remove','path':'" + ENTERPRISE + ":manager'}"));
        assertNull(patch(USER, "{'op':'Remove','path':'" + ENTERPRISE + ":manager'}").get(ENTERPRISE).get("manager"));
    }

    // --- remove

    @Test
    void removeNeedsAPath() {
        ScimPatchException e = failure(USER, "{'op':'remove','value':{'title':'x'}}");
        assertEquals("noTarget", e.scimType());
        assertEquals("A remove operation needs a \"path\"", e.getMessage());
    }

    @Test
    void removeSelectedMembers() {
        ObjectNode result = patch(GROUP, "{'op':'remove','path':'members[value eq \\'id1\\']'}");
        assertEquals(json("[{'value':'id2','display':'Bob'},{'value':'id3','display':'Cy'}]"), result.get("members"));
    }

    @Test
    void removeSelectedEmails() {
        ObjectNode result = patch(USER, "{'op':'remove','path':'emails[type eq \\'work\\']'}");
        assertEquals(json("[{'value':'babs@jensen.org','type':'home'}]"), result.get("emails"));
        assertNull(patch(USER, "{'op':'remove','path':'emails[value ew \\'.org\\' or type eq \\'work\\']'}").get("emails"),
                "an emptied multi-valued attribute is unassigned");
    }

    @Test
    void removeSubAttributeOfSelectedValues() {
        ObjectNode result = patch(USER, "{'op':'remove','path':'emails[type eq \\'work\\'].primary'}");
        assertEquals(json("{'value':'bjensen@example.com','type':'work'}"), result.get("emails").get(0));
    }

    @Test
    void removeMatchingNothingChangesNothing() {
        assertEquals(object(GROUP), patch(GROUP, "{'op':'remove','path':'members[value eq \\'nobody\\']'}"));
    }

    @Test
    void entraRemovesListedMembers() {
        ObjectNode result = patch(GROUP, "{'op':'Remove','path':'members','value':[{'value':'id1'},{'value':'id3'}]}");
        assertEquals(json("[{'value':'id2','display':'Bob'}]"), result.get("members"));
    }

    @Test
    void removeAllMembers() {
        assertNull(patch(GROUP, "{'op':'remove','path':'members'}").get("members"));
    }

    @Test
    void removeSubAttribute() {
        ObjectNode result = patch(USER, "{'op':'remove','path':'name.middleName'}");
        assertEquals(json("{'givenName':'Barbara','familyName':'Jensen'}"), result.get("name"));
    }

    @Test
    void replaceWithNullUnassigns() {
        assertNull(patch(USER, "{'op':'replace','path':'externalId','value':null}").get("externalId"));
    }

    // --- add and replace semantics

    @Test
    void addToSingleValuedReplaces() {
        assertEquals("bjensen", patch(USER, "{'op':'add','path':'userName','value':'bjensen'}").get("userName").asText());
    }

    @Test
    void addMergesComplexAttributes() {
        ObjectNode result = patch(USER, "{'op':'add','path':'name','value':{'givenName':'Babs','honorificPrefix':'Ms.'}}");
        assertEquals(json("{'givenName':'Babs','middleName':'Jane','familyName':'Jensen','honorificPrefix':'Ms.'}"),
                result.get("name"));
    }

    @Test
    void replaceSetsWholeComplexAttributes() {
        ObjectNode result = patch(USER, "{'op':'replace','path':'name','value':{'givenName':'Babs'}}");
        assertEquals(json("{'givenName':'Babs'}"), result.get("name"));
    }

    @Test
    void replaceSelectedElementWhole() {
        ObjectNode result = patch(USER, "{'op':'replace','path':'emails[type eq \\'home\\']','value':{'value':'b@b.org','type':'home'}}");
        assertEquals(json("{'value':'b@b.org','type':'home'}"), result.get("emails").get(1));
    }

    @Test
    void addToMultiValuedAppends() {
        ObjectNode result = patch(USER, "{'op':'add','path':'emails','value':[{'value':'third@example.com','type':'other'}]}");
        assertEquals(3, result.get("emails").size());
        assertEquals("third@example.com", result.get("emails").get(2).get("value").asText());
    }

    @Test
    void addWithUnbuildableFilterAndNoMatch() {
        ScimPatchException e = failure(USER, "{'op':'add','path':'emails[value co \\'nowhere\\'].type','value':'x'}");
        assertEquals("noTarget", e.scimType());
    }

    @Test
    void addNeedsAValue() {
        ScimPatchException e = failure(USER, "{'op':'add','path':'title'}");
        assertEquals("invalidValue", e.scimType());
        assertEquals("The add of 'title' needs a \"value\"", e.getMessage());
        assertEquals("invalidValue", failure(USER, "{'op':'replace','value':'x'}").scimType());
    }

    // --- names in any case

    @Test
    void attributeNamesInAnyCaseKeepTheResourceSpelling() {
        ObjectNode result = patch(USER, """
                {'op':'replace','path':'Active','value':false},
                {'op':'replace','path':'NAME.givenname','value':'Babs'},
                {'op':'add','path':'nickName','value':'Babs'}
                """);
        assertFalse(result.get("active").booleanValue());
        assertNull(result.get("Active"));
        assertEquals(json("{'givenName':'Babs','middleName':'Jane','familyName':'Jensen'}"), result.get("name"));
        assertEquals("Babs", result.get("nickName").asText());
    }

    @Test
    void pathLessKeysInAnyCase() {
        ObjectNode result = patch(USER, "{'op':'replace','value':{'USERNAME':'babs','Name.FamilyName':'J'}}");
        assertEquals("babs", result.get("userName").asText());
        assertNull(result.get("USERNAME"));
        assertEquals("J", result.get("name").get("familyName").asText());
    }

    // --- primary

    @Test
    void addedPrimaryClearsTheOthers() {
        ObjectNode result = patch(USER, "{'op':'add','path':'emails','value':[{'value':'new@example.com','type':'work','primary':true}]}");
        assertEquals(json("""
                [{'value':'bjensen@example.com','type':'work','primary':false},{'value':'babs@jensen.org','type':'home'},
                 {'value':'new@example.com','type':'work','primary':true}]"""), result.get("emails"));
    }

    @Test
    void primaryThroughAValuePathClearsTheOthers() {
        ObjectNode result = patch(USER, "{'op':'replace','path':'emails[type eq \\'home\\'].primary','value':true}");
        assertFalse(result.get("emails").get(0).get("primary").booleanValue());
        assertTrue(result.get("emails").get(1).get("primary").booleanValue());
    }

    // --- read-only

    @ParameterizedTest
    @ValueSource(strings = {
            "{'op':'replace','path':'id','value':'other'}",
            "{'op':'remove','path':'id'}",
            "{'op':'replace','path':'meta.lastModified','value':'2020-01-01T00:00:00Z'}",
            "{'op':'add','path':'schemas','value':['urn:x']}",
            "{'op':'add','path':'groups','value':[{'value':'g9'}]}",
            "{'op':'replace','value':{'ID':'other'}}",
            "{'op':'replace','path':'urn:ietf:params:scim:schemas:core:2.0:User:id','value':'other'}"})
    void readOnlyAttributes(String operation) {
        ScimPatchException e = failure(USER, operation);
        assertEquals("mutability", e.scimType());
        assertTrue(e.getMessage().endsWith("is read-only"), e.getMessage());
    }

    @Test
    void resendingTheSameIdIsIgnored() {
        ObjectNode result = patch(USER, "{'op':'replace','value':{'id':'2819c223-7f76-453a-919d-413861904646','active':false}}");
        assertEquals("2819c223-7f76-453a-919d-413861904646", result.get("id").asText());
        assertFalse(result.get("active").booleanValue());
    }

    // --- paths

    @Test
    void invalidPathCarriesTheParserMessage() {
        ScimPatchException e = failure(USER, "{'op':'replace','path':'emails[type eq \\'work\\'','value':'x'}");
        assertEquals("invalidPath", e.scimType());
        assertEquals("Missing ']' to close '[' at position 7", e.getMessage());
        assertEquals("invalidPath", failure(USER, "{'op':'replace','path':'a.b.c','value':'x'}").scimType());
    }

    @Test
    void valueFilterOnASingleValuedAttribute() {
        assertEquals("invalidPath", failure(USER, "{'op':'replace','path':'userName[value eq \\'x\\']','value':{}}").scimType());
    }

    // --- all or nothing

    @Test
    void theInputIsNeverModified() {
        ObjectNode resource = object(USER);
        JsonNode request = json(request("{'op':'replace','path':'active','value':false},{'op':'add','path':'emails','value':[{'value':'z@z.z'}]}"));
        ObjectNode before = resource.deepCopy();
        JsonNode requestBefore = request.deepCopy();
        ObjectNode result = ScimPatch.apply(resource, request);
        assertEquals(before, resource);
        assertEquals(requestBefore, request);
        ((ObjectNode) result.get("emails").get(2)).put("value", "changed");
        assertEquals(requestBefore, request, "the result shares no nodes with the request");
    }

    @Test
    void aFailingOperationAppliesNothing() {
        ObjectNode resource = object(USER);
        ObjectNode before = resource.deepCopy();
        assertThrows(ScimPatchException.class, () -> ScimPatch.apply(resource, json(request(
                "{'op':'replace','path':'active','value':false},{'op':'replace','path':'id','value':'x'}"))));
        assertEquals(before, resource);
    }

    // --- paths that name no attribute of the resource type (RFC 7644 §3.5.2: invalidPath)

    private static final PatchTargets USER_TARGETS = PatchTargets.of(java.util.List.of("schemas", "id", "meta",
            "externalId", "userName", "name", "active", "emails", "groups", "title"))
            .withExtension(ENTERPRISE, java.util.List.of("employeeNumber", "department", "manager"))
            .withOpenExtension("urn:acme:custom:2.0:User");

    private static ScimPatchException targeted(String operations) {
        return assertThrows(ScimPatchException.class,
                () -> ScimPatch.apply(object(USER), json(request(operations)), USER_TARGETS));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{'op':'remove','path':'fooBar'}",
            "{'op':'remove','path':'fooBar[type eq \\'work\\']'}",
            "{'op':'remove','path':'urn:ietf:params:scim:schemas:core:2.0:User:fooBar'}",
            "{'op':'remove','path':'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User'}",
            "{'op':'remove','path':'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:costCenter'}",
            "{'op':'add','path':'fooBar','value':'x'}",
            "{'op':'replace','path':'fooBar','value':'x'}"})
    void aPathNamingNoAttributeIsInvalidPath(String operation) {
        ScimPatchException e = targeted(operation);
        assertEquals("invalidPath", e.scimType(), e.getMessage());
    }

    @Test
    void aOneElementArrayForASingleValuedAttributeIsItsValueAsSomeClientLibrariesSendIt() {
        dev.enterpriseconnect.scim.schema.ScimSchemaCatalog catalog = dev.enterpriseconnect.scim.schema.ScimSchemaCatalog.standard();
        PatchTargets targets = PatchTargets.of(catalog.user(), catalog.userExtensions());
        ObjectNode result = ScimPatch.apply(object(USER), json(request("{'op':'replace','path':'active','value':[false]},"
                + "{'op':'replace','path':'title','value':['Aquarist']},"
                + "{'op':'replace','path':'emails','value':[{'value':'new@example.com','primary':true}]}")), targets);
        assertFalse(result.get("active").booleanValue());
        assertEquals("Aquarist", result.get("title").textValue());
        assertTrue(result.get("emails").isArray(), "a multi-valued attribute keeps its array");
        assertTrue(ScimPatch.apply(object(USER), json(request("{'op':'replace','path':'title','value':['a','b']}")),
                targets).get("title").isArray(), "two values stay two, for the mapping to refuse");
    }

    @Test
    void removingAKnownAttributeWithoutAValueStaysASuccess() {
        ObjectNode result = ScimPatch.apply(object(USER), json(request("{'op':'remove','path':'title'},"
                + "{'op':'remove','path':'urn:acme:custom:2.0:User:anything'},"
                + "{'op':'remove','path':'" + ENTERPRISE + ":department'}")), USER_TARGETS);
        assertNull(result.at("/" + ENTERPRISE.replace("/", "~1")).get("department"));
        assertEquals(object(USER).get("userName"), result.get("userName"));
    }

    /**
     * RFC 7644 §3.5.2.2 gives remove no noTarget for a filter that selects nothing (only §3.5.2.3,
     * replace, does): the values are already gone, which is what the client wants, as Entra expects.
     */
    @Test
    void removingWithAFilterThatSelectsNothingChangesNothing() {
        assertEquals(object(USER), ScimPatch.apply(object(USER),
                json(request("{'op':'remove','path':'emails[type eq \\'other\\']'}")), USER_TARGETS));
    }
}
