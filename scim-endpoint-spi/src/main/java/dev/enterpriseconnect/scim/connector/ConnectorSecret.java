package dev.enterpriseconnect.scim.connector;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Server-generated connector secrets and their stored form: PBKDF2-HMAC-SHA256 with a random salt
 * and Keycloak's default iteration count, so a copy of the database or a realm export yields
 * nothing usable.
 *
 * <p>PBKDF2 is deliberately slow, and a SCIM client presents its secret on every request. Each
 * node therefore remembers, per stored hash, the SHA-256 of the secret it last verified; a
 * request with the same secret is then checked by that digest in constant time. Only secrets that
 * already passed PBKDF2 on this node are remembered, in memory, never in logs or storage.
 */
public final class ConnectorSecret {

    private static final String PREFIX = "ecs_";
    private static final String SCHEME = "pbkdf2-sha256";
    private static final int ITERATIONS = 600_000;
    private static final int KEY_BITS = 256;
    private static final int MAX_REMEMBERED = 10_000;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();
    private static final Map<String, byte[]> VERIFIED = new ConcurrentHashMap<>();

    private ConnectorSecret() {
    }

    /** A fresh secret with 256 random bits, as shown once to the administrator. */
    public static String generate() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return PREFIX + URL.encodeToString(bytes);
    }

    /** The stored form: {@code pbkdf2-sha256$iterations$salt$hash}. */
    public static String hash(String secret) {
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        return SCHEME + "$" + ITERATIONS + "$" + URL.encodeToString(salt) + "$"
                + URL.encodeToString(pbkdf2(secret, salt, ITERATIONS));
    }

    /** Compares in constant time; a null or malformed stored hash never matches. */
    public static boolean matches(String secret, String storedHash) {
        if (secret == null || storedHash == null) {
            return false;
        }
        byte[] presented = sha256(secret);
        byte[] remembered = VERIFIED.get(storedHash);
        if (remembered != null) {
            return MessageDigest.isEqual(remembered, presented);
        }
        String[] parts = storedHash.split("\\$");
        if (parts.length != 4 || !SCHEME.equals(parts[0])) {
            return false;
        }
        boolean match;
        try {
            int iterations = Integer.parseInt(parts[1]);
            byte[] salt = Base64.getUrlDecoder().decode(parts[2]);
            byte[] expected = Base64.getUrlDecoder().decode(parts[3]);
            match = iterations > 0 && MessageDigest.isEqual(expected, pbkdf2(secret, salt, iterations));
        } catch (IllegalArgumentException malformed) {
            return false;
        }
        if (match) {
            if (VERIFIED.size() >= MAX_REMEMBERED) {
                VERIFIED.clear();
            }
            VERIFIED.put(storedHash, presented);
        }
        return match;
    }

    private static byte[] pbkdf2(String secret, byte[] salt, int iterations) {
        PBEKeySpec spec = new PBEKeySpec(secret.toCharArray(), salt, iterations, KEY_BITS);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException impossible) {
            throw new IllegalStateException(impossible);
        } finally {
            spec.clearPassword();
        }
    }

    private static byte[] sha256(String secret) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
