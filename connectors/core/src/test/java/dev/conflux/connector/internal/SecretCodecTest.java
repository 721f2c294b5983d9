package dev.conflux.connector.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import org.junit.Test;

public class SecretCodecTest {

    @Test
    public void roundTripsWithAKeyFileCreatedForTheOwnerOnly() throws Exception {
        Path dir = Files.createTempDirectory("secrets");
        Path keyFile = dir.resolve("conflux-secret.key");
        SecretCodec codec = new SecretCodec(keyFile, null);
        String a = codec.encrypt("s3cret");
        String b = codec.encrypt("s3cret");
        assertTrue(a, SecretCodec.isEncrypted(a));
        assertFalse(a.contains("s3cret"));
        assertNotEquals("a fresh IV each time", a, b);
        assertEquals("s3cret", new SecretCodec(keyFile, null).decrypt(a));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile)));
    }

    @Test
    public void anotherInstallationsKeyCannotDecryptAndSaysSo() throws Exception {
        String env = Base64.getEncoder().encodeToString(new byte[32]);
        String sealed = new SecretCodec(Path.of("unused"), env).encrypt("s3cret");
        SecretCodec other = new SecretCodec(Files.createTempDirectory("other").resolve("k"), null);
        other.encrypt("creates the key");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> other.decrypt(sealed));
        assertTrue(e.getMessage(), e.getMessage().contains("cannot be decrypted with this installation's key"));
        assertFalse(e.getMessage().contains("s3cret"));
    }
}
