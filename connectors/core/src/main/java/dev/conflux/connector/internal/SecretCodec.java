package dev.conflux.connector.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts and decrypts connector secrets: {@code ENC(base64(iv || AES-256-GCM ciphertext))}. The key comes from
 * the environment variable {@value #KEY_VARIABLE} (base64 of 32 bytes) or, failing that, from a key file that is
 * created (readable by its owner only) the first time a secret is encrypted on this installation.
 */
final class SecretCodec {

    static final String KEY_VARIABLE = "CONFLUX_SECRET_KEY";
    private static final Pattern ENC = Pattern.compile("\\s*ENC\\(([A-Za-z0-9+/=]+)\\)\\s*");
    private static final int IV_BYTES = 12;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path keyFile;
    private final String keyFromEnvironment;
    private SecretKey key;

    SecretCodec(Path keyFile, String keyFromEnvironment) {
        this.keyFile = keyFile;
        this.keyFromEnvironment = keyFromEnvironment == null || keyFromEnvironment.isBlank() ? null : keyFromEnvironment;
    }

    static boolean isEncrypted(String value) {
        return value != null && ENC.matcher(value).matches();
    }

    /** Where the key comes from, for messages (never the key itself). */
    String keySource() {
        return keyFromEnvironment != null ? "environment variable " + KEY_VARIABLE : "key file " + keyFile;
    }

    String encrypt(String clear) {
        try {
            byte[] iv = new byte[IV_BYTES];
            RANDOM.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key(true), new GCMParameterSpec(128, iv));
            byte[] sealed = cipher.doFinal(clear.getBytes(StandardCharsets.UTF_8));
            byte[] out = new byte[iv.length + sealed.length];
            System.arraycopy(iv, 0, out, 0, iv.length);
            System.arraycopy(sealed, 0, out, iv.length, sealed.length);
            return "ENC(" + Base64.getEncoder().encodeToString(out) + ")";
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot encrypt: " + e.getMessage(), e);
        }
    }

    /** The clear text of an ENC(...) value; IllegalArgumentException (without the value) when it cannot be. */
    String decrypt(String value) {
        Matcher m = ENC.matcher(value);
        if (!m.matches()) {
            throw new IllegalArgumentException("not an encrypted value ENC(...)");
        }
        try {
            byte[] in = Base64.getDecoder().decode(m.group(1));
            if (in.length <= IV_BYTES) {
                throw new IllegalArgumentException("the encrypted value is truncated");
            }
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key(false), new GCMParameterSpec(128, in, 0, IV_BYTES));
            return new String(cipher.doFinal(in, IV_BYTES, in.length - IV_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("the encrypted value cannot be decrypted with this installation's key ("
                    + keySource() + "); encrypt it again here with conflux:secret-encrypt", e);
        }
    }

    private synchronized SecretKey key(boolean createIfMissing) throws GeneralSecurityException {
        if (key != null) {
            return key;
        }
        byte[] raw;
        try {
            if (keyFromEnvironment != null) {
                raw = Base64.getDecoder().decode(keyFromEnvironment.trim());
            } else if (Files.isRegularFile(keyFile)) {
                raw = Base64.getDecoder().decode(Files.readString(keyFile, StandardCharsets.US_ASCII).trim());
            } else if (createIfMissing) {
                raw = new byte[32];
                RANDOM.nextBytes(raw);
                writeKeyFile(raw);
            } else {
                throw new GeneralSecurityException("no key: " + keyFile + " does not exist and " + KEY_VARIABLE
                        + " is not set");
            }
        } catch (IOException | IllegalArgumentException e) {
            throw new GeneralSecurityException("the key (" + keySource() + ") cannot be read: " + e.getMessage(), e);
        }
        if (raw.length != 32) {
            throw new GeneralSecurityException("the key (" + keySource() + ") must be 32 bytes, base64-encoded");
        }
        key = new SecretKeySpec(raw, "AES");
        return key;
    }

    private void writeKeyFile(byte[] raw) throws IOException {
        Files.createDirectories(keyFile.toAbsolutePath().getParent());
        Path tmp = keyFile.resolveSibling(keyFile.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        try {
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(tmp);
        }
        Files.writeString(tmp, Base64.getEncoder().encodeToString(raw) + "\n", StandardCharsets.US_ASCII);
        Files.move(tmp, keyFile);
    }
}
