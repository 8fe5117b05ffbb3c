package dev.enterpriseconnect.scim.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

import dev.enterpriseconnect.scim.protocol.ScimException;

class LogQueryTest {

    @Test
    void defaultsAndFilters() {
        LogQuery none = LogQuery.parse(null, null, null, null, null, null);
        assertEquals(0, none.first());
        assertEquals(50, none.max());
        assertNull(none.status());
        LogQuery some = LogQuery.parse("10", "500", "2026-12-01T10:00:00Z", null, "4XX", " ann ");
        assertEquals(400, some.statusFrom());
        assertEquals(1_764_583_200_000L, some.since());
        assertEquals("ann", some.user());
        assertEquals(409, LogQuery.parse(null, null, null, null, "409", null).status());
    }

    @Test
    void badValuesAreInvalidValue() {
        for (String[] bad : new String[][] {{"-1", null, null, null}, {null, "501", null, null},
                {null, null, "2026-12-01", null}, {null, null, null, "6xx"}, {null, null, null, "40"}}) {
            ScimException e = assertThrows(ScimException.class, () -> LogQuery.parse(bad[0], bad[1], bad[2], null, bad[3], null));
            assertEquals(400, e.getResponse().getStatus());
            assertEquals("invalidValue", e.scimType());
        }
    }
}
