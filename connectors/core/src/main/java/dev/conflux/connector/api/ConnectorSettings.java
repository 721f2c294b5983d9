package dev.conflux.connector.api;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The checked configuration of one connector instance: every value has passed its {@link ConnectorKey.Kind}
 * check and defaults are filled in. Secrets are decrypted only when asked for, and must then go straight into
 * the client library (never into a URI, a log line or an exception message).
 */
public final class ConnectorSettings {

    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h)?");

    private final String name;
    private final String type;
    private final String source;
    private final Map<String, String> values;
    private final UnaryOperator<String> decrypt;

    public ConnectorSettings(String name, String type, String source, Map<String, String> values,
            UnaryOperator<String> decrypt) {
        this.name = name;
        this.type = type;
        this.source = source;
        this.values = Map.copyOf(values);
        this.decrypt = decrypt;
    }

    /** The instance name flows use as the component name. */
    public String name() {
        return name;
    }

    public String type() {
        return type;
    }

    /** Where the configuration comes from, e.g. the cfg file; for messages. */
    public String source() {
        return source;
    }

    public boolean has(String key) {
        return values.containsKey(key);
    }

    public String text(String key) {
        return values.get(key);
    }

    public Optional<String> optional(String key) {
        return Optional.ofNullable(values.get(key));
    }

    public int integer(String key) {
        return Integer.parseInt(values.get(key).trim());
    }

    public boolean bool(String key) {
        return Boolean.parseBoolean(values.get(key).trim());
    }

    public long millis(String key) {
        return parseMillis(values.get(key));
    }

    public Path path(String key) {
        return Path.of(values.get(key).trim());
    }

    /** The clear value of a secret key, or null when not set. */
    public String secret(String key) {
        String value = values.get(key);
        return value == null ? null : decrypt.apply(value);
    }

    /** Milliseconds of "500", "500ms", "10s", "2m", "1h"; IllegalArgumentException otherwise. */
    public static long parseMillis(String value) {
        Matcher m = DURATION.matcher(value == null ? "" : value.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("not a duration: '" + value + "'");
        }
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "ms" : m.group(2);
        return switch (unit) {
            case "s" -> n * 1000;
            case "m" -> n * 60_000;
            case "h" -> n * 3_600_000;
            default -> n;
        };
    }
}
