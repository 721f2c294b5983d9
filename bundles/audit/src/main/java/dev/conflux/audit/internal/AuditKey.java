package dev.conflux.audit.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The secret the audit chain is keyed with (HMAC-SHA-256), kept outside the audit file: the value of
 * {@code CONFLUX_AUDIT_KEY}, or an owner-only key file generated at the first start. Whoever can rewrite the audit
 * file but cannot read the key cannot forge a line.
 */
final class AuditKey {

    static final String VARIABLE = "CONFLUX_AUDIT_KEY";
    private static final String ALGORITHM = "HmacSHA256";
    private static final int MIN_LENGTH = 16;

    private final SecretKeySpec key;
    private final String source;

    private AuditKey(byte[] secret, String source) {
        this.key = new SecretKeySpec(secret, ALGORITHM);
        this.source = source;
    }

    /**
     * The key from {@code fromEnvironment} if given, else from {@code file}; when neither exists, a new random key is
     * written to {@code file} (owner-only) if {@code mayCreate}, else null.
     */
    static AuditKey load(Path file, String fromEnvironment, boolean mayCreate) throws IOException {
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            if (fromEnvironment.strip().length() < MIN_LENGTH) {
                throw new IllegalArgumentException(VARIABLE + " is too short: use at least " + MIN_LENGTH
                        + " random characters (e.g. openssl rand -hex 32)");
            }
            return new AuditKey(fromEnvironment.strip().getBytes(StandardCharsets.UTF_8), VARIABLE);
        }
        if (Files.isRegularFile(file)) {
            String hex = Files.readString(file, StandardCharsets.US_ASCII).strip();
            try {
                byte[] secret = HexFormat.of().parseHex(hex);
                if (secret.length < MIN_LENGTH) {
                    throw new IllegalArgumentException("too short");
                }
                return new AuditKey(secret, file.toString());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("The audit key file " + file + " does not hold a key (at least "
                        + MIN_LENGTH + " bytes as hexadecimal digits)");
            }
        }
        if (!mayCreate) {
            return null;
        }
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        Files.createDirectories(file.toAbsolutePath().getParent());
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException notPosix) {
            Files.createFile(file);
        }
        Files.writeString(file, HexFormat.of().formatHex(secret) + "\n", StandardCharsets.US_ASCII,
                StandardOpenOption.WRITE);
        return new AuditKey(secret, file.toString());
    }

    /** Where the key came from: the variable's name or the key file. */
    String source() {
        return source;
    }

    /** HMAC-SHA-256 of the text, as lower-case hexadecimal digits. */
    String mac(String text) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA-256 is not available: " + e.getMessage(), e);
        }
    }

    static void ownerOnly(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            // the file system decides
        }
    }
}
