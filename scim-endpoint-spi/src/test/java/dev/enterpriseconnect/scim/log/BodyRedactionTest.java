package dev.enterpriseconnect.scim.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;

import org.junit.jupiter.api.Test;

class BodyRedactionTest {

    private final BodyRedaction redaction = new BodyRedaction(Set.of("employeenumber", "phonenumbers"));

    @Test
    void passwordsSecretsTokensAndConfiguredAttributesAreReplacedWherever() {
        String body = "{\"userName\":\"ann\",\"password\":\"p1\",\"x-api-Secret\":\"s1\",\"refresh_token\":\"t1\","
                + "\"phoneNumbers\":[{\"value\":\"555\"}],"
                + "\"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User\":{\"employeeNumber\":\"E1\",\"department\":\"D\"}}";
        String kept = redaction.apply(body);
        for (String secret : new String[] {"p1", "s1", "t1", "555", "E1"}) {
            assertFalse(kept.contains("\"" + secret + "\""), secret + " in " + kept);
        }
        assertTrue(kept.contains("\"department\":\"D\""), kept);
        assertTrue(kept.contains("\"userName\":\"ann\""), kept);
    }

    @Test
    void aPatchOperationsValueIsReplacedWhenItsPathIsRedacted() {
        String kept = redaction.apply("{\"Operations\":[{\"op\":\"replace\",\"path\":\"password\",\"value\":\"p2\"},"
                + "{\"op\":\"replace\",\"path\":\"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber\","
                + "\"value\":\"E2\"},{\"op\":\"replace\",\"path\":\"phoneNumbers[type eq \\\"work\\\"].value\",\"value\":\"556\"},"
                + "{\"op\":\"replace\",\"path\":\"name.givenName\",\"value\":\"Bo\"},"
                + "{\"op\":\"replace\",\"value\":{\"password\":\"p3\",\"displayName\":\"Bo B\"}}]}");
        for (String secret : new String[] {"p2", "E2", "556", "p3"}) {
            assertFalse(kept.contains("\"" + secret + "\""), secret + " in " + kept);
        }
        assertTrue(kept.contains("\"Bo\"") && kept.contains("\"Bo B\""), kept);
    }

    @Test
    void aBodyThatIsNotJsonIsNotKeptAndALongOneIsCut() {
        assertEquals("[not JSON, 17 characters, not kept]", redaction.apply("password=hunter22"));
        String longBody = "{\"displayName\":\"" + "x".repeat(20_000) + "\"}";
        String kept = redaction.apply(longBody);
        assertTrue(kept.length() < BodyRedaction.MAX_BODY + 100, "bounded: " + kept.length());
        assertTrue(kept.endsWith("[cut at 8192 of 20018 characters]"), kept.substring(kept.length() - 60));
    }
}
