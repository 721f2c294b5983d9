package dev.conflux.tracing.internal;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The settings of {@code etc/conflux.tracing.cfg}. A missing or blank key takes its default; a bad value is reported
 * ({@code etc/conflux.tracing.cfg: <key> = <value>: <why>}) and the previous setting (or the default) is kept.
 */
public record TracingSettings(boolean enabled, Store store, Path embeddedDirectory, String jdbcUrl, String jdbcUser,
        String jdbcPassword, int retentionDays, long retentionMaxEvents, int retentionCheckSeconds, int bufferCapacity,
        int batchSize, int flushMillis) {

    public enum Store { EMBEDDED, POSTGRESQL }

    static final String FILE = "etc/conflux.tracing.cfg";

    /** The defaults, with the embedded store under {@code ${karaf.data}/conflux/traces}. */
    public static TracingSettings defaults() {
        return new TracingSettings(true, Store.EMBEDDED, defaultDirectory(), null, null, null, 7, 5_000_000, 60,
                10_000, 500, 200);
    }

    static Path defaultDirectory() {
        return Path.of(System.getProperty("karaf.data", "data"), "conflux", "traces");
    }

    /** True when the store must be reopened to apply {@code other}. */
    boolean sameStore(TracingSettings other) {
        return store == other.store && (store == Store.EMBEDDED ? embeddedDirectory.equals(other.embeddedDirectory)
                : jdbcUrl.equals(other.jdbcUrl) && eq(jdbcUser, other.jdbcUser) && eq(jdbcPassword, other.jdbcPassword));
    }

    private static boolean eq(String a, String b) {
        return a == null ? b == null : a.equals(b);
    }

    /**
     * Reads the properties; {@code previous} gives the value a bad setting falls back to, {@code problems} gets one
     * line per bad setting.
     */
    public static TracingSettings parse(Map<String, ?> props, TracingSettings previous, Consumer<String> problems) {
        TracingSettings d = defaults();
        Reader r = new Reader(props, problems);
        boolean enabled = r.read("enabled", previous.enabled, d.enabled, TracingSettings::bool, "true or false");
        Path dir = r.read("embedded.directory", previous.embeddedDirectory, d.embeddedDirectory, Path::of,
                "a directory");
        String url = r.text("jdbc.url");
        String user = r.text("jdbc.user");
        String password = r.text("jdbc.password");
        Store store = r.read("store", previous.store, d.store, TracingSettings::store, "embedded or postgresql");
        if (store == Store.POSTGRESQL && (url == null || !url.startsWith("jdbc:postgresql:"))) {
            problems.accept(FILE + ": jdbc.url = " + (url == null ? "" : url)
                    + ": store = postgresql needs a jdbc:postgresql://host:port/database URL; keeping store = "
                    + lower(previous.store));
            store = previous.store;
            if (store == Store.POSTGRESQL) {
                url = previous.jdbcUrl;
                user = previous.jdbcUser;
                password = previous.jdbcPassword;
            }
        }
        int days = r.read("retention.days", previous.retentionDays, d.retentionDays, v -> positiveInt(v, 1),
                "a whole number of days, 1 or more");
        long max = r.read("retention.maxEvents", previous.retentionMaxEvents, d.retentionMaxEvents,
                v -> positiveLong(v, 1000), "a whole number of events, 1000 or more");
        int check = r.read("retention.checkSeconds", previous.retentionCheckSeconds, d.retentionCheckSeconds,
                v -> positiveInt(v, 1), "a whole number of seconds, 1 or more");
        int capacity = r.read("buffer.capacity", previous.bufferCapacity, d.bufferCapacity, v -> positiveInt(v, 1),
                "a whole number of events, 1 or more");
        int batch = r.read("batch.size", previous.batchSize, d.batchSize, v -> boundedInt(v, 1, 10_000),
                "a whole number from 1 to 10000");
        int flush = r.read("flush.millis", previous.flushMillis, d.flushMillis, v -> boundedInt(v, 10, 60_000),
                "a whole number of milliseconds from 10 to 60000");
        return new TracingSettings(enabled, store, dir, url, user, password, days, max, check, capacity, batch, flush);
    }

    /** The store as the stats and the log name it, without credentials. */
    String storeText() {
        return store == Store.EMBEDDED ? "embedded (H2, " + embeddedDirectory.resolve("traces.mv.db") + ")"
                : "postgresql (" + jdbcUrl.replaceAll("\\?.*", "") + ")";
    }

    private static String lower(Store s) {
        return s.name().toLowerCase(Locale.ROOT);
    }

    private static Boolean bool(String v) {
        if ("true".equalsIgnoreCase(v) || "false".equalsIgnoreCase(v)) {
            return Boolean.valueOf(v);
        }
        throw new IllegalArgumentException();
    }

    private static Store store(String v) {
        return Store.valueOf(v.toUpperCase(Locale.ROOT));
    }

    private static Integer positiveInt(String v, int min) {
        return boundedInt(v, min, Integer.MAX_VALUE);
    }

    private static Integer boundedInt(String v, int min, int max) {
        int i = Integer.parseInt(v);
        if (i < min || i > max) {
            throw new IllegalArgumentException();
        }
        return i;
    }

    private static Long positiveLong(String v, long min) {
        long l = Long.parseLong(v);
        if (l < min) {
            throw new IllegalArgumentException();
        }
        return l;
    }

    private record Reader(Map<String, ?> props, Consumer<String> problems) {

        String text(String key) {
            Object v = props.get(key);
            return v == null || v.toString().isBlank() ? null : v.toString().trim();
        }

        <T> T read(String key, T previous, T fallback, Function<String, T> parser, String expected) {
            String v = text(key);
            if (v == null) {
                return fallback;
            }
            try {
                return parser.apply(v);
            } catch (RuntimeException e) {
                problems.accept(FILE + ": " + key + " = " + v + ": not " + expected + "; keeping "
                        + (previous instanceof Store s ? lower(s) : previous));
                return previous;
            }
        }
    }
}
