package dev.conflux.benchmarks;

import dev.conflux.tracing.api.Hop;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

/**
 * Cases TRACE_SEARCH and TRACE_STORE: the embedded trace store filled with the hops of sample-flow orders
 * ({@link SampleOrderHops}, 6 a message, spread over the default retention of 7 days), written in batches of
 * {@value #BATCH} as the recorder's writer does. TRACE_SEARCH times {@code conflux:trace KEY}'s lookups for random
 * existing keys over at least a million hops; TRACE_STORE measures the store's size on disk for 100,000 orders.
 * Neither needs the container: the store is opened in this JVM ({@link HopStore}).
 */
final class TraceStoreBench {

    static final int BATCH = 500;
    static final long EVENTS = Long.getLong("bench.traceEvents", 1_000_000);
    static final int SEARCHES = Integer.getInteger("bench.traceSearches", 500);
    static final int WARMUP_SEARCHES = 50;
    static final int STORE_MESSAGES = Integer.getInteger("bench.traceMessages", 100_000);
    static final Duration RETENTION = Duration.ofDays(7);

    private final Benchmarks bench;

    TraceStoreBench(Benchmarks bench) {
        this.bench = bench;
    }

    void search() throws Exception {
        Path dir = fresh("trace-search");
        long messages = (EVENTS + SampleOrderHops.PER_MESSAGE - 1) / SampleOrderHops.PER_MESSAGE;
        String store;
        Written written;
        long[] latencies = new long[SEARCHES];
        try (HopStore hops = open(dir)) {
            store = hops.describe();
            written = fill(hops, messages);
            ThreadLocalRandom random = ThreadLocalRandom.current();
            for (int i = -WARMUP_SEARCHES; i < SEARCHES; i++) {
                String key = SampleOrderHops.key(random.nextLong(1, messages + 1));
                long t0 = System.nanoTime();
                int found = hops.find(key);
                long took = System.nanoTime() - t0;
                if (found != SampleOrderHops.PER_MESSAGE) {
                    throw new IllegalStateException("search " + key + " found " + found + " hops, not "
                            + SampleOrderHops.PER_MESSAGE);
                }
                if (i >= 0) {
                    latencies[i] = took;
                }
            }
        }
        Stats stats = Stats.of(SEARCHES, 0, latencies, 0, 0);
        long bytes = size(dir);
        bench.results.single("TS", String.format(Locale.ROOT, "%d searches by random existing business key over %,d stored"
                + " hops (%,d orders)", SEARCHES, written.hops(), messages), "newest trace of the key, every hop",
                "ms", stats.p95(), stats, String.format(Locale.ROOT, "%s; value = p95 (goal < 200 ms); store %.1f MiB,"
                + " %.0f bytes/hop; filled in %.0f s", store, bytes / 1048576.0, (double) bytes / written.hops(),
                written.seconds()));
    }

    void growth() throws Exception {
        Path dir = fresh("trace-store");
        String store;
        Written written;
        long whileOpen;
        try (HopStore hops = open(dir)) {
            store = hops.describe();
            written = fill(hops, STORE_MESSAGES);
            whileOpen = size(dir);
        }
        long bytes = size(dir);
        long compacted = compact(dir);
        String work = String.format(Locale.ROOT, "%,d sample-flow orders, %d hops each (%,d hops), batches of %d",
                STORE_MESSAGES, SampleOrderHops.PER_MESSAGE, written.hops(), BATCH);
        String notes = String.format(Locale.ROOT, "%s; files of the closed database (while open: %.1f MiB; after"
                + " SHUTDOWN COMPACT: %.1f MiB)", store, whileOpen / 1048576.0, compacted / 1048576.0);
        bench.results.single("TG", work, "store bytes per hop, as written", "B", (double) bytes / written.hops(), null, notes);
        bench.results.single("TG", work, "store bytes per hop, compacted", "B", (double) compacted / written.hops(), null,
                notes);
        bench.results.single("TG", work, "store size for " + STORE_MESSAGES + " orders, as written", "MiB", bytes / 1048576.0,
                null, notes);
        bench.results.single("TW", work, "hops written per second, one writer", "hop/s", written.hops() / written.seconds(),
                null, notes);
    }

    /**
     * The size after H2's {@code SHUTDOWN COMPACT}: the H2 file store appends every commit's changed pages and reuses
     * the space later, so a file written in one go holds more than its data; this shows how much is data.
     */
    static long compact(Path dir) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + dir.toAbsolutePath().resolve("traces"), "",
                ""); Statement s = c.createStatement()) {
            s.execute("SHUTDOWN COMPACT");
        }
        return size(dir);
    }

    record Written(long hops, double seconds) {
    }

    /** Writes the hops of orders 1..messages, oldest first, the newest now. */
    static Written fill(HopStore store, long messages) throws Exception {
        Instant end = Instant.now();
        Instant start = end.minus(RETENTION);
        long stepNanos = RETENTION.toNanos() / messages;
        List<Hop> batch = new ArrayList<>(BATCH + SampleOrderHops.PER_MESSAGE);
        long hops = 0;
        long t0 = System.nanoTime();
        for (long n = 1; n <= messages; n++) {
            batch.addAll(SampleOrderHops.of(n, start.plusNanos(stepNanos * n), "root"));
            if (batch.size() >= BATCH || n == messages) {
                store.write(batch);
                hops += batch.size();
                batch.clear();
            }
            if (n % 100_000 == 0) {
                System.out.printf(Locale.ROOT, "trace store: %,d orders, %,d hops written%n", n, hops);
            }
        }
        return new Written(hops, (System.nanoTime() - t0) / 1e9);
    }

    HopStore open(Path dir) throws Exception {
        return new ProductTraceStore(dir);
    }

    Path fresh(String name) throws Exception {
        Path dir = bench.work.resolve(name);
        if (Files.exists(dir)) {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path p : files.sorted((a, b) -> b.compareTo(a)).toList()) {
                    Files.delete(p);
                }
            }
        }
        return Files.createDirectories(dir);
    }

    static long size(Path dir) throws Exception {
        try (Stream<Path> files = Files.walk(dir)) {
            long total = 0;
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                total += Files.size(p);
            }
            return total;
        }
    }
}
