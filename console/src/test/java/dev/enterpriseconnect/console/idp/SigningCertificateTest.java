package dev.enterpriseconnect.console.idp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

class SigningCertificateTest {

    /** openssl req -x509 -subj /CN=globex-okta -days 3650, made 2026-12-01. */
    private static final String CERTIFICATE = "MIIDDTCCAfWgAwIBAgIUNg+jykd8XwBmNaNBgwJbY04sDC8wDQYJKoZIhvcNAQELBQAwFjEUMBIGA1UEAwwLZ2xvYmV4LW9rdGEwHhcNMjYxMjAxMjM1ODM3WhcNMzYxMTI4MjM1ODM3WjAWMRQwEgYDVQQDDAtnbG9iZXgtb2t0YTCCASIwDQYJKoZIhvcNAQEBBQADggEPADCCAQoCggEBAKkI5fjXL/jCJw/aLBRTG5gQ3jSU2JOwT1yM9YaLLV7VloaotDohGbKErD7F+No/QXBBLK+f3AyOwZDhAzkp2nxO3m0CMpu5bSkkh0L/IX/oWSknF07O/lP3iGBPW+9NnCfk6IGWf32ajOYXdxcLBGB4F8md/ZBWDrS03Am5TKRpWX73GPyg/0/GsBnaoMQSLNl0Hpy/JJ9TbRWnC+d8XxKgaVBgYbkfSSjG5HzUgxg1LrPGf2vsC4li7JA4oUBNJgwWJWzDF3bAY5gcdK7so6DTOTY/a5saexeaPvLavFzDTgMOZ9x+s8f9LaAxn2VnyICRiI5qu4mwe9nH0JRPqfkCAwEAAaNTMFEwHQYDVR0OBBYEFNNBOfmxVCsl2G8wEVtgfqa0IH/TMB8GA1UdIwQYMBaAFNNBOfmxVCsl2G8wEVtgfqa0IH/TMA8GA1UdEwEB/wQFMAMBAf8wDQYJKoZIhvcNAQELBQADggEBAGumtEw6r/XbwLd9Qq14IbMoa1qlkGBjysBLI4KAZHdg6Jb+xeEj/Ns29pqfH+fnhxPDjN2cm0anBK4JZ0r+MJD4BUEzBx7LpkrDGDC3IMd0cVOPv5SsduO9qOlIqBFw9WV/fRAzz09IMJGS2sML6yKmzO9QSOR4Y9W5xStKAKFAqYZn8I0nrep5nt3G/vFQ4tRu9j22cqToaYlex6HD1zkmoQ6Xgj3jvbnlqoIwIgxLPO4IRdTIU9RkAz73UKHd8YWyJqrjnPpR/7/m2PRp9GXgZg0YnBdV42NfXIaCiYQo8s2D8yDyMZOYjqufqmTFQ13OJy6CaBtY1jPYkzqQUPc=";

    @Test
    void readsSubjectAndExpiryOfEachCertificateKeycloakKeeps() {
        List<SigningCertificate> all = SigningCertificate.parseAll(CERTIFICATE + ", " + CERTIFICATE.substring(0, 40) + "\n"
                + CERTIFICATE.substring(40));
        assertEquals(2, all.size());
        assertEquals("CN=globex-okta", all.get(0).subject());
        assertEquals(Instant.parse("2036-11-28T23:58:37Z"), all.get(0).notAfter());
        assertEquals(all.get(0), all.get(1), "line breaks inside the base64 are ignored");
        assertFalse(all.get(0).expiredAt(Instant.parse("2036-11-28T23:58:36Z")));
        assertTrue(all.get(0).expiredAt(Instant.parse("2036-11-28T23:58:38Z")));
    }

    @Test
    void noCertificateIsAnEmptyList() {
        assertTrue(SigningCertificate.parseAll(null).isEmpty());
        assertTrue(SigningCertificate.parseAll(" , ").isEmpty());
    }

    @Test
    void somethingElseIsRefusedWithAReason() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> SigningCertificate.parseAll("bm90IGEgY2VydGlmaWNhdGU="));
        assertEquals("The metadata's signing certificate is not a valid X.509 certificate", refused.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SigningCertificate.parseAll("%%%"));
    }
}
