package dev.conflux.security.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.util.Map;
import org.apache.karaf.jaas.modules.Encryption;
import org.junit.Test;

public class LoginSecurityServiceTest {

    final FakeClock clock = new FakeClock();
    final LoginSecurityService service = new LoginSecurityService(clock);

    @Test
    public void theRealmsPasswordCheckRemembersSuccessesOnly() {
        Encryption encryption = service.createEncryption(Map.of());
        String stored = encryption.encryptPassword("pw");
        assertFalse(encryption.checkPassword("wrong", stored));
        assertEquals("a failure is not remembered", 0, service.rememberedPasswords());
        assertTrue(encryption.checkPassword("pw", stored));
        assertEquals(1, service.rememberedPasswords());

        long start = System.nanoTime();
        assertTrue(service.createEncryption(Map.of()).checkPassword("pw", stored));
        assertTrue("the second check comes from memory",
                Duration.ofNanos(System.nanoTime() - start).compareTo(Duration.ofMillis(20)) < 0);
        assertFalse(encryption.checkPassword("wrong", stored));
    }

    @Test
    public void aLockoutForgetsEveryRememberedPassword() {
        Encryption encryption = service.createEncryption(Map.of());
        assertTrue(encryption.checkPassword("pw", encryption.encryptPassword("pw")));
        for (int i = 0; i < 4; i++) {
            service.failed("bob", "10.0.0.1", "ssh");
        }
        assertEquals(1, service.rememberedPasswords());
        assertNull(service.lockedUntil("bob", null));
        service.failed("bob", "10.0.0.1", "ssh");
        assertNotNull(service.lockedUntil("bob", null));
        assertEquals(0, service.rememberedPasswords());
        assertEquals(1, service.lockouts().size());
        assertTrue(service.unlock("bob"));
        assertNull(service.lockedUntil("bob", null));
    }

    @Test
    public void settingsAreValidatedAndAWrongFileChangesNothing() {
        service.configure(Map.of("lockout.account.failures", "2"));
        service.failed("bob", null, "ssh");
        service.failed("bob", null, "ssh");
        assertNotNull(service.lockedUntil("bob", null));

        service.configure(Map.of("lockout.account.failures", "many", "lockout.duration.minutes", "1"));
        service.failed("carol", null, "ssh");
        service.failed("carol", null, "ssh");
        assertNotNull("the threshold of 2 still holds", service.lockedUntil("carol", null));
        clock.advance(Duration.ofMinutes(2));
        assertNotNull("the 1-minute duration was not applied either", service.lockedUntil("carol", null));

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SecuritySettings.parse(Map.of("lockout.duration.minutes", "0")));
        assertEquals("etc/conflux.security.cfg: lockout.duration.minutes = '0' is not a whole number from 1 to 10080",
                e.getMessage());
        assertEquals(SecuritySettings.DEFAULTS, SecuritySettings.parse(Map.of()));
    }

    @Test
    public void userNamesAreMadeSafeForALogLine() {
        assertEquals("bob?FORGED LOGIN OK", LoginSecurityService.safe("bob\nFORGED LOGIN OK"));
        assertEquals("-", LoginSecurityService.safe(null));
        assertEquals(103, LoginSecurityService.safe("x".repeat(500)).length());
    }

    @Test
    public void clientAddressesLoseTheirPort() {
        assertEquals("127.0.0.1", LoginChannel.address("/127.0.0.1:40022"));
        assertEquals("10.0.0.7", LoginChannel.address("10.0.0.7:51234"));
        assertEquals("10.0.0.7", LoginChannel.address("10.0.0.7"));
        assertEquals("::1", LoginChannel.address("[::1]:40022"));
        assertEquals("fe80::1", LoginChannel.address("fe80::1"));
        assertNull(LoginChannel.address(" "));
    }
}
