package dev.conflux.benchmarks;

import dev.conflux.tracing.api.Hop;
import dev.conflux.tracing.internal.store.JdbcTraceStore;
import dev.conflux.tracing.internal.Positions;
import dev.conflux.tracing.internal.TraceSearch;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.h2.engine.Constants;

/**
 * The product's own embedded store ({@code bundles/tracing}: {@link JdbcTraceStore#embedded}, the H2 file database
 * {@code traces} with the product's schema) and its search ({@link TraceSearch#find}, what {@code conflux:trace KEY}
 * and the MBean's {@code trace(keyOrId)} call), opened in the benchmark's JVM on a directory of its own.
 */
final class ProductTraceStore implements HopStore {

    private final JdbcTraceStore store;
    private final TraceSearch search;

    ProductTraceStore(Path directory) {
        store = JdbcTraceStore.embedded(directory);
        search = new TraceSearch(store, new Positions(Clock.systemUTC()));
    }

    @Override
    public String describe() {
        return "the product's JdbcTraceStore.embedded (H2 " + Constants.VERSION + ") and TraceSearch.find";
    }

    @Override
    public void write(List<Hop> batch) throws Exception {
        store.write(batch);
    }

    @Override
    public int find(String keyOrId) {
        return search.find(keyOrId).map(t -> t.hops().size()).orElse(0);
    }

    @Override
    public void close() {
        store.close();
    }
}
