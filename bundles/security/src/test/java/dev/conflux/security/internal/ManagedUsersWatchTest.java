package dev.conflux.security.internal;

import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class ManagedUsersWatchTest {

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    static final String ADMIN = "admin = {CRYPT}a{CRYPT},_g_:admingroup";
    static final String RUNTIME = "conflux-runtime = {CRYPT}new{CRYPT},_g_:servicegroup";

    @Test
    public void aStaleRewriteThatDropsConfluxsUsersIsRepaired() throws Exception {
        Path users = tmp.newFile("users.properties").toPath();
        Files.write(users, List.of("anna = clear,_g_:viewers", ADMIN, RUNTIME));
        try (ManagedUsersWatch watch = new ManagedUsersWatch(users, Map.of("admin", ADMIN),
                Map.of("conflux-runtime", RUNTIME), Duration.ofSeconds(20))) {
            // What Karaf's auto-encryption writes from what it read before: anna hashed, our lines old or gone.
            Files.write(users, List.of("anna = {CRYPT}h{CRYPT},_g_:viewers",
                    "conflux-runtime = {CRYPT}old{CRYPT},_g_:servicegroup"));
            long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
            String content = Files.readString(users);
            while (!(content.contains(ADMIN) && content.contains(RUNTIME)) && System.nanoTime() < deadline) {
                Thread.sleep(50); // polling the file the watch repairs, with a deadline
                content = Files.readString(users);
            }
            assertTrue(content, content.contains(ADMIN));
            assertTrue(content, content.contains(RUNTIME));
            assertFalse(content, content.contains("{CRYPT}old{CRYPT}"));
            assertTrue("the other user's line kept", content.contains("anna = {CRYPT}h{CRYPT}"));
            assertTrue("settled: nothing left for Karaf to rewrite", watch.settled());
        }
    }

    @Test
    public void clearTextPasswordsAreNotSettledYetButGroupsAndCommentsDoNotCount() throws Exception {
        Path users = tmp.newFile("u.properties").toPath();
        Files.write(users, List.of("# a comment", "_g_\\:viewers = group,viewer", ADMIN, RUNTIME));
        UsersFile file = UsersFile.load(users);
        assertFalse(file.hasClearTextPasswords("{CRYPT}"));
        Files.write(users, List.of(ADMIN, "bob = plain,_g_:viewers"));
        assertTrue(UsersFile.load(users).hasClearTextPasswords("{CRYPT}"));
    }
}
