package dev.enterpriseconnect.scim.connector;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
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
    void theStoredFormNeverContainsTheSecret() {
        String secret = ConnectorSecret.generate();
        String hash = ConnectorSecret.hash(secret);

        assertFalse(hash.contains(secret.substring(4)));
        assertNotEquals(hash, ConnectorSecret.hash(secret), "each hash is salted");
    }

    @Test
    void missingOrMalformedValuesNeverMatch() {
        String secret = ConnectorSecret.generate();
        assertFalse(ConnectorSecret.matches(secret, null));
        assertFalse(ConnectorSecret.matches(null, ConnectorSecret.hash(secret)));
        assertFalse(ConnectorSecret.matches(secret, ""));
        assertFalse(ConnectorSecret.matches(secret, "pbkdf2-sha256$1$not-base64!$x"));
        assertFalse(ConnectorSecret.matches(secret, "pbkdf2-sha256$x$AAAA$AAAA"));
        assertFalse(ConnectorSecret.matches(secret, "md5$a$b"));
    }

    @Test
    void aRememberedSecretStillRejectsOthers() {
        String secret = ConnectorSecret.generate();
        String hash = ConnectorSecret.hash(secret);

        assertTrue(ConnectorSecret.matches(secret, hash));
        assertTrue(ConnectorSecret.matches(secret, hash), "second check, from the node's memory");
        assertFalse(ConnectorSecret.matches(secret + "x", hash));
        assertFalse(ConnectorSecret.matches(ConnectorSecret.generate(), hash));
    }

    @Test
    void theStoredFormIsPbkdf2WithKeycloaksIterationCount() {
        String hash = ConnectorSecret.hash(ConnectorSecret.generate());

        assertTrue(hash.startsWith("pbkdf2-sha256$600000$"), hash);
    }
}
