package dev.conflux.security.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;

/** Password generation and the hash format Karaf's JAAS properties realm checks ({@code etc/org.apache.karaf.jaas.cfg}). */
final class Passwords {

    /** Must match encryption.prefix/suffix/algorithm/encoding in etc/org.apache.karaf.jaas.cfg. */
    static final String MARK = "{CRYPT}";
    static final String ALGORITHM = "SHA-512";

    // No look-alike characters (0/O, 1/l/I): the generated password is read off a terminal.
    private static final char[] ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private Passwords() {
    }

    static String generate(int length) {
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append(ALPHABET[RANDOM.nextInt(ALPHABET.length)]);
        }
        return sb.toString();
    }

    static String hash(String password) {
        try {
            byte[] digest = MessageDigest.getInstance(ALGORITHM).digest(password.getBytes(StandardCharsets.UTF_8));
            return MARK + HexFormat.of().formatHex(digest) + MARK;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(ALGORITHM + " is required by the JAAS realm configuration", e);
        }
    }
}
