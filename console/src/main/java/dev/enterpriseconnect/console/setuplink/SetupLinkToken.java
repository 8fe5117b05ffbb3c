package dev.enterpriseconnect.console.setuplink;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.SecretKey;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * A setup link's token: 32 random bytes and an HMAC of them under the realm's HMAC key, so a
 * guessed or altered token is refused before any lookup. Only its SHA-256 is stored.
 */
final class SetupLinkToken {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9_-]{43}\\.[A-Za-z0-9_-]{22}");

    private SetupLinkToken() {
    }

    static String issue(KeycloakSession session, RealmModel realm) {
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        String body = B64.encodeToString(random);
        SecretKey key = session.keys().getActiveHmacKey(realm).getSecretKey();
        return body + "." + signature(key, realm, body);
    }

    /** Whether the token has the right shape and a signature of one of the realm's HMAC keys. */
    static boolean signed(KeycloakSession session, RealmModel realm, String token) {
        if (token == null || !SHAPE.matcher(token).matches()) {
            return false;
        }
        String body = token.substring(0, token.indexOf('.'));
        byte[] presented = token.substring(token.indexOf('.') + 1).getBytes(StandardCharsets.US_ASCII);
        return session.keys().getHmacKeys(realm).stream()
                .map(k -> session.keys().getHmacSecretKey(realm, k.getKid()))
                .filter(k -> k != null)
                .anyMatch(k -> MessageDigest.isEqual(presented, signature(k, realm, body).getBytes(StandardCharsets.US_ASCII)));
    }

    static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String signature(SecretKey key, RealmModel realm, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(key.getEncoded(), "HmacSHA256"));
            // Bound to the realm: a link of one realm is no link in another.
            byte[] sig = mac.doFinal(("ec-setup-link:" + realm.getId() + ":" + body).getBytes(StandardCharsets.UTF_8));
            return B64.encodeToString(java.util.Arrays.copyOf(sig, 16));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
