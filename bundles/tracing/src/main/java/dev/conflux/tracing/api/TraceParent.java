package dev.conflux.tracing.api;

import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * A W3C Trace Context {@code traceparent} value ({@code 00-<trace-id>-<parent-id>-<flags>}), the way a trace
 * travels with a message: as the HTTP header and the JMS/AMQP property of that name ({@link #HEADER}).
 */
public record TraceParent(String traceId, String spanId, String flags) {

    /** The header / message property name, as W3C Trace Context spells it. */
    public static final String HEADER = "traceparent";
    /** The message property / Camel header carrying the business key along with the trace. */
    public static final String BUSINESS_KEY = "ConfluxBusinessKey";

    private static final Pattern VALUE = Pattern.compile("([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})(-.*)?");
    private static final String ZERO_TRACE = "0".repeat(32);
    private static final String ZERO_SPAN = "0".repeat(16);

    /** Parses a header value; empty for a missing or invalid one (which W3C says to ignore and restart). */
    public static Optional<TraceParent> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        var m = VALUE.matcher(value.trim());
        if (!m.matches() || "ff".equals(m.group(1)) || ("00".equals(m.group(1)) && m.group(5) != null)
                || ZERO_TRACE.equals(m.group(2)) || ZERO_SPAN.equals(m.group(3))) {
            return Optional.empty();
        }
        return Optional.of(new TraceParent(m.group(2), m.group(3), m.group(4)));
    }

    /**
     * A new trace (sampled) with a new span. The trace id starts with the time in epoch seconds (8 hex digits, as
     * AWS X-Ray's ids do) and ends with 24 random ones: the trace store's index on the trace id then grows at its end,
     * like its time index, instead of at random places (which cost the store's writer a sixth of its CPU per hop).
     */
    public static TraceParent newTrace() {
        int seconds = (int) (System.currentTimeMillis() / 1000);
        return new TraceParent(HexFormat.of().toHexDigits(seconds) + random(12), random(8), "01");
    }

    /** The same trace with a new span id: what a hop passes on to the next one. */
    public TraceParent child() {
        return new TraceParent(traceId, random(8), flags);
    }

    /** The header value. */
    @Override
    public String toString() {
        return "00-" + traceId + "-" + spanId + "-" + flags;
    }

    /**
     * Random ids from the thread's own generator: W3C asks ids to be unique, not unpredictable, and a
     * {@code SecureRandom} shared by every exchange costs a lock and a read of the system's entropy each time.
     */
    private static String random(int bytes) {
        byte[] b = new byte[bytes];
        do {
            ThreadLocalRandom.current().nextBytes(b);
        } while (allZero(b));
        return HexFormat.of().formatHex(b);
    }

    private static boolean allZero(byte[] b) {
        for (byte x : b) {
            if (x != 0) {
                return false;
            }
        }
        return true;
    }
}
