package dev.conflux.tracing.internal;

import dev.conflux.tracing.api.Hop;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bounded buffer between the threads that record hops and the store: {@link #offer} never blocks (a full buffer
 * drops the hop and counts it), and one writer thread stores the hops in batches of up to {@code batch.size}, at the
 * latest {@code flush.millis} after the first hop of a batch arrived. A batch whose write fails is tried once more
 * with the next one, then dropped and counted with the reason.
 */
public final class HopBuffer {

    /** Where the writer puts a batch. */
    public interface Sink {
        void write(List<Hop> batch) throws Exception;
    }

    static final long SLICE_MILLIS = 50;
    static final long FILL_SLICE_MILLIS = 5;
    static final long WARN_EVERY_NANOS = TimeUnit.MINUTES.toNanos(1);
    private static final Logger LOG = LoggerFactory.getLogger(HopBuffer.class);

    private final ArrayBlockingQueue<Hop> queue;
    private final Sink sink;
    private final AtomicLong dropped;
    private final LongSupplier nanoClock;
    private final Thread writer;
    private volatile int batchSize;
    private volatile int flushMillis;
    private volatile boolean running = true;
    private volatile String lastError;
    private long droppedAtLastWarn;
    private long lastWarnNanos;
    private boolean warnedOnce;

    /**
     * @param dropped the drop counter (shared across buffers the component replaces, so the count is since start)
     */
    public HopBuffer(int capacity, int batchSize, int flushMillis, Sink sink, AtomicLong dropped, LongSupplier nanoClock) {
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.batchSize = batchSize;
        this.flushMillis = flushMillis;
        this.sink = sink;
        this.dropped = dropped;
        this.nanoClock = nanoClock;
        this.droppedAtLastWarn = dropped.get();
        this.writer = new Thread(this::run, "conflux-trace-writer");
        writer.setDaemon(true);
        writer.start();
    }

    /** Queues the hop; false (and counted) when the buffer is full or closed. Never blocks. */
    public boolean offer(Hop hop) {
        if (running && queue.offer(hop)) {
            return true;
        }
        drop(1, "the buffer is full");
        return false;
    }

    /** Applies a new batch size and flush interval to the next batches. */
    public void tune(int newBatchSize, int newFlushMillis) {
        batchSize = newBatchSize;
        flushMillis = newFlushMillis;
    }

    public int size() {
        return queue.size();
    }

    public int capacity() {
        return queue.size() + queue.remainingCapacity();
    }

    public String lastError() {
        return lastError;
    }

    /**
     * Stops taking hops and writes what is buffered, waiting at most {@code waitMillis}; what could not be written
     * by then is dropped and counted.
     */
    public void close(long waitMillis) {
        running = false;
        try {
            writer.join(waitMillis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        int left = queue.size();
        queue.clear();
        if (left > 0) {
            drop(left, "the store did not take them before shutdown");
        }
    }

    private void run() {
        List<Hop> retry = null;
        while (running || !queue.isEmpty()) {
            List<Hop> batch = collect();
            if (retry != null) {
                if (!write(retry)) {
                    drop(retry.size(), "the store refused them twice: " + lastError);
                }
                retry = null;
            }
            if (!batch.isEmpty() && !write(batch)) {
                if (running) {
                    retry = batch;
                } else {
                    drop(batch.size(), "the store refused them at shutdown: " + lastError);
                }
            }
        }
        if (retry != null && !write(retry)) {
            drop(retry.size(), "the store refused them twice: " + lastError);
        }
    }

    /**
     * Waits for a first hop, then up to flush.millis for the batch to fill. While it fills, the writer sleeps in
     * short slices ({@value #FILL_SLICE_MILLIS} ms) and drains what came, instead of waiting on the queue: a writer
     * waiting on the queue is woken by every single offer, and on a busy node those wake-ups (a context switch per
     * hop, on the recording thread too) cost more than storing the hops. The first wait is in slices of at most
     * {@value #SLICE_MILLIS} ms so that close() is seen without interrupting the writer (an interrupt would close
     * H2's file channel under it).
     */
    private List<Hop> collect() {
        int size = batchSize;
        List<Hop> batch = new ArrayList<>(Math.min(size, 1024));
        try {
            Hop first = running ? queue.poll(SLICE_MILLIS, TimeUnit.MILLISECONDS) : queue.poll();
            if (first == null) {
                return batch;
            }
            batch.add(first);
            long deadline = nanoClock.getAsLong() + TimeUnit.MILLISECONDS.toNanos(flushMillis);
            while (batch.size() < size) {
                queue.drainTo(batch, size - batch.size());
                long left = deadline - nanoClock.getAsLong();
                if (batch.size() >= size || left <= 0 || !running) {
                    break;
                }
                Thread.sleep(Math.max(1, Math.min(TimeUnit.NANOSECONDS.toMillis(left), FILL_SLICE_MILLIS)));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
        return batch;
    }

    private boolean write(List<Hop> batch) {
        try {
            sink.write(batch);
            if (lastError != null) {
                LOG.info("Trace store writes again");
                lastError = null;
            }
            return true;
        } catch (Exception e) {
            String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            if (!reason.equals(lastError)) {
                LOG.error("Trace store: writing {} hop events failed: {}", batch.size(), reason);
            }
            lastError = reason;
            return false;
        }
    }

    private synchronized void drop(int count, String why) {
        long total = dropped.addAndGet(count);
        long now = nanoClock.getAsLong();
        if (!warnedOnce || now - lastWarnNanos >= WARN_EVERY_NANOS) {
            LOG.warn("Tracing dropped {} hop event(s) since the last report ({} since start): {}",
                    total - droppedAtLastWarn, total, why);
            warnedOnce = true;
            lastWarnNanos = now;
            droppedAtLastWarn = total;
        }
    }
}
