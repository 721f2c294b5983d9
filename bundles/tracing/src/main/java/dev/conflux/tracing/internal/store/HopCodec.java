package dev.conflux.tracing.internal.store;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.SerializedString;
import dev.conflux.tracing.api.Hop;
import dev.conflux.tracing.api.HopKind;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A block's hops as a JSON array, one object per {@link Hop} with the record's field names; {@code time} in epoch
 * milliseconds; null fields, -1 durations and attempt 0 left out; stored as UTF-8 bytes (a database copies bytes as
 * they are, where it would encode a string character by character). Text is cut to a field's limit (a business key
 * to 200 characters, an error to 2,000; a payload is not cut: its flow's {@code trace.capture.maxBytes} bounds it),
 * so one odd value cannot make a block unwieldy. Written and read with Jackson's streaming API (the writer's hot
 * path: no reflection, no tree). Plain JSON, so {@code conflux_trace_hops.hops} is readable with SQL's JSON
 * functions (PostgreSQL: {@code json_array_elements(convert_from(hops, 'UTF8')::json)}).
 */
final class HopCodec {

    private static final JsonFactory JSON = new JsonFactory();
    // Names of the number fields, encoded once (the text fields' are in Field): the writer writes 15-20 per hop.
    private static final SerializedString TIME = new SerializedString("time");
    private static final SerializedString DURATION = new SerializedString("durationMillis");
    private static final SerializedString WAITED = new SerializedString("waitedMillis");
    private static final SerializedString ATTEMPT = new SerializedString("attempt");

    private HopCodec() {
    }

    /** The hops as UTF-8 JSON. */
    static byte[] encode(List<Hop> hops) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(hops.size() * 256);
        try (JsonGenerator g = JSON.createGenerator(out, JsonEncoding.UTF8)) {
            g.writeStartArray();
            for (Hop h : hops) {
                g.writeStartObject();
                text(g, Field.traceId, h.traceId(), 32);
                text(g, Field.spanId, h.spanId(), 16);
                text(g, Field.parentSpanId, h.parentSpanId(), 16);
                text(g, Field.businessKey, h.businessKey(), 200);
                g.writeFieldName(Field.kind.json);
                g.writeString(h.kind().name());
                g.writeFieldName(TIME);
                g.writeNumber(h.time().toEpochMilli());
                text(g, Field.node, h.node(), 100);
                text(g, Field.flow, h.flow(), 100);
                text(g, Field.revision, h.revision(), 100);
                text(g, Field.route, h.route(), 200);
                text(g, Field.target, h.target(), 500);
                text(g, Field.outcome, h.outcome(), 100);
                number(g, DURATION, h.durationMillis(), -1);
                number(g, WAITED, h.waitedMillis(), -1);
                number(g, ATTEMPT, h.attempt(), 0);
                text(g, Field.messageId, h.messageId(), 200);
                text(g, Field.step, h.step(), 1000);
                text(g, Field.error, h.error(), 2000);
                text(g, Field.actor, h.actor(), 200);
                text(g, Field.auditId, h.auditId(), 100);
                text(g, Field.payload, h.payload(), Integer.MAX_VALUE);
                g.writeEndObject();
            }
            g.writeEndArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static List<Hop> decode(byte[] json) {
        List<Hop> hops = new ArrayList<>();
        try (JsonParser p = JSON.createParser(json)) {
            expect(p.nextToken(), JsonToken.START_ARRAY);
            while (p.nextToken() == JsonToken.START_OBJECT) {
                hops.add(hop(p));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("a trace block is not readable JSON: " + e.getMessage(), e);
        }
        return hops;
    }

    private static Hop hop(JsonParser p) throws IOException {
        String[] text = new String[Field.values().length];
        long time = 0;
        long duration = -1;
        long waited = -1;
        int attempt = 0;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            p.nextToken();
            switch (name) {
                case "time" -> time = p.getLongValue();
                case "durationMillis" -> duration = p.getLongValue();
                case "waitedMillis" -> waited = p.getLongValue();
                case "attempt" -> attempt = p.getIntValue();
                default -> {
                    Field f = Field.of(name);
                    if (f != null) {
                        text[f.ordinal()] = p.getValueAsString();
                    } else {
                        p.skipChildren();
                    }
                }
            }
        }
        return new Hop(text[Field.traceId.ordinal()], text[Field.spanId.ordinal()],
                text[Field.parentSpanId.ordinal()], text[Field.businessKey.ordinal()],
                HopKind.valueOf(text[Field.kind.ordinal()]), Instant.ofEpochMilli(time), text[Field.node.ordinal()],
                text[Field.flow.ordinal()], text[Field.revision.ordinal()], text[Field.route.ordinal()],
                text[Field.target.ordinal()], text[Field.outcome.ordinal()], duration, waited, attempt,
                text[Field.messageId.ordinal()], text[Field.step.ordinal()], text[Field.error.ordinal()],
                text[Field.actor.ordinal()], text[Field.auditId.ordinal()], text[Field.payload.ordinal()]);
    }

    /** The text fields, named as in the JSON. */
    private enum Field {
        traceId, spanId, parentSpanId, businessKey, kind, node, flow, revision, route, target, outcome, messageId, step,
        error, actor, auditId, payload;

        /** The name as written. */
        final SerializedString json = new SerializedString(name());

        static Field of(String name) {
            try {
                return valueOf(name);
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
    }

    /** Writes the value cut to {@code max} characters, without NUL characters (PostgreSQL refuses them in text). */
    private static void text(JsonGenerator g, Field name, String value, int max) throws IOException {
        if (value != null) {
            String v = value.indexOf('\0') >= 0 ? value.replace("\0", "") : value;
            g.writeFieldName(name.json);
            g.writeString(v.length() <= max ? v : v.substring(0, max));
        }
    }

    private static void number(JsonGenerator g, SerializedString name, long value, long absent) throws IOException {
        if (value != absent) {
            g.writeFieldName(name);
            g.writeNumber(value);
        }
    }

    private static void expect(JsonToken actual, JsonToken expected) throws IOException {
        if (actual != expected) {
            throw new IOException("expected " + expected + " but found " + actual);
        }
    }
}
