package dev.enterpriseconnect.scim.connector;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Server-generated connector secrets and their stored form.
 *
 * <p>Secrets carry 256 random bits, so a salted SHA-256 is enough to make the stored value
 * useless to a reader of the database; a slow password hash would only add latency to every
 * SCIM request without adding security against guessing.
 */
public final class ConnectorSecret {

    private static final String PREFIX = "ecs_";
    private static final String SCHEME = "sha256";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();

    private ConnectorSecret() {
    }

    /** A fresh secret, as shown once to the administrator. */
    public static String generate() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return PREFIX + URL.encodeToString(bytes);
    }

    /** The stored form: {@code sha256$salt$digest}. */
    public static String hash(String secret) {
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        return SCHEME + "$" + URL.encodeToString(salt) + "$" + URL.encodeToString(digest(salt, secret));
    }

    /** Compares in constant time; a null or malformed stored hash never matches. */
    public static boolean matches(String secret, String storedHash) {
        if (secret == null || storedHash == null) {
            return false;
        }
        String[] parts = storedHash.split("\\$");
        if (parts.length != 3 || !SCHEME.equals(parts[0])) {
            return false;
        }
        try {
            byte[] salt = Base64.getUrlDecoder().decode(parts[1]);
            byte[] expected = Base64.getUrlDecoder().decode(parts[2]);
            return MessageDigest.isEqual(expected, digest(salt, secret));
        } catch (IllegalArgumentException malformed) {
            return false;
        }
    }

    private static byte[] digest(byte[] salt, String secret) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(salt);
            return sha.digest(secret.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
