package dev.enterpriseconnect.scim.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class LogQueryTest {

    @Test
    void defaultsAndFilters() {
        LogQuery none = LogQuery.parse(null, null, null, null, null, null);
        assertEquals(0, none.first());
        assertEquals(50, none.max());
        assertNull(none.status());
        LogQuery some = LogQuery.parse("10", "500", "2026-12-01T10:00:00Z", null, "4XX", " ann ");
        assertEquals(400, some.statusFrom());
        assertEquals(1_796_119_200_000L, some.since());
        assertEquals("ann", some.user());
        assertEquals(409, LogQuery.parse(null, null, null, null, "409", null).status());
    }
    // Bad values answer SCIM errors; ScimException needs a JAX-RS runtime, so ProvisioningLogIT checks them.
}
