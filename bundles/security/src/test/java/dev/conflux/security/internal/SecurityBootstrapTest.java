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
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class SecurityBootstrapTest {

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

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
        assertTrue(content.contains("admin = {CRYPT}" + sha512(password) + "{CRYPT},_g_:admingroup"));
        assertTrue(content.contains("conflux-runtime = {CRYPT}" + sha512("svc-secret") + "{CRYPT},_g_:servicegroup"));
        assertTrue(content.startsWith("# comment kept"));

        // second start: admin untouched, nothing printed, service password rotated
        String adminLine = content.lines().filter(l -> l.startsWith("admin =")).findFirst().get();
        ByteArrayOutputStream out2 = new ByteArrayOutputStream();
        assertFalse(SecurityBootstrap.bootstrap(users, "ignored-now", "svc-2", new PrintStream(out2, true, StandardCharsets.UTF_8)));
        assertEquals("", out2.toString(StandardCharsets.UTF_8));
        String content2 = Files.readString(users, StandardCharsets.ISO_8859_1);
        assertTrue(content2.contains(adminLine));
        assertTrue(content2.contains(sha512("svc-2")));
        assertEquals(1, content2.lines().filter(l -> l.startsWith("conflux-runtime")).count());
    }

    @Test
    public void configuredAdminPasswordIsUsedAndNotPrinted() throws Exception {
        Path users = tmp.newFile("users.properties").toPath();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SecurityBootstrap.bootstrap(users, "s3cret-Given", "svc", new PrintStream(out, true, StandardCharsets.UTF_8));
        assertEquals("", out.toString(StandardCharsets.UTF_8));
        assertTrue(Files.readString(users).contains("admin = {CRYPT}" + sha512("s3cret-Given") + "{CRYPT}"));
    }

    private static String sha512(String s) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-512").digest(s.getBytes(StandardCharsets.UTF_8)));
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
