package dev.conflux.security.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Line-preserving editor for Karaf's {@code etc/users.properties}: comments, groups and users that
 * an administrator added by hand are kept as they are; only the lines of the users we manage change.
 */
final class UsersFile {

    private final Path path;
    private final List<String> lines;

    private UsersFile(Path path, List<String> lines) {
        this.path = path;
        this.lines = lines;
    }

    static UsersFile load(Path path) throws IOException {
        if (!Files.exists(path)) {
            return new UsersFile(path, new ArrayList<>());
        }
        // Karaf rewrites the file in place: never take a half-written file for the whole (it would be saved so).
        for (int attempt = 0; ; attempt++) {
            String content = Files.readString(path, StandardCharsets.ISO_8859_1);
            if (content.isEmpty() || content.endsWith("\n") || attempt >= 1000) {
                return new UsersFile(path, new ArrayList<>(content.lines().toList()));
            }
            Thread.onSpinWait();
        }
    }

    boolean hasUser(String user) {
        return indexOf(user) >= 0;
    }

    /** The user's whole line, or null. */
    String line(String user) {
        int i = indexOf(user);
        return i < 0 ? null : lines.get(i);
    }

    /** Puts {@code line} back for {@code user} when missing (or, with {@code whenDifferent}, different); true if it did. */
    boolean restoreLine(String user, String line, boolean whenDifferent) {
        int i = indexOf(user);
        if (i < 0) {
            lines.add(line);
            return true;
        }
        if (whenDifferent && !sameEntry(lines.get(i), line)) {
            lines.set(i, line);
            return true;
        }
        return false;
    }

    /** Whether a user (not a group) has a password not marked as hashed. */
    boolean hasClearTextPasswords(String mark) {
        for (String l : lines) {
            Matcher m = ENTRY.matcher(l);
            String t = l.strip();
            if (t.isEmpty() || t.startsWith("#") || t.startsWith("!") || t.startsWith("_g_") || !m.matches()) {
                continue;
            }
            if (!m.group(2).strip().startsWith(mark)) {
                return true;
            }
        }
        return false;
    }

    /** Same user, password and groups, whatever the spacing Karaf's rewrite gave the line. */
    private static boolean sameEntry(String a, String b) {
        return a.replaceAll("\\s", "").replace("\\:", ":").equals(b.replaceAll("\\s", "").replace("\\:", ":"));
    }

    /** Sets (or adds) {@code user = passwordHash,groupsAndRoles}. */
    void setUser(String user, String passwordHash, String groupsAndRoles) {
        String line = user + " = " + passwordHash + "," + groupsAndRoles;
        int i = indexOf(user);
        if (i >= 0) {
            lines.set(i, line);
        } else {
            lines.add(line);
        }
    }

    /**
     * Replaces the stored password of {@code user} with {@code replacement} when {@code outdated} says so, keeping its
     * groups and roles and every other line; returns whether it did. Serialised with every other upgrade.
     */
    static synchronized boolean upgradePassword(Path path, String user, Predicate<String> outdated,
            Supplier<String> replacement) throws IOException {
        if (!Files.exists(path)) {
            return false;
        }
        UsersFile file = load(path);
        int i = file.indexOf(user);
        if (i < 0) {
            return false;
        }
        Matcher m = ENTRY.matcher(file.lines.get(i));
        if (!m.matches() || !outdated.test(m.group(2).strip())) {
            return false;
        }
        file.lines.set(i, m.group(1) + replacement.get() + (m.group(3) == null ? "" : m.group(3)));
        file.save();
        return true;
    }

    /** Stored password of a line ({@code user = password,group,...}): group 2; what precedes and follows it: 1, 3. */
    private static final Pattern ENTRY = Pattern.compile("^(\\s*[^=:\\s]+\\s*[=:]\\s*)([^,]*)(,.*)?$");

    /** Writes atomically, readable by the owner only: the file holds password hashes. */
    void save() throws IOException {
        Path tmp = path.resolveSibling(path.getFileName() + ".tmp");
        Files.write(tmp, lines, StandardCharsets.ISO_8859_1);
        try {
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            // Windows: the installation directory's ACL applies.
        }
        Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private int indexOf(String user) {
        Pattern p = Pattern.compile("^\\s*" + Pattern.quote(user) + "\\s*[=:].*");
        for (int i = 0; i < lines.size(); i++) {
            if (p.matcher(lines.get(i)).matches()) {
                return i;
            }
        }
        return -1;
    }
}
