package dev.conflux.trust.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import dev.conflux.trust.api.TrustReport.Certificate;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class CertificateReaderTest {

    @ClassRule
    public static final TemporaryFolder DIR = new TemporaryFolder();

    static final String PASSWORD = "store-secret-42";
    static Path shortLived;
    static Path longLived;

    @BeforeClass
    public static void makeKeystores() throws Exception {
        shortLived = DIR.getRoot().toPath().resolve("short.p12");
        Keytool.selfSigned(shortLived, PASSWORD, "CN=short.conflux.test,O=Conflux", 20);
        longLived = DIR.getRoot().toPath().resolve("long.p12");
        Keytool.selfSigned(longLived, PASSWORD, "CN=long.conflux.test,O=Conflux", 400);
    }

    static StoreRef ref(Path path, String password, String usedBy) {
        return new StoreRef(path, "PKCS12", password == null ? null : password.toCharArray(), "a test setting",
                "keystore", usedBy);
    }

    @Test
    public void listsSubjectIssuerExpiryAndFlagsWhatExpiresWithin30Days() {
        List<Certificate> certificates = new CertificateReader(Clock.systemUTC())
                .read(List.of(ref(shortLived, PASSWORD, "service plane"), ref(longLived, PASSWORD, "broker")));
        assertEquals(2, certificates.size());
        Certificate soon = certificates.get(0);
        assertEquals("CN=short.conflux.test,O=Conflux", soon.subject());
        assertEquals("self-signed: issuer is the subject", soon.subject(), soon.issuer());
        assertEquals("server", soon.alias());
        assertEquals("service plane", soon.usedBy());
        assertTrue("20 days of validity: " + soon.daysLeft(), soon.daysLeft() >= 19 && soon.daysLeft() <= 20);
        assertTrue(soon.expiresSoon());
        assertNull(soon.problem());
        Certificate later = certificates.get(1);
        assertFalse(later.expiresSoon());
        assertTrue(later.daysLeft() >= 399);
    }

    @Test
    public void anExpiredCertificateHasNegativeDaysLeft() {
        Clock in30Days = Clock.fixed(Instant.now().plus(Duration.ofDays(30)), ZoneOffset.UTC);
        Certificate expired = new CertificateReader(in30Days).read(List.of(ref(shortLived, PASSWORD, "x"))).get(0);
        assertTrue(String.valueOf(expired.daysLeft()), expired.daysLeft() < 0);
        assertTrue(expired.expiresSoon());
    }

    @Test
    public void aStoreSeveralListenersUseIsReadOnceAndNamesThemAll() {
        List<Certificate> certificates = new CertificateReader(Clock.systemUTC()).read(List.of(
                ref(longLived, null, "broker acceptor core"), ref(longLived, PASSWORD, "management HTTPS")));
        assertEquals(1, certificates.size());
        assertEquals("the password of either use opens it", null, certificates.get(0).problem());
        assertEquals("broker acceptor core, management HTTPS", certificates.get(0).usedBy());
    }

    @Test
    public void aWrongOrMissingPasswordSaysWhereThePasswordComesFromAndNeverShowsIt() {
        Certificate wrong = new CertificateReader(Clock.systemUTC())
                .read(List.of(ref(shortLived, "not-" + PASSWORD, "service plane"))).get(0);
        assertEquals("cannot be opened: password wrong (from a test setting)", wrong.problem());
        assertFalse(wrong.toString().contains(PASSWORD));
        Certificate missing = new CertificateReader(Clock.systemUTC())
                .read(List.of(ref(shortLived, null, "service plane"))).get(0);
        assertTrue(missing.problem(), missing.problem().startsWith("cannot be opened: password missing"));
    }

    @Test
    public void aMissingOrBrokenFileIsReportedNotThrown() throws Exception {
        Certificate gone = new CertificateReader(Clock.systemUTC())
                .read(List.of(ref(DIR.getRoot().toPath().resolve("nope.p12"), PASSWORD, "x"))).get(0);
        assertEquals("file not found", gone.problem());
        Path garbage = DIR.newFile("garbage.p12").toPath();
        Files.writeString(garbage, "not a keystore");
        Certificate broken = new CertificateReader(Clock.systemUTC()).read(List.of(ref(garbage, PASSWORD, "x"))).get(0);
        assertTrue(broken.problem(), broken.problem().startsWith("cannot be"));
    }
}
