package dev.enterpriseconnect.scim.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

class JsonFilterEvaluatorTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static final String EMAIL = "{\"value\":\"Babs@Example.com\",\"type\":\"work\",\"primary\":true}";

    private static final String USER = """
            {"userName":"bjensen","active":true,"age":42,"title":"",
             "name":{"givenName":"Barbara","familyName":"Jensen"},
             "meta":{"lastModified":"2011-05-13T04:42:34Z"},
             "emails":[{"value":"bjensen@example.com","type":"work","primary":true},
                       {"value":"babs@jensen.org","type":"home"}],
             "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{"employeeNumber":"701984"}}
            """;

    private static JsonNode json(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static boolean matches(String filter, String element) {
        return JsonFilterEvaluator.matches(ScimFilterParser.parse(filter), json(element));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "value eq \"babs@example.com\"   | true",
            "VALUE eq \"BABS@EXAMPLE.COM\"   | true",
            "value eq \"babs@example.org\"   | false",
            "value ne \"babs@example.org\"   | true",
            "value ne \"babs@example.com\"   | false",
            "value co \"@EXAMPLE\"           | true",
            "value co \"nope\"               | false",
            "value sw \"babs\"               | true",
            "value sw \"example\"            | false",
            "value ew \".COM\"               | true",
            "value ew \".org\"               | false",
            "type gt \"home\"                | true",
            "type ge \"work\"                | true",
            "type lt \"work\"                | false",
            "type le \"work\"                | true",
            "primary eq true                 | true",
            "primary eq false                | false",
            "Primary eq true and type eq \"WORK\" | true",
            "primary eq false or type eq \"work\" | true",
            "not (type eq \"work\")          | false",
            "value pr                        | true",
            "display pr                      | false",
            "display eq \"x\"                | false",
            "display ne \"x\"                | true",
            "display gt \"a\"                | false",
            "primary eq \"true\"             | false",
            "primary co \"t\"                | false",
    })
    void emailElement(String filter, boolean expected) {
        assertEquals(expected, matches(filter, EMAIL), filter);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "age eq 42                    | true",
            "age eq 42.0                  | true",
            "age gt 41.5                  | true",
            "age ge 43                    | false",
            "age lt 1e2                   | true",
            "age le 42                    | true",
            "age eq \"42\"                | false",
            "meta.lastModified gt \"2011-05-13T04:42:33Z\" | true",
            "meta.lastModified gt \"2011-05-13T04:42:34Z\" | false",
            "meta.lastModified ge \"2011-05-13T04:42:34Z\" | true",
            "meta.lastModified lt \"2012-01-01T00:00:00Z\" | true",
            "name.familyName eq \"jensen\" | true",
            "NAME.GIVENNAME sw \"barb\"     | true",
            "name.middleName pr            | false",
            "title pr                      | false",
            "title eq null                 | true",
            "nickName eq null              | true",
            "nickName ne null              | false",
            "title ne null                 | false",
            "name ne null                  | true",
            "userName ne null              | true",
            "emails co \"jensen.org\"      | true",
            "emails.value ew \"example.com\" | true",
            "emails.type eq \"other\"      | false",
            "emails[type eq \"home\" and value co \"jensen\"] | true",
            "emails[type eq \"home\" and primary eq true]   | false",
            "emails[type eq \"work\"].value eq \"bjensen@example.com\" | true",
            "emails[type eq \"work\"].value eq \"babs@jensen.org\"     | false",
            "name[givenName eq \"Barbara\"] | true",
            "groups[value pr]               | false",
            "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber eq \"701984\" | true",
            "urn:ietf:params:scim:schemas:core:2.0:User:userName eq \"BJENSEN\" | true",
            "userName eq \"bjensen\" and (active eq false or age gt 40) | true",
            "not (emails pr)                | false",
    })
    void userResource(String filter, boolean expected) {
        assertEquals(expected, matches(filter, USER), filter);
    }

    @Test
    void groupMember() {
        String member = "{\"value\":\"2819c223-7f76-453a-919d-413861904646\",\"display\":\"Babs Jensen\"}";
        assertEquals(true, matches("value eq \"2819C223-7F76-453A-919D-413861904646\"", member));
        assertEquals(false, matches("value eq \"abc\"", member));
        assertEquals(true, matches("display sw \"babs\" and not (value eq \"abc\")", member));
    }

    @Test
    void extensionAttributesAreOnlyFoundInTheExtension() {
        String enterprise = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
        assertEquals(false, matches(enterprise + ":employeeNumber eq \"1\"", "{\"employeeNumber\":\"1\"}"));
        assertEquals(true, matches(enterprise + ":employeeNumber eq \"1\"",
                "{\"" + enterprise + "\":{\"employeeNumber\":\"1\"}}"));
        assertEquals(true, matches(enterprise + ":manager.value pr",
                "{\"" + enterprise + "\":{\"manager\":{\"value\":\"m1\"}}}"));
    }

    @Test
    void emptyContainersAreNotPresent() {
        assertEquals(false, matches("emails pr", "{\"emails\":[]}"));
        assertEquals(false, matches("name pr", "{\"name\":{}}"));
        assertEquals(false, matches("title pr", "{\"title\":null}"));
        assertEquals(true, matches("active pr", "{\"active\":false}"));
    }
}
