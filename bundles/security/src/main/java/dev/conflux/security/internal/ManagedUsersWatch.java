package dev.conflux.security.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the users.properties lines of the users Conflux manages while the file settles after a start. Karaf hashes
 * clear-text passwords in that file by itself (its auto-encryption), rewriting the whole file from what it read
 * before; when that overlaps Conflux's own first write, Conflux's lines would be lost (the internal account's fresh
 * password, the first admin). This watch puts them back within milliseconds: a missing line always, the internal
 * account's line also when it differs. Karaf may rewrite from a stale copy more than once (once per password it
 * hashes, and again if its configuration is reloaded meanwhile), so the watch lasts until its deadline or until closed.
 */
final class ManagedUsersWatch implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ManagedUsersWatch.class);

    private final Path users;
    private final Map<String, String> mustExist;
    private final Map<String, String> mustEqual;
    private final WatchService watch;
    private final Thread thread;

    /**
     * @param mustExist lines (by user) to put back when the user's line is missing
     * @param mustEqual lines (by user) to put back when the user's line is missing or different
     */
    ManagedUsersWatch(Path users, Map<String, String> mustExist, Map<String, String> mustEqual, Duration deadline)
            throws IOException {
        this.users = users;
        this.mustExist = mustExist;
        this.mustEqual = mustEqual;
        this.watch = FileSystems.getDefault().newWatchService();
        users.toAbsolutePath().getParent().register(watch, StandardWatchEventKinds.ENTRY_CREATE,
                StandardWatchEventKinds.ENTRY_MODIFY);
        this.thread = new Thread(() -> run(deadline), "conflux-users-watch");
        thread.setDaemon(true);
        thread.start();
    }

    private void run(Duration deadline) {
        long end = System.nanoTime() + deadline.toNanos();
        try {
            while (true) {
                settled();
                long left = end - System.nanoTime();
                WatchKey key = left > 0 ? watch.poll(left, TimeUnit.NANOSECONDS) : null;
                if (key == null) {
                    return; // deadline
                }
                key.pollEvents();
                key.reset();
            }
        } catch (InterruptedException | ClosedWatchServiceException stopped) {
            Thread.currentThread().interrupt();
        } catch (IOException | RuntimeException e) {
            LOG.warn("Stopped watching {}: {}", users, e.toString());
        } finally {
            close();
        }
    }

    /** Puts back what is missing; true when nothing was and no clear-text password is left (Karaf has nothing to hash). */
    boolean settled() throws IOException {
        synchronized (UsersFile.class) {
            if (!Files.exists(users) || Files.size(users) == 0
                    || !Files.readString(users, StandardCharsets.ISO_8859_1).endsWith("\n")) {
                return false; // being rewritten (truncated, not yet written): wait for the write's own event
            }
            UsersFile file = UsersFile.load(users);
            boolean restored = false;
            for (Map.Entry<String, String> e : mustExist.entrySet()) {
                restored |= file.restoreLine(e.getKey(), e.getValue(), false);
            }
            for (Map.Entry<String, String> e : mustEqual.entrySet()) {
                restored |= file.restoreLine(e.getKey(), e.getValue(), true);
            }
            if (restored) {
                file.save();
                LOG.warn("{} was rewritten without Conflux's own users (Karaf hashing clear-text passwords at the same"
                        + " time): put them back", users);
            }
            return !restored && !file.hasClearTextPasswords(Passwords.MARK);
        }
    }

    @Override
    public void close() {
        try {
            watch.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }
}
