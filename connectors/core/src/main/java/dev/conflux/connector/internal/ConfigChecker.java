package dev.conflux.connector.internal;

import dev.conflux.connector.api.ConnectorKey;
import dev.conflux.connector.api.ConnectorKey.Kind;
import dev.conflux.connector.api.ConnectorSettings;
import dev.conflux.connector.api.ConnectorType;
import dev.conflux.runtime.api.Suggestions;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Checks one instance's configuration against its type's keys, and says for each problem the key and what is
 * expected. Keys every instance may have: {@value #NAME}, {@value #DESCRIPTION}, {@value #HEALTH_INTERVAL},
 * {@value #PUBLISHED}.
 */
final class ConfigChecker {

    static final String NAME = "name";
    static final String DESCRIPTION = "description";
    static final String HEALTH_INTERVAL = "healthCheckInterval";
    static final String PUBLISHED = "published";
    static final List<ConnectorKey> COMMON_KEYS = List.of(
            ConnectorKey.optional(NAME, Kind.TEXT, null, "The instance name flows use (<name>:path). Default: the"
                    + " part of the file name after 'conflux.connector.<type>-'"),
            ConnectorKey.optional(DESCRIPTION, Kind.TEXT, null, "What this instance connects to, for operators"),
            ConnectorKey.optional(HEALTH_INTERVAL, Kind.DURATION, "60s", "How often the health check runs"),
            ConnectorKey.optional(PUBLISHED, Kind.BOOLEAN, "false", "Offered to citizen integrators: their templates'"
                    + " connection pickers list it by name (never its settings or secrets)"));
    static final Pattern VALID_NAME = Pattern.compile("[a-z][a-z0-9-]{0,62}");
    private static final Pattern SECRET_NAME = Pattern.compile("(?i)password|passphrase|secret|token");

    private ConfigChecker() {
    }

    /** Keys the configuration admin, FileInstall or Karaf put into every configuration: not the user's. */
    static boolean isFrameworkKey(String key) {
        return key.startsWith("service.") || key.startsWith("felix.") || key.startsWith("component.")
                || key.startsWith("org.apache.karaf.") || key.startsWith(".");
    }

    static boolean isSecret(ConnectorType type, String key) {
        return type != null && type.keys().stream().anyMatch(k -> k.name().equals(key) && k.secret());
    }

    /**
     * The secret keys of a configuration, each with whether its value is encrypted: what the type declares secret,
     * any {@code ENC(...)} value and, when the type is unknown, keys named like a password, secret or token.
     */
    static Map<String, Boolean> secretKeys(ConnectorType type, Map<String, String> raw) {
        Map<String, Boolean> secrets = new TreeMap<>();
        raw.forEach((k, v) -> {
            boolean named = type == null && SECRET_NAME.matcher(k).find();
            if (isSecret(type, k) || SecretCodec.isEncrypted(v) || named) {
                secrets.put(k, SecretCodec.isEncrypted(v));
            }
        });
        return Collections.unmodifiableMap(secrets);
    }

    /** The user's values with secrets replaced by a mask (a secret never leaves the registry in any form). */
    static Map<String, String> masked(ConnectorType type, Map<String, String> raw) {
        Map<String, String> shown = new TreeMap<>();
        raw.forEach((k, v) -> shown.put(k, isSecret(type, k) || SecretCodec.isEncrypted(v) ? "********" : v));
        return Collections.unmodifiableMap(shown);
    }

    /** The checked values (defaults filled in), or the problems, each naming a key and what it expects. */
    static Map<String, String> check(List<ConnectorKey> typeKeys, Map<String, String> raw, List<String> problems) {
        List<ConnectorKey> keys = new ArrayList<>(COMMON_KEYS);
        keys.addAll(typeKeys);
        Map<String, ConnectorKey> byName = new LinkedHashMap<>();
        keys.forEach(k -> byName.put(k.name(), k));
        Map<String, String> values = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : raw.entrySet()) {
            if (!byName.containsKey(e.getKey())) {
                String[] close = Suggestions.closeTo(byName.keySet(), e.getKey());
                problems.add("key '" + e.getKey() + "' is not a key of this connector type"
                        + (close.length > 0 ? " (did you mean '" + close[0] + "'?)" : "")
                        + "; keys: " + String.join(", ", new TreeSet<>(byName.keySet())));
            }
        }
        for (ConnectorKey key : keys) {
            String value = raw.get(key.name());
            if (value == null || value.isBlank()) {
                if (key.required()) {
                    problems.add("key '" + key.name() + "' is required: " + key.kind().expected() + " - "
                            + key.description());
                } else if (key.defaultValue() != null) {
                    values.put(key.name(), key.defaultValue());
                }
                continue;
            }
            String problem = problemOf(key, value.trim());
            if (problem != null) {
                problems.add("key '" + key.name() + "': " + problem);
            } else {
                values.put(key.name(), value.trim());
            }
        }
        return values;
    }

    /** Null when the value fits its kind; otherwise what is wrong, without echoing a secret. */
    static String problemOf(ConnectorKey key, String value) {
        Kind kind = key.kind();
        try {
            switch (kind) {
                case INTEGER -> Integer.parseInt(value);
                case PORT -> {
                    int port = Integer.parseInt(value);
                    if (port < 1 || port > 65535) {
                        return "'" + value + "' is out of range; expected " + kind.expected();
                    }
                }
                case BOOLEAN -> {
                    if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
                        return "'" + value + "' is not " + kind.expected();
                    }
                }
                case DURATION -> ConnectorSettings.parseMillis(value);
                case URL -> {
                    URI uri = new URI(value);
                    if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
                        return "'" + value + "' is not " + kind.expected();
                    }
                }
                case SECRET -> {
                    if (!SecretCodec.isEncrypted(value)) {
                        return "holds a clear-text secret; expected " + kind.expected()
                                + " (run conflux:secret-encrypt and paste its output here)";
                    }
                }
                default -> {
                    // TEXT and PATH: any non-blank value
                }
            }
            return null;
        } catch (NumberFormatException e) {
            return "'" + value + "' is not " + kind.expected();
        } catch (IllegalArgumentException | URISyntaxException e) {
            return "'" + value + "' is not " + kind.expected();
        }
    }
}
