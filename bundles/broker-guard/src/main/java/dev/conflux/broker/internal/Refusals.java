package dev.conflux.broker.internal;

import java.net.SocketAddress;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the guard reports a client it disconnected: one log line per refusal, but at most one a second, so that a
 * flood of garbage cannot flood the log; the lines a second held back are counted in the next one.
 */
class Refusals {

    private static final Logger LOG = LoggerFactory.getLogger(Refusals.class);
    private static final long QUIET_NANOS = 1_000_000_000L;

    private final AtomicLong heldBack = new AtomicLong();
    private final AtomicLong lastLogged = new AtomicLong(System.nanoTime() - QUIET_NANOS);

    /** A client at {@code remote} was disconnected for {@code reason} (a sentence without Java names). */
    void refused(String protocol, SocketAddress remote, String reason) {
        long now = System.nanoTime();
        long last = lastLogged.get();
        if (now - last >= QUIET_NANOS && lastLogged.compareAndSet(last, now)) {
            long more = heldBack.getAndSet(0);
            LOG.warn("Broker guard disconnected {} client {}: {}{}", protocol, remote, reason,
                    more > 0 ? " (and " + more + " more refusals in the last second)" : "");
        } else {
            heldBack.incrementAndGet();
        }
    }
}
