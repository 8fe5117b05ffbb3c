package dev.enterpriseconnect.scim.connector;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.concurrent.Semaphore;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Server-generated connector secrets and their stored form.
 *
 * <p>A secret carries 256 random bits, so a slow password hash adds nothing: nobody can try
 * 2<sup>256</sup> candidates against a leaked hash, however fast each try is. The stored form is
 * therefore one SHA-256 of the secret, {@code sha256$<base64url digest>}, checked on every request
 * by one digest and a constant-time compare (microseconds; no per-node cache). It lives in the
 * connector's component config, so every cluster node checks against the same value.
 *
 * <p>Hashes stored by earlier versions ({@code pbkdf2-sha256$iterations$salt$hash}) still match;
 * {@link #needsUpgrade} tells the caller to replace one with {@link #hash} after a successful check.
 * PBKDF2 checks run one at a time per node, so requests against a not-yet-upgraded connector can
 * occupy at most one core however many arrive at once.
 */
public final class ConnectorSecret {

    private static final String PREFIX = "ecs_";
    private static final String SCHEME = "sha256";
    private static final String LEGACY_SCHEME = "pbkdf2-sha256";
    private static final int LEGACY_KEY_BITS = 256;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();
    private static final Semaphore LEGACY_CHECKS = new Semaphore(1, true);
    /** Compared against when there is nothing to compare with, so every failure costs one digest too. */
    private static final byte[] NOTHING = sha256("no stored secret");

    private ConnectorSecret() {
    }

    /** A fresh secret with 256 random bits, as shown once to the administrator. */
    public static String generate() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return PREFIX + URL.encodeToString(bytes);
    }

    /** The stored form: {@code sha256$<base64url SHA-256 of the secret>}. */
    public static String hash(String secret) {
        return SCHEME + "$" + URL.encodeToString(sha256(secret));
    }

    /**
     * Compares in constant time; a null or malformed stored hash never matches. A missing secret
     * or hash still costs one digest and compare, so failures cost alike whatever their cause.
     */
    public static boolean matches(String secret, String storedHash) {
        byte[] presented = sha256(secret == null ? "" : secret);
        if (storedHash != null && storedHash.startsWith(LEGACY_SCHEME + "$")) {
            return secret != null && legacyMatches(secret, storedHash);
        }
        byte[] expected = stored(storedHash);
        boolean equal = MessageDigest.isEqual(expected == null ? NOTHING : expected, presented);
        return equal && expected != null && secret != null;
    }

    /** True for a stored form of an earlier version, to be replaced by {@link #hash} once the secret matched. */
    public static boolean needsUpgrade(String storedHash) {
        return storedHash != null && storedHash.startsWith(LEGACY_SCHEME + "$");
    }

    /** The PBKDF2 form earlier versions stored (random salt); for tests and migrations only. */
    public static String legacyPbkdf2Hash(String secret, int iterations) {
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        return LEGACY_SCHEME + "$" + iterations + "$" + URL.encodeToString(salt) + "$"
                + URL.encodeToString(pbkdf2(secret, salt, iterations));
    }

    private static byte[] stored(String storedHash) {
        if (storedHash == null || !storedHash.startsWith(SCHEME + "$")) {
            return null;
        }
        try {
            byte[] digest = Base64.getUrlDecoder().decode(storedHash.substring(SCHEME.length() + 1));
            return digest.length == 32 ? digest : null;
        } catch (IllegalArgumentException malformed) {
            return null;
        }
    }

    private static boolean legacyMatches(String secret, String storedHash) {
        String[] parts = storedHash.split("\\$");
        if (parts.length != 4) {
            return false;
        }
        try {
            int iterations = Integer.parseInt(parts[1]);
            byte[] salt = Base64.getUrlDecoder().decode(parts[2]);
            byte[] expected = Base64.getUrlDecoder().decode(parts[3]);
            if (iterations <= 0 || iterations > 10_000_000) {
                return false;
            }
            LEGACY_CHECKS.acquireUninterruptibly();
            try {
                return MessageDigest.isEqual(expected, pbkdf2(secret, salt, iterations));
            } finally {
                LEGACY_CHECKS.release();
            }
        } catch (IllegalArgumentException malformed) {
            return false;
        }
    }

    private static byte[] pbkdf2(String secret, byte[] salt, int iterations) {
        PBEKeySpec spec = new PBEKeySpec(secret.toCharArray(), salt, iterations, LEGACY_KEY_BITS);
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
