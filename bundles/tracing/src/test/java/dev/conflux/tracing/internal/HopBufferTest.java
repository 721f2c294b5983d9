package dev.conflux.tracing.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import dev.conflux.tracing.api.Hop;
import dev.conflux.tracing.api.HopKind;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.After;
import org.junit.Test;

public class HopBufferTest {

    private final List<List<Hop>> written = new CopyOnWriteArrayList<>();
    private final AtomicLong dropped = new AtomicLong();
    private HopBuffer buffer;

    @After
    public void close() {
        if (buffer != null) {
            buffer.close(5_000);
        }
    }

    private static Hop hop(int n) {
        return Hops.hop(Hops.trace(n), HopKind.SENT, n).build();
    }

    private int writtenCount() {
        return written.stream().mapToInt(List::size).sum();
    }

    @Test
    public void aFullBufferDropsAndCountsNewHopsWithoutBlocking() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        buffer = new HopBuffer(5, 1, 10, batch -> {
            release.await(10, TimeUnit.SECONDS);
            written.add(List.copyOf(batch));
        }, dropped, System::nanoTime);

        int accepted = 0;
        long start = System.nanoTime();
        for (int i = 0; i < 50; i++) {
            accepted += buffer.offer(hop(i)) ? 1 : 0;
        }
        long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

        // the writer holds at most one batch (of 1) while the buffer holds 5: the rest is dropped, not waited for
        assertTrue("accepted " + accepted, accepted >= 5 && accepted <= 6);
        assertEquals(50 - accepted, dropped.get());
        assertTrue("offer took " + tookMillis + " ms", tookMillis < 1_000);
        release.countDown();
        final int expected = accepted;
        Eventually.await("the accepted hops to be written", 5_000, () -> writtenCount() == expected);
        assertEquals(50 - accepted, dropped.get());
    }

    @Test
    public void aFullBatchIsWrittenWithoutWaitingForTheFlushInterval() throws Exception {
        buffer = new HopBuffer(100, 10, 30_000, batch -> written.add(List.copyOf(batch)), dropped, System::nanoTime);
        for (int i = 0; i < 25; i++) {
            buffer.offer(hop(i));
        }
        Eventually.await("two full batches", 5_000, () -> written.size() >= 2);
        assertEquals(10, written.get(0).size());
        assertEquals(10, written.get(1).size());
        // the other 5 wait for more or for the 30 s flush interval
        assertEquals(20, writtenCount());
    }

    @Test
    public void aPartialBatchIsWrittenAfterTheFlushInterval() throws Exception {
        buffer = new HopBuffer(100, 500, 100, batch -> written.add(List.copyOf(batch)), dropped, System::nanoTime);
        for (int i = 0; i < 3; i++) {
            buffer.offer(hop(i));
        }
        Eventually.await("the partial batch", 5_000, () -> writtenCount() == 3);
        assertEquals(1, written.size());
        assertEquals(0, dropped.get());
    }

    @Test
    public void closeWritesWhatIsBuffered() {
        buffer = new HopBuffer(100, 500, 60_000, batch -> written.add(List.copyOf(batch)), dropped, System::nanoTime);
        for (int i = 0; i < 7; i++) {
            buffer.offer(hop(i));
        }
        buffer.close(5_000);
        assertEquals(7, writtenCount());
        assertEquals(0, dropped.get());
        assertFalse("a closed buffer takes nothing", buffer.offer(hop(8)));
        assertEquals(1, dropped.get());
        buffer = null;
    }

    @Test
    public void aFailedWriteIsTriedOnceMore() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        buffer = new HopBuffer(100, 500, 20, batch -> {
            if (calls.incrementAndGet() == 1) {
                throw new SQLException("connection refused");
            }
            written.add(List.copyOf(batch));
        }, dropped, System::nanoTime);
        buffer.offer(hop(1));
        buffer.offer(hop(2));
        Eventually.await("the retried batch", 5_000, () -> writtenCount() == 2);
        assertEquals(0, dropped.get());
        assertNull("a successful write clears the error", buffer.lastError());
    }

    @Test
    public void aBatchRefusedTwiceIsDroppedAndCountedWithTheReason() throws Exception {
        buffer = new HopBuffer(100, 500, 20, batch -> {
            throw new SQLException("Connection to 127.0.0.1:1 refused");
        }, dropped, System::nanoTime);
        buffer.offer(hop(1));
        buffer.offer(hop(2));
        buffer.offer(hop(3));
        Eventually.await("the refused batch to be dropped", 5_000, () -> dropped.get() == 3);
        assertNotNull(buffer.lastError());
        assertTrue(buffer.lastError(), buffer.lastError().contains("refused"));
        assertTrue("recording still takes hops", buffer.offer(hop(4)));
    }
}
