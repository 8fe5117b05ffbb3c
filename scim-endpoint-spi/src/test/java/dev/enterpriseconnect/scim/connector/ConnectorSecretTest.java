package dev.enterpriseconnect.scim.connector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ConnectorSecretTest {

    @Test
    void theSecretMatchesItsOwnHashOnly() {
        String secret = ConnectorSecret.generate();
        String hash = ConnectorSecret.hash(secret);

        assertTrue(ConnectorSecret.matches(secret, hash));
        assertFalse(ConnectorSecret.matches(ConnectorSecret.generate(), hash));
        assertFalse(ConnectorSecret.matches(secret + "x", hash));
    }

    @Test
    void theStoredFormIsOneSha256AndNeverContainsTheSecret() {
        String secret = ConnectorSecret.generate();
        String hash = ConnectorSecret.hash(secret);

        assertFalse(hash.contains(secret.substring(4)));
        assertTrue(hash.startsWith("sha256$"), hash);
        assertEquals("sha256$".length() + 43, hash.length(), "32 bytes, base64url without padding");
        assertFalse(ConnectorSecret.needsUpgrade(hash));
    }

    @Test
    void missingOrMalformedValuesNeverMatch() {
        String secret = ConnectorSecret.generate();
        assertFalse(ConnectorSecret.matches(secret, null));
        assertFalse(ConnectorSecret.matches(null, ConnectorSecret.hash(secret)));
        assertFalse(ConnectorSecret.matches(null, null));
        
        assertFalse(ConnectorSecret.matches(secret, ""));
        assertFalse(ConnectorSecret.matches(secret, "sha256$"));
        assertFalse(ConnectorSecret.matches(secret, "sha256$not-base64!"));
        assertFalse(ConnectorSecret.matches(secret, "pbkdf2-sha256$1$not-base64!$x"));
        assertFalse(ConnectorSecret.matches(secret, "pbkdf2-sha256$x$AAAA$AAAA"));
        assertFalse(ConnectorSecret.matches(secret, "md5$a$b"));
    }

    @Test
    void pbkdf2HashesOfEarlierVersionsStillMatchAndAskForAnUpgrade() {
        String secret = ConnectorSecret.generate();
        String legacy = ConnectorSecret.legacyPbkdf2Hash(secret, 1000);

        assertTrue(legacy.startsWith("pbkdf2-sha256$1000$"), legacy);
        assertTrue(ConnectorSecret.needsUpgrade(legacy));
        assertTrue(ConnectorSecret.matches(secret, legacy));
        assertFalse(ConnectorSecret.matches(secret + "x", legacy));
        assertFalse(ConnectorSecret.matches(null, legacy));
    }

    @Test
    void aCheckCostsMicrosecondsNotAPasswordHash() {
        String hash = ConnectorSecret.hash(ConnectorSecret.generate());
        for (int i = 0; i < 2_000; i++) {
            ConnectorSecret.matches(ConnectorSecret.generate(), hash);
        }
        long start = System.nanoTime();
        int checks = 10_000;
        for (int i = 0; i < checks; i++) {
            ConnectorSecret.matches("ecs_wrong" + i, hash);
        }
        double micros = (System.nanoTime() - start) / 1e3 / checks;
        assertTrue(micros < 1_000, "a wrong secret cost " + micros + " µs");
    }
}
