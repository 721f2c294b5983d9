package dev.conflux.serviceplane.auth;

import dev.conflux.serviceplane.api.ApiKeyInfo;
import dev.conflux.serviceplane.api.IssuedApiKey;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The API keys issued to consumers, kept in one owner-only properties file. A key is
 * {@code cfx_<id>_<secret>}: the id (12 hex digits) finds the entry, the secret is 256 random bits. Only the
 * SHA-256 of the whole key is stored: a key that random cannot be guessed from its hash, so a slow password hash
 * would add nothing but cost on every request.
 */
public final class ApiKeyStore {

    /** Consumer names: what the flow sees in its ConfluxConsumer header. */
    public static final Pattern CONSUMER_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{0,63}");
    private static final Pattern KEY = Pattern.compile("cfx_([0-9a-f]{12})_([A-Za-z0-9_-]{43})");
    /** Last-used times are written back at most this often per key (they are kept in memory in between). */
    private static final Duration LAST_USED_WRITE = Duration.ofMinutes(1);

    private final Path file;
    private final Clock clock;
    private final SecureRandom random;
    private final Map<String, Entry> entries = new LinkedHashMap<>();

    private static final class Entry {
        final String id;
        final String consumer;
        final Instant created;
        final Instant expires;
        final String sha256;
        Instant lastUsed;
        Instant lastUsedWritten;
        boolean revoked;

        Entry(String id, String consumer, Instant created, Instant expires, String sha256) {
            this.id = id;
            this.consumer = consumer;
            this.created = created;
            this.expires = expires;
            this.sha256 = sha256;
        }

        ApiKeyInfo info() {
            return new ApiKeyInfo(id, consumer, created, expires, lastUsed, revoked);
        }
    }

    /** What a presented key is: the consumer's key, or why it is refused (a sentence for the client). */
    public record Check(ApiKeyInfo key, String refusal) {
    }

    public ApiKeyStore(Path file, Clock clock, SecureRandom random) {
        this.file = file;
        this.clock = clock;
        this.random = random;
        load();
    }

    public synchronized IssuedApiKey create(String consumer, Instant expires) {
        if (consumer == null || !CONSUMER_NAME.matcher(consumer).matches()) {
            throw new IllegalArgumentException("'" + consumer + "' is not a valid consumer name: letters, digits and"
                    + " . _ @ -, at most 64, starting with a letter or digit");
        }
        Instant now = clock.instant();
        if (expires != null && !expires.isAfter(now)) {
            throw new IllegalArgumentException("the expiry " + expires + " is not in the future");
        }
        byte[] idBytes = new byte[6];
        String id;
        do {
            random.nextBytes(idBytes);
            id = HexFormat.of().formatHex(idBytes);
        } while (entries.containsKey(id));
        byte[] secretBytes = new byte[32];
        random.nextBytes(secretBytes);
        String key = "cfx_" + id + "_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secretBytes);
        Entry entry = new Entry(id, consumer, now, expires, sha256(key));
        entries.put(id, entry);
        try {
            save();
        } catch (RuntimeException e) {
            entries.remove(id);
            throw e;
        }
        return new IssuedApiKey(entry.info(), key);
    }

    public synchronized boolean revoke(String id) {
        Entry entry = entries.get(id);
        if (entry == null) {
            return false;
        }
        entry.revoked = true;
        save();
        return true;
    }

    public synchronized List<ApiKeyInfo> list() {
        return entries.values().stream().map(Entry::info)
                .sorted(Comparator.comparing(ApiKeyInfo::created).thenComparing(ApiKeyInfo::id)).toList();
    }

    /** The id a presented key claims, for brute-force accounting; null when it is not shaped like a key. */
    public static String idOf(String presented) {
        var m = presented == null ? null : KEY.matcher(presented.trim());
        return m != null && m.matches() ? m.group(1) : null;
    }

    /** Checks a presented key; a valid one has its last use recorded. */
    public synchronized Check check(String presented) {
        String id = idOf(presented);
        Entry entry = id == null ? null : entries.get(id);
        if (entry == null || !MessageDigest.isEqual(entry.sha256.getBytes(StandardCharsets.US_ASCII),
                sha256(presented.trim()).getBytes(StandardCharsets.US_ASCII))) {
            return new Check(null, "The API key is not valid.");
        }
        Instant now = clock.instant();
        if (entry.revoked) {
            return new Check(entry.info(), "The API key has been revoked.");
        }
        if (entry.expires != null && !now.isBefore(entry.expires)) {
            return new Check(entry.info(), "The API key expired at " + entry.expires + ".");
        }
        entry.lastUsed = now;
        if (entry.lastUsedWritten == null || Duration.between(entry.lastUsedWritten, now).compareTo(LAST_USED_WRITE) >= 0) {
            entry.lastUsedWritten = now;
            try {
                save();
            } catch (UncheckedIOException e) {
                // the last-used time is informative; a full disk must not refuse a valid key
            }
        }
        return new Check(entry.info(), null);
    }

    /** Writes every pending last-used time (on shutdown). */
    public synchronized void flush() {
        if (entries.values().stream().anyMatch(e -> e.lastUsed != null && !e.lastUsed.equals(e.lastUsedWritten))) {
            save();
        }
    }

    private void load() {
        if (!Files.exists(file)) {
            return;
        }
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the API keys in " + file, e);
        }
        for (String name : new TreeSet<>(p.stringPropertyNames())) {
            if (!name.endsWith(".consumer")) {
                continue;
            }
            String id = name.substring(0, name.length() - ".consumer".length());
            Entry e = new Entry(id, p.getProperty(name), instant(p.getProperty(id + ".created")),
                    instant(p.getProperty(id + ".expires")), p.getProperty(id + ".sha256", ""));
            e.lastUsed = instant(p.getProperty(id + ".lastUsed"));
            e.lastUsedWritten = e.lastUsed;
            e.revoked = Boolean.parseBoolean(p.getProperty(id + ".revoked"));
            entries.put(id, e);
        }
    }

    private static Instant instant(String value) {
        return value == null || value.isBlank() ? null : Instant.parse(value.trim());
    }

    /** Atomically, readable and writable by the owner only. */
    private void save() {
        List<String> lines = new ArrayList<>();
        lines.add("# Conflux API keys (conflux:apikey-create / -list / -revoke). Only each key's SHA-256 is kept.");
        for (Entry e : entries.values()) {
            lines.add(e.id + ".consumer = " + e.consumer);
            lines.add(e.id + ".created = " + e.created);
            lines.add(e.id + ".expires = " + (e.expires == null ? "" : e.expires));
            lines.add(e.id + ".lastUsed = " + (e.lastUsed == null ? "" : e.lastUsed));
            lines.add(e.id + ".revoked = " + e.revoked);
            lines.add(e.id + ".sha256 = " + e.sha256);
        }
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp");
            Files.deleteIfExists(tmp);
            if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            }
            try (Writer out = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                for (String line : lines) {
                    out.write(line);
                    out.write('\n');
                }
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the API keys to " + file + ": " + e.getMessage(), e);
        }
    }

    static String sha256(String key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
