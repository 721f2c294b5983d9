package dev.conflux.security.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class SecurityBootstrapTest {

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    @Test
    public void nodesOfAClusterDeriveTheSameServicePasswordFromTheirSecretAndNeverUseTheSecretItself() {
        String a = SecurityBootstrap.servicePassword("shared-secret-of-the-cluster");
        String b = SecurityBootstrap.servicePassword("shared-secret-of-the-cluster");
        assertEquals("every node of the cluster derives the same password", a, b);
        assertFalse("the secret itself is not the password", a.contains("shared-secret"));
        assertTrue("a strong password: " + a, a.length() >= 40);
        assertFalse("another cluster's secret gives another password",
                a.equals(SecurityBootstrap.servicePassword("another-cluster")));
        assertFalse("alone, a fresh random password each start",
                SecurityBootstrap.servicePassword(null).equals(SecurityBootstrap.servicePassword("")));
    }

    @Test
    public void generatedAdminPasswordIsPrintedOnceAndStoredOnlyHashed() throws Exception {
        Path users = tmp.newFile("users.properties").toPath();
        Files.write(users, List.of("# comment kept", "_g_\\:admingroup = group,admin,manager,viewer,systembus,ssh"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        assertTrue(SecurityBootstrap.bootstrap(users, null, "svc-secret", new PrintStream(out, true, StandardCharsets.UTF_8)));

        String printed = out.toString(StandardCharsets.UTF_8);
        String password = printed.lines().map(String::trim).filter(l -> l.matches("[A-Za-z0-9]{20}")).findFirst()
                .orElseThrow(() -> new AssertionError("no generated password printed:\n" + printed));
        String content = Files.readString(users, StandardCharsets.ISO_8859_1);
        assertFalse("clear password stored", content.contains(password));
        assertFalse("clear service password stored", content.contains("svc-secret"));
        assertTrue(Passwords.matches(password, stored(content, "admin")));
        assertTrue(content, content.contains(",_g_:admingroup"));
        assertTrue(Passwords.matches("svc-secret", stored(content, "conflux-runtime")));
        assertTrue(content, content.contains(",_g_:servicegroup"));
        assertTrue(content.startsWith("# comment kept"));

        // second start: admin untouched, nothing printed, service password rotated
        String adminLine = content.lines().filter(l -> l.startsWith("admin =")).findFirst().get();
        ByteArrayOutputStream out2 = new ByteArrayOutputStream();
        assertFalse(SecurityBootstrap.bootstrap(users, "ignored-now", "svc-2", new PrintStream(out2, true, StandardCharsets.UTF_8)));
        assertEquals("", out2.toString(StandardCharsets.UTF_8));
        String content2 = Files.readString(users, StandardCharsets.ISO_8859_1);
        assertTrue(content2.contains(adminLine));
        assertTrue(Passwords.matches("svc-2", stored(content2, "conflux-runtime")));
        assertEquals(1, content2.lines().filter(l -> l.startsWith("conflux-runtime")).count());
    }

    @Test
    public void configuredAdminPasswordIsUsedAndNotPrinted() throws Exception {
        Path users = tmp.newFile("users.properties").toPath();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SecurityBootstrap.bootstrap(users, "s3cret-Given", "svc", new PrintStream(out, true, StandardCharsets.UTF_8));
        assertEquals("", out.toString(StandardCharsets.UTF_8));
        assertTrue(Passwords.matches("s3cret-Given", stored(Files.readString(users), "admin")));
    }

    /** The stored password of a user, without the {CRYPT} marks; it must be in the PBKDF2 form. */
    private static String stored(String content, String user) {
        String line = content.lines().filter(l -> l.startsWith(user + " = ")).findFirst()
                .orElseThrow(() -> new AssertionError("no " + user + " in\n" + content));
        String value = line.substring(line.indexOf('=') + 1).strip();
        String password = value.substring(0, value.indexOf(','));
        assertTrue(password, password.matches("\\{CRYPT\\}pbkdf2-sha512:210000:[^:]+:[^:]+\\{CRYPT\\}"));
        return password.substring(7, password.length() - 7);
    }

    @Test
    public void thePasswordTheLauncherHandedOverIsReadOnceAndItsFileDeleted() throws Exception {
        Path file = tmp.newFolder("security").toPath().resolve("admin.password");
        Files.writeString(file, "from-launcher\n");
        assertEquals("from-launcher", SecurityBootstrap.takeHandedOver(file));
        assertFalse(Files.exists(file));
        assertEquals(null, SecurityBootstrap.takeHandedOver(file));
    }

    @Test
    public void secretFilesBecomeOwnerOnly() throws Exception {
        Path etc = tmp.newFolder("etc").toPath();
        Path keys = Files.writeString(etc.resolve("keys.properties"), "# keys");
        Files.setPosixFilePermissions(keys, PosixFilePermissions.fromString("rw-r--r--"));
        SecurityBootstrap.ownerOnly(etc, SecurityBootstrap.SECRET_FILES);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(keys)));
    }

    @Test
    public void anEnvironmentThatForbidsGeneratedPasswordsRefusesToStartWithoutOne() throws Exception {
        Path users = Files.createTempFile("users", ".properties");
        try {
            IllegalStateException refused = assertThrows(IllegalStateException.class,
                    () -> SecurityBootstrap.bootstrap(users, null, false, "service-secret", System.out));
            assertTrue(refused.getMessage(), refused.getMessage().contains("CONFLUX_ADMIN_PASSWORD"));
            assertTrue(SecurityBootstrap.bootstrap(users, "given-password", false, "service-secret", System.out));
        } finally {
            Files.deleteIfExists(users);
        }
    }
}
