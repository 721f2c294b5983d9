package dev.conflux.apiusage.internal;

import dev.conflux.apiusage.api.ApiCall;
import java.nio.ByteBuffer;
import java.util.zip.DataFormatException;
import org.HdrHistogram.Histogram;

/**
 * The counters of one key over one period (a minute in memory, an hour in the store): calls by status class, body
 * bytes, and the latencies in a mergeable HdrHistogram (microseconds, two significant digits: a percentile is within
 * 1% of the exact value). Thread-safe; merging tallies of minutes gives the tally of their hour.
 */
final class Tally {

    private long ok;
    private long clientErrors;
    private long serverErrors;
    private long bytesIn;
    private long bytesOut;
    private final Histogram micros;

    Tally() {
        this(new Histogram(2));
    }

    private Tally(Histogram micros) {
        micros.setAutoResize(true); // a decoded or copied histogram grows too when a slower call is added
        this.micros = micros;
    }

    synchronized void record(ApiCall call) {
        int status = call.status();
        if (status >= 500 || status < 100) {
            serverErrors++;
        } else if (status >= 400) {
            clientErrors++;
        } else {
            ok++;
        }
        if (call.bytesIn() > 0) {
            bytesIn += call.bytesIn();
        }
        if (call.bytesOut() > 0) {
            bytesOut += call.bytesOut();
        }
        micros.recordValue(Math.max(1, call.nanos() / 1_000));
    }

    /** Adds another tally's counts; the other is copied first, so no two tallies' locks are ever held together. */
    void add(Tally other) {
        Tally o = other.copy();
        synchronized (this) {
            addCopy(o);
        }
    }

    private void addCopy(Tally o) {
        ok += o.ok;
        clientErrors += o.clientErrors;
        serverErrors += o.serverErrors;
        bytesIn += o.bytesIn;
        bytesOut += o.bytesOut;
        micros.add(o.micros);
    }

    synchronized Tally copy() {
        Tally c = new Tally(micros.copy());
        c.ok = ok;
        c.clientErrors = clientErrors;
        c.serverErrors = serverErrors;
        c.bytesIn = bytesIn;
        c.bytesOut = bytesOut;
        return c;
    }

    synchronized long calls() {
        return ok + clientErrors + serverErrors;
    }

    synchronized long ok() {
        return ok;
    }

    synchronized long clientErrors() {
        return clientErrors;
    }

    synchronized long serverErrors() {
        return serverErrors;
    }

    synchronized long bytesIn() {
        return bytesIn;
    }

    synchronized long bytesOut() {
        return bytesOut;
    }

    /** The latency at a percentile (0 to 100) in milliseconds; 0 without calls. */
    synchronized double millisAt(double percentile) {
        return micros.getTotalCount() == 0 ? 0 : micros.getValueAtPercentile(percentile) / 1_000.0;
    }

    synchronized double maxMillis() {
        return micros.getTotalCount() == 0 ? 0 : micros.getMaxValue() / 1_000.0;
    }

    /** The latencies, compressed, for the store. */
    synchronized byte[] latencies() {
        ByteBuffer buffer = ByteBuffer.allocate(micros.getNeededByteBufferCapacity());
        int length = micros.encodeIntoCompressedByteBuffer(buffer);
        byte[] bytes = new byte[length];
        buffer.flip();
        buffer.get(bytes);
        return bytes;
    }

    /** A tally as the store keeps it. */
    static Tally of(long ok, long clientErrors, long serverErrors, long bytesIn, long bytesOut, byte[] latencies) {
        Histogram h;
        try {
            h = latencies == null || latencies.length == 0 ? new Histogram(2)
                    : Histogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(latencies), 0);
        } catch (DataFormatException e) {
            throw new IllegalArgumentException("unreadable latencies in the store: " + e.getMessage(), e);
        }
        Tally t = new Tally(h);
        t.ok = ok;
        t.clientErrors = clientErrors;
        t.serverErrors = serverErrors;
        t.bytesIn = bytesIn;
        t.bytesOut = bytesOut;
        return t;
    }
}
