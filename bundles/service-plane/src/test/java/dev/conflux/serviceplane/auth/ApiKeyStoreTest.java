package dev.conflux.serviceplane.auth;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import dev.conflux.serviceplane.api.ApiKeyInfo;
import dev.conflux.serviceplane.api.IssuedApiKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class ApiKeyStoreTest {

    @Rule
    public TemporaryFolder dir = new TemporaryFolder();

    private Instant now = Instant.parse("2026-03-01T10:00:00Z");
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };

    private ApiKeyStore store(Path file) {
        return new ApiKeyStore(file, clock, new SecureRandom());
    }

    @Test
    public void anIssuedKeyIsAcceptedUntilRevokedAndOnlyItsHashIsKeptOwnerOnly() throws Exception {
        Path file = dir.getRoot().toPath().resolve("conflux-apikeys.properties");
        ApiKeyStore store = store(file);
        IssuedApiKey issued = store.create("shop", null);
        assertTrue(issued.secret(), issued.secret().matches("cfx_[0-9a-f]{12}_[A-Za-z0-9_-]{43}"));
        assertEquals(issued.info().id(), ApiKeyStore.idOf(issued.secret()));

        ApiKeyStore.Check ok = store.check(issued.secret());
        assertNull(ok.refusal());
        assertEquals("shop", ok.key().consumer());
        assertEquals(now, store.list().get(0).lastUsed());

        String stored = Files.readString(file);
        assertFalse(stored, stored.contains(issued.secret().substring(17)));
        assertTrue(stored, stored.contains(ApiKeyStore.sha256(issued.secret())));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));

        assertTrue(store.revoke(issued.info().id()));
        assertFalse(store.revoke("000000000000"));
        assertEquals("The API key has been revoked.", store.check(issued.secret()).refusal());

        // Survives a restart: the revoked key stays revoked and listed.
        ApiKeyStore reloaded = store(file);
        List<ApiKeyInfo> keys = reloaded.list();
        assertEquals(1, keys.size());
        assertTrue(keys.get(0).revoked());
        assertEquals("The API key has been revoked.", reloaded.check(issued.secret()).refusal());
    }

    @Test
    public void wrongTamperedAndExpiredKeysAreRefused() {
        ApiKeyStore store = store(dir.getRoot().toPath().resolve("keys.properties"));
        IssuedApiKey issued = store.create("billing", now.plus(Duration.ofDays(1)));
        String tampered = issued.secret().substring(0, issued.secret().length() - 1)
                + (issued.secret().endsWith("A") ? "B" : "A");
        assertEquals("The API key is not valid.", store.check(tampered).refusal());
        assertEquals("The API key is not valid.", store.check("not a key").refusal());
        assertEquals("The API key is not valid.", store.check("cfx_000000000000_" + "a".repeat(43)).refusal());
        assertNull(store.check(issued.secret()).refusal());
        now = now.plus(Duration.ofDays(1));
        assertTrue(store.check(issued.secret()).refusal().startsWith("The API key expired at "));
    }

    @Test
    public void twoKeysDifferAndBadConsumersOrPastExpiriesAreRefused() {
        ApiKeyStore store = store(dir.getRoot().toPath().resolve("keys.properties"));
        assertNotEquals(store.create("a", null).secret(), store.create("a", null).secret());
        assertThrows(IllegalArgumentException.class, () -> store.create("bad name", null));
        assertThrows(IllegalArgumentException.class, () -> store.create("", null));
        assertThrows(IllegalArgumentException.class, () -> store.create("shop", now.minusSeconds(1)));
        assertEquals(2, store.list().size());
    }
}
