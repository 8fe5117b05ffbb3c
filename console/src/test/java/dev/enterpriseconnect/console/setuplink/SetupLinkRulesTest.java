package dev.enterpriseconnect.console.setuplink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class SetupLinkRulesTest {

    @Test
    void aLinkLivesSevenDaysUnlessToldOtherwise() {
        assertEquals(Duration.ofDays(7), SetupLinks.lifetime(null));
        assertEquals(Duration.ofDays(7), SetupLinks.lifetime(" "));
        assertEquals(Duration.ofDays(3), SetupLinks.lifetime("3"));
        assertEquals(Duration.ofDays(30), SetupLinks.lifetime("P30D"));
        assertEquals(Duration.ofSeconds(2), SetupLinks.lifetime("PT2S"));
    }

    @Test
    void aTxtRecordReadsAsOneStringWhateverTheResolverQuotes() {
        assertEquals("enterprise-connect-domain-verification=ab12", DnsTxtLookup.unquote("\"enterprise-connect-domain-verification=ab12\""));
        assertEquals("v=spf1 -all", DnsTxtLookup.unquote("v=spf1 -all"));
        assertEquals("first-part second-part", DnsTxtLookup.unquote("\"first-part \" \"second-part\""));
    }

    @Test
    void publicMailProvidersAreListed() {
        for (String domain : new String[] {"gmail.com", "outlook.com", "hotmail.com", "yahoo.com", "icloud.com", "proton.me"}) {
            assertTrue(DomainClaims.PUBLIC_EMAIL_DOMAINS.contains(domain), domain);
        }
    }
}
