package dev.conflux.security.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Password generation and the stored form the realm checks ({@code etc/org.apache.karaf.jaas.cfg},
 * {@code encryption.name = pbkdf2}): {@code {CRYPT}pbkdf2-sha512:<iterations>:<salt>:<hash>{CRYPT}}, PBKDF2-HMAC-SHA-512
 * with a random 16-byte salt per password, salt and 64-byte hash in unpadded Base64. The digest Conflux stored before
 * ({@code {CRYPT}<SHA-512 hex>{CRYPT}}, unsalted) is still recognised, so that it can be upgraded at the next login.
 */
final class Passwords {

    /** Must match encryption.prefix/suffix in etc/org.apache.karaf.jaas.cfg. */
    static final String MARK = "{CRYPT}";
    static final String SCHEME = "pbkdf2-sha512";
    static final int ITERATIONS = 210_000;

    private static final int SALT_BYTES = 16;
    private static final int HASH_BITS = 512;
    // No look-alike characters (0/O, 1/l/I): the generated password is read off a terminal.
    private static final char[] ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();

    private Passwords() {
    }

    static String generate(int length) {
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append(ALPHABET[RANDOM.nextInt(ALPHABET.length)]);
        }
        return sb.toString();
    }

    /** The stored form of a password, marks included (what users.properties holds before the groups). */
    static String hash(String password) {
        return MARK + encode(password) + MARK;
    }

    /** {@code pbkdf2-sha512:<iterations>:<salt>:<hash>} with a fresh salt (no marks). */
    static String encode(String password) {
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        return SCHEME + ":" + ITERATIONS + ":" + B64.encodeToString(salt) + ":"
                + B64.encodeToString(pbkdf2(password, salt, ITERATIONS));
    }

    /**
     * Whether {@code password} matches {@code stored} (without marks): the PBKDF2 form, or the old unsalted SHA-512
     * hex digest. Anything else does not match.
     */
    static boolean matches(String password, String stored) {
        if (password == null || password.isEmpty() || stored == null) {
            return false;
        }
        if (isLegacy(stored)) {
            return MessageDigest.isEqual(sha512(password), HexFormat.of().parseHex(stored.toLowerCase()));
        }
        String[] parts = stored.split(":");
        if (parts.length != 4 || !SCHEME.equals(parts[0])) {
            return false;
        }
        try {
            int iterations = Integer.parseInt(parts[1]);
            byte[] salt = Base64.getDecoder().decode(parts[2]);
            byte[] expected = Base64.getDecoder().decode(parts[3]);
            if (iterations < 1 || salt.length == 0 || expected.length == 0) {
                return false;
            }
            return MessageDigest.isEqual(pbkdf2(password, salt, iterations), expected);
        } catch (IllegalArgumentException malformed) {
            return false;
        }
    }

    /** The unsalted SHA-512 hex digest of earlier versions (without marks). */
    static boolean isLegacy(String stored) {
        return stored != null && stored.matches("[0-9a-fA-F]{128}");
    }

    /** Whether a stored value (marks included, as in users.properties) should be rewritten in the current form. */
    static boolean needsUpgrade(String storedWithMarks) {
        if (storedWithMarks == null) {
            return false;
        }
        if (!storedWithMarks.startsWith(MARK) || !storedWithMarks.endsWith(MARK) || storedWithMarks.length() < 2 * MARK.length()) {
            return true; // clear text
        }
        String inner = storedWithMarks.substring(MARK.length(), storedWithMarks.length() - MARK.length());
        if (isLegacy(inner)) {
            return true;
        }
        String[] parts = inner.split(":");
        try {
            return parts.length == 4 && Integer.parseInt(parts[1]) < ITERATIONS;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static byte[] pbkdf2(String password, byte[] salt, int iterations) {
        PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt, iterations, HASH_BITS);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA512").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA512 is required to store passwords", e);
        } finally {
            spec.clearPassword();
        }
    }

    private static byte[] sha512(String password) {
        try {
            return MessageDigest.getInstance("SHA-512").digest(password.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-512 is required", e);
        }
    }
}
