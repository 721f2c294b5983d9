package dev.conflux.security.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.Test;

public class PasswordsTest {

    @Test
    public void storedFormIsSaltedPbkdf2WithAtLeast210000Iterations() {
        String stored = Passwords.hash("correct horse");
        assertTrue(stored, stored.matches("\\{CRYPT\\}pbkdf2-sha512:\\d+:[A-Za-z0-9+/]{22}:[A-Za-z0-9+/]{86}\\{CRYPT\\}"));
        String[] parts = stored.substring(7, stored.length() - 7).split(":");
        assertTrue(Integer.parseInt(parts[1]) >= 210_000);
        assertEquals(16, Base64.getDecoder().decode(parts[2]).length);
        assertEquals(64, Base64.getDecoder().decode(parts[3]).length);
        assertNotEquals("a new salt each time", stored, Passwords.hash("correct horse"));
        assertFalse("nothing that splits users.properties values", stored.contains(","));
    }

    @Test
    public void matchesTheRightPasswordOnly() {
        String inner = Passwords.encode("s3cret");
        assertTrue(Passwords.matches("s3cret", inner));
        assertFalse(Passwords.matches("s3cret ", inner));
        assertFalse(Passwords.matches("", inner));
        assertFalse(Passwords.matches("s3cret", "pbkdf2-sha512:x:y:z"));
        assertFalse(Passwords.matches("s3cret", "s3cret"));
    }

    @Test
    public void theOldUnsaltedDigestIsStillAcceptedAndMarkedForUpgrade() throws Exception {
        String legacy = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-512")
                .digest("old-pass".getBytes(StandardCharsets.UTF_8)));
        assertTrue(Passwords.matches("old-pass", legacy));
        assertFalse(Passwords.matches("other", legacy));
        assertTrue(Passwords.needsUpgrade("{CRYPT}" + legacy + "{CRYPT}"));
        assertTrue("clear text", Passwords.needsUpgrade("old-pass"));
        assertFalse(Passwords.needsUpgrade(Passwords.hash("new-pass")));
        assertTrue("fewer iterations than now", Passwords.needsUpgrade("{CRYPT}pbkdf2-sha512:1000:AAAA:AAAA{CRYPT}"));
    }
}
