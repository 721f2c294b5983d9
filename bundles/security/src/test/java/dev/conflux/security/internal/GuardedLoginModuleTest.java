package dev.conflux.security.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import javax.security.auth.Subject;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.CallbackHandler;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.PasswordCallback;
import javax.security.auth.login.LoginException;
import org.apache.karaf.jaas.boot.principal.ClientPrincipal;
import org.apache.karaf.jaas.boot.principal.UserPrincipal;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** The guarded module with Karaf's real properties module behind it (clear-text passwords: no encryption service here). */
public class GuardedLoginModuleTest {

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    final FakeClock clock = new FakeClock();
    final LoginSecurityService guard = new LoginSecurityService(clock);

    @Test
    public void twentyWrongPasswordsLockTheAccountUntilUnlockedWithoutCheckingThePassword() throws Exception {
        Path users = users("bob = right,_g_:viewers", "alice = hers,_g_:viewers");
        for (int i = 0; i < 20; i++) {
            assertThrows(LoginException.class, () -> login(users, "bob", "wrong", null));
        }
        AtomicInteger asked = new AtomicInteger();
        LoginException refused = assertThrows(LoginException.class, () -> login(users, "bob", "right", asked));
        assertEquals("Too many failed logins: try again later", refused.getMessage());
        assertEquals("the credentials were read once, by the guard", 1, asked.get());
        assertEquals(1, guard.lockouts().size());
        assertEquals("5 counted: attempts refused while locked are not", 5, guard.lockouts().get(0).failures());

        Subject alice = login(users, "alice", "hers", null);
        assertTrue("another account is not affected",
                alice.getPrincipals(UserPrincipal.class).stream().anyMatch(p -> p.getName().equals("alice")));

        assertTrue(guard.unlock("bob"));
        assertFalse(login(users, "bob", "right", null).getPrincipals(UserPrincipal.class).isEmpty());
    }

    @Test
    public void anOldDigestIsRewrittenAsPbkdf2AfterASuccessfulLogin() throws Exception {
        String legacy = "{CRYPT}" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-512")
                .digest("old".getBytes(StandardCharsets.UTF_8))) + "{CRYPT}";
        Path users = users("# kept", "carol = " + legacy + ",_g_:operators");
        assertTrue(UsersFile.upgradePassword(users, "carol", Passwords::needsUpgrade, () -> Passwords.hash("old")));
        List<String> lines = Files.readAllLines(users);
        assertEquals("# kept", lines.get(0));
        assertTrue(lines.get(1), lines.get(1).matches("carol = \\{CRYPT\\}pbkdf2-sha512:210000:[^,]+\\{CRYPT\\},_g_:operators"));
        String inner = lines.get(1).substring(lines.get(1).indexOf("{CRYPT}") + 7, lines.get(1).lastIndexOf("{CRYPT}"));
        assertTrue(Passwords.matches("old", inner));
        assertFalse("already current: left alone",
                UsersFile.upgradePassword(users, "carol", Passwords::needsUpgrade, () -> Passwords.hash("old")));
    }

    private Path users(String... lines) throws Exception {
        Path users = tmp.newFile("users.properties").toPath();
        Files.write(users, List.of(lines));
        return users;
    }

    private Subject login(Path users, String user, String password, AtomicInteger asked) throws LoginException {
        Subject subject = new Subject();
        subject.getPrincipals().add(new ClientPrincipal("ssh", "/127.0.0.1:40022"));
        GuardedLoginModule module = new GuardedLoginModule();
        CallbackHandler handler = callbacks -> {
            if (asked != null) {
                asked.incrementAndGet();
            }
            for (Callback c : callbacks) {
                if (c instanceof NameCallback n) {
                    n.setName(user);
                } else if (c instanceof PasswordCallback p) {
                    p.setPassword(password.toCharArray());
                }
            }
        };
        module.initialize(subject, handler, new HashMap<>(), Map.of("users", users.toString(),
                GuardedLoginModule.GUARD, guard, "encryption.enabled", "false"));
        try {
            module.login();
            module.commit();
        } catch (LoginException e) {
            module.abort();
            throw e;
        }
        return subject;
    }
}
