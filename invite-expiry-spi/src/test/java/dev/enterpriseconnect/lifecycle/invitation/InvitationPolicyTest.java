package dev.enterpriseconnect.lifecycle.invitation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** A connector's invitation settings as an administrator writes them. */
class InvitationPolicyTest {

    private static InvitationPolicy parse(Map<String, String> settings) {
        return InvitationPolicy.parse(settings::get);
    }

    @Test
    void aConnectorWithNoSettingsInvitesForFourteenDaysWithALocalPassword() {
        InvitationPolicy policy = parse(Map.of());
        assertTrue(policy.enabled());
        assertEquals(Duration.ofDays(14), policy.lifespan());
        assertEquals(0, policy.maxResends());
        assertNull(policy.disableAfter());
        assertFalse(policy.viaIdentityProvider());
        assertEquals("account-console", policy.clientId());
    }

    @Test
    void lifespansAreIsoDurationsOrSeconds() {
        assertEquals(Duration.ofSeconds(2), parse(Map.of(InvitationPolicy.LIFESPAN, "PT2S")).lifespan());
        assertEquals(Duration.ofDays(7), parse(Map.of(InvitationPolicy.LIFESPAN, "p7d")).lifespan());
        assertEquals(Duration.ofSeconds(3600), parse(Map.of(InvitationPolicy.LIFESPAN, "3600")).lifespan());
        assertEquals(Duration.ZERO, parse(Map.of(InvitationPolicy.DISABLE_AFTER, "0")).disableAfter());
    }

    @Test
    void anUnreadableOrOutOfRangeLifespanIsRefusedWithTheRule() {
        IllegalArgumentException words = assertThrows(IllegalArgumentException.class,
                () -> parse(Map.of(InvitationPolicy.LIFESPAN, "two weeks")));
        assertEquals("invitationLifespan must be an ISO-8601 duration such as P14D or PT2S, or a whole number of"
                + " seconds, from 1 second to 365 days; got 'two weeks'", words.getMessage());
        assertThrows(IllegalArgumentException.class, () -> parse(Map.of(InvitationPolicy.LIFESPAN, "0")));
        assertThrows(IllegalArgumentException.class, () -> parse(Map.of(InvitationPolicy.LIFESPAN, "P400D")));
        assertThrows(IllegalArgumentException.class, () -> parse(Map.of(InvitationPolicy.LIFESPAN, "-PT5S")));
    }

    @Test
    void otherSettingsAreCheckedToo() {
        assertEquals("invitationMaxResends must be a whole number from 0 to 10",
                assertThrows(IllegalArgumentException.class,
                        () -> parse(Map.of(InvitationPolicy.MAX_RESENDS, "11"))).getMessage());
        assertEquals("invitationsEnabled must be true or false", assertThrows(IllegalArgumentException.class,
                () -> parse(Map.of(InvitationPolicy.ENABLED, "yes"))).getMessage());
        assertEquals("invitationRedirectUri must be an absolute http(s) URL", assertThrows(IllegalArgumentException.class,
                () -> parse(Map.of(InvitationPolicy.REDIRECT_URI, "/app"))).getMessage());
        assertFalse(parse(Map.of(InvitationPolicy.ENABLED, "FALSE")).enabled());
        assertTrue(parse(Map.of(InvitationPolicy.IDENTITY_PROVIDER, "acme-okta")).viaIdentityProvider());
    }

    @Test
    void aPendingInvitationPastItsExpiryReadsExpired() {
        InvitationState pending = new InvitationState(InvitationAttributes.PENDING, 0L, 1_000L, null, "okta", 1, "n");
        assertEquals("pending", pending.statusAt(999));
        assertEquals("expired", pending.statusAt(1_000));
        assertTrue(pending.expiredAt(1_000));
        InvitationState accepted = new InvitationState(InvitationAttributes.ACCEPTED, 0L, 1_000L, 500L, "okta", 1, "n");
        assertEquals("accepted", accepted.statusAt(5_000));
        assertFalse(accepted.expiredAt(5_000));
    }
}
