package dev.conflux.queues.internal;

import dev.conflux.queues.api.QueueMessage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/** Reading a browsed message (a map from {@link Broker#browse}): id, properties, body. */
public final class Messages {

    private static final String[] PROPERTY_TABLES = {"StringProperties", "IntProperties", "LongProperties",
            "BooleanProperties", "DoubleProperties", "FloatProperties", "ShortProperties", "ByteProperties"};
    /** Artemis message types by number (0 default, 2 object, 3 text, 4 bytes, 5 map, 6 stream). */
    private static final String[] TYPES = {"default", "type 1", "object", "text", "bytes", "map", "stream"};

    private Messages() {
    }

    /** The message as the service's callers see it. */
    static QueueMessage message(Map<String, Object> m) {
        return new QueueMessage(String.valueOf(id(m)), jmsMessageId(m), sentAt(m),
                m.get("priority") instanceof Number n ? n.intValue() : 4, Boolean.TRUE.equals(m.get("durable")),
                type(m), List.of(properties(m)), body(m));
    }

    public static long id(Map<String, Object> m) {
        return Long.parseLong(String.valueOf(m.get("messageID")));
    }

    public static String jmsMessageId(Map<String, Object> m) {
        Object id = m.get("userID");
        return id == null || String.valueOf(id).isEmpty() ? null : String.valueOf(id);
    }

    public static String sentAt(Map<String, Object> m) {
        return m.get("timestamp") instanceof Number n && n.longValue() > 0 ? Instant.ofEpochMilli(n.longValue()).toString() : "";
    }

    public static String type(Map<String, Object> m) {
        int t = m.get("type") instanceof Number n ? n.intValue() : 0;
        return t >= 0 && t < TYPES.length ? TYPES[t] : "type " + t;
    }

    @SuppressWarnings("unchecked")
    public static Object property(Map<String, Object> m, String name) {
        for (String table : PROPERTY_TABLES) {
            if (m.get(table) instanceof Map<?, ?> props && props.containsKey(name)) {
                return ((Map<String, Object>) props).get(name);
            }
        }
        return null;
    }

    /** Every property as {@code name=value}, sorted by name. */
    public static String[] properties(Map<String, Object> m) {
        List<String> list = new ArrayList<>();
        for (String table : PROPERTY_TABLES) {
            if (m.get(table) instanceof Map<?, ?> props) {
                props.forEach((k, v) -> list.add(k + "=" + (v instanceof byte[] b ? new String(b) : v)));
            }
        }
        list.sort(null);
        return list.toArray(String[]::new);
    }

    /** The text of a text message; for other types a hex preview of the first bytes. */
    public static String body(Map<String, Object> m) {
        if (m.get("text") != null) {
            return String.valueOf(m.get("text"));
        }
        if (m.get("BodyPreview") instanceof byte[] bytes) {
            return "(" + type(m) + " body, first " + bytes.length + " bytes) " + HexFormat.of().formatHex(bytes);
        }
        return "";
    }

    /** Properties a user sets, as opposed to the broker's own ({@code _AMQ_...}, {@code __AMQ_...}). */
    public static boolean userProperty(String name) {
        return !name.startsWith("_AMQ") && !name.startsWith("__AMQ") && !name.startsWith("JMSX");
    }
}
