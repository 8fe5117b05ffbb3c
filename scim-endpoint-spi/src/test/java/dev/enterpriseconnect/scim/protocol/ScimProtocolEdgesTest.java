package dev.enterpriseconnect.scim.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * ETags from versions, and which Content-Types a body may have (issue 13, findings 1 and 5). The
 * JAX-RS objects need a runtime the unit tests do not have; the integration tests check those.
 */
class ScimProtocolEdgesTest {

    @Test
    void theOpaquePartOfAVersion() {
        assertEquals("abc", ScimJson.opaquePart("W/\"abc\""));
        assertEquals("abc", ScimJson.opaquePart("\"abc\""));
        assertEquals("abc", ScimJson.opaquePart("abc"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"W/", "\"", "W/\""})
    void aMalformedVersionIsNoErrorOfTheServer(String version) {
        assertEquals(version.startsWith("W/") ? version.substring(2) : version, ScimJson.opaquePart(version));
    }

    @Test
    void noVersionMeansNoEntityTag() {
        assertNull(ScimJson.opaquePart(null));
        assertNull(ScimJson.opaquePart(""));
        assertNull(ScimJson.opaquePart(" "));
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/scim+json", "application/json", "Application/SCIM+JSON",
            "application/json; charset=utf-8", "application/scim+json;charset=UTF-8", ""})
    void scimJsonAndJsonBodiesAreRead(String contentType) {
        assertTrue(ScimRequestBody.isJson(contentType));
        assertTrue(ScimRequestBody.isJson(null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"text/plain", "application/xml", "application/x-www-form-urlencoded",
            "multipart/form-data; boundary=x", "application/jsonx"})
    void otherBodiesAre415(String contentType) {
        assertFalse(ScimRequestBody.isJson(contentType));
    }
}
