package dev.conflux.alerts.internal.channels;

import dev.conflux.runtime.api.Suggestions;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One channel configuration ({@code etc/conflux.alert.channel-<name>.cfg}), checked: its type and values, or the
 * problems that make it INVALID, each naming the file, the key and what is expected (with a "did you mean" for a
 * misspelt key or type). Values are trimmed; defaults are not filled in here but by the channels.
 *
 * @param problem  null when usable
 * @param warnings things that work but should not be so (a clear-text password); logged once per change
 */
record ChannelSpec(String name, String type, String source, Map<String, String> values, String problem,
        List<String> warnings) {

    static final String TYPE = "type";
    static final String EMAIL = "email";
    static final String WEBHOOK = "webhook";
    static final String LOG = "log";
    static final String HEADER_PREFIX = "header.";

    private static final Map<String, Set<String>> KEYS = Map.of(
            EMAIL, Set.of(TYPE, "connector", "to", "from", "subjectPrefix"),
            WEBHOOK, Set.of(TYPE, "url", "username", "password", "timeout"),
            LOG, Set.of(TYPE));
    private static final Map<String, List<String>> REQUIRED = Map.of(
            EMAIL, List.of("connector", "to"), WEBHOOK, List.of("url"), LOG, List.of());
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_-]{0,62}");
    private static final Pattern ADDRESS = Pattern.compile("[^@\\s,<>]+@[^@\\s,<>]+\\.[^@\\s,<>]+");
    private static final Pattern HEADER = Pattern.compile("[A-Za-z0-9-]+");
    private static final Pattern ENC = Pattern.compile("\\s*ENC\\(.*\\)\\s*");
    private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h|d)");

    ChannelSpec {
        values = Map.copyOf(values);
        warnings = List.copyOf(warnings);
    }

    boolean valid() {
        return problem == null;
    }

    String value(String key) {
        return values.get(key);
    }

    /** The {@code header.<Name>} values by header name. */
    Map<String, String> headers() {
        Map<String, String> headers = new TreeMap<>();
        values.forEach((k, v) -> {
            if (k.startsWith(HEADER_PREFIX)) {
                headers.put(k.substring(HEADER_PREFIX.length()), v);
            }
        });
        return headers;
    }

    /** The comma-separated list under the key, each trimmed, blanks dropped. */
    List<String> list(String key) {
        String value = values.get(key);
        return value == null ? List.of()
                : Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    /** Checks a configuration; never throws, a bad one comes back INVALID. */
    static ChannelSpec check(String name, String source, Map<String, String> raw) {
        Map<String, String> values = new TreeMap<>();
        raw.forEach((k, v) -> values.put(k, v == null ? "" : v.trim()));
        List<String> problems = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        if (!NAME.matcher(name).matches()) {
            problems.add("the channel name '" + name + "' is not valid: expected lower-case letters, digits, '-'"
                    + " and '_', starting with a letter");
        } else if (LOG.equals(name)) {
            problems.add("the name 'log' is the built-in log channel's; name this channel otherwise");
        }
        String type = values.getOrDefault(TYPE, "");
        if (type.isEmpty()) {
            problems.add("key 'type' is required: one of " + String.join(", ", new TreeSet<>(KEYS.keySet())));
        } else if (!KEYS.containsKey(type)) {
            problems.add("key 'type': '" + type + "' is not a channel type" + didYouMean(KEYS.keySet(), type)
                    + "; types: " + String.join(", ", new TreeSet<>(KEYS.keySet())));
        } else {
            checkKeys(type, values, problems);
            switch (type) {
                case EMAIL -> checkEmail(values, problems);
                case WEBHOOK -> checkWebhook(values, problems, warnings);
                default -> {
                    // the log channel has nothing to check
                }
            }
        }
        String problem = problems.isEmpty() ? null : source + ": " + String.join("; ", problems);
        return new ChannelSpec(name, type, source, values, problem, warnings);
    }

    private static void checkKeys(String type, Map<String, String> values, List<String> problems) {
        Set<String> known = KEYS.get(type);
        for (String key : values.keySet()) {
            boolean header = WEBHOOK.equals(type) && key.startsWith(HEADER_PREFIX);
            if (header && !HEADER.matcher(key.substring(HEADER_PREFIX.length())).matches()) {
                problems.add("key '" + key + "': '" + key.substring(HEADER_PREFIX.length()) + "' is not an HTTP"
                        + " header name (letters, digits and '-')");
            } else if (!header && !known.contains(key)) {
                problems.add("key '" + key + "' is not a key of a " + type + " channel" + didYouMean(known, key)
                        + "; keys: " + String.join(", ", new TreeSet<>(known))
                        + (WEBHOOK.equals(type) ? ", header.<Name>" : ""));
            }
        }
        for (String key : REQUIRED.get(type)) {
            if (values.getOrDefault(key, "").isEmpty()) {
                problems.add("key '" + key + "' is required for a " + type + " channel");
            }
        }
    }

    private static void checkEmail(Map<String, String> values, List<String> problems) {
        for (String key : List.of("to", "from")) {
            String value = values.getOrDefault(key, "");
            for (String address : value.split(",")) {
                if (!address.isBlank() && !ADDRESS.matcher(address.trim()).matches()) {
                    problems.add("key '" + key + "': '" + address.trim() + "' is not a mail address"
                            + " (name@example.com)");
                }
            }
            if ("from".equals(key) && value.contains(",")) {
                problems.add("key 'from': one address only");
            }
        }
    }

    private static void checkWebhook(Map<String, String> values, List<String> problems, List<String> warnings) {
        String url = values.getOrDefault("url", "");
        if (!url.isEmpty()) {
            try {
                URI uri = new URI(url);
                if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                    problems.add("key 'url': '" + url + "' is not an http:// or https:// URL");
                } else if (uri.getUserInfo() != null) {
                    problems.add("key 'url': credentials do not belong in the URL; use the keys username and"
                            + " password");
                }
            } catch (URISyntaxException e) {
                problems.add("key 'url': '" + url + "' is not an http:// or https:// URL");
            }
        }
        if (values.containsKey("timeout")) {
            try {
                duration(values.get("timeout"));
            } catch (IllegalArgumentException e) {
                problems.add("key 'timeout': " + e.getMessage());
            }
        }
        boolean user = !values.getOrDefault("username", "").isEmpty();
        String password = values.getOrDefault("password", "");
        if (user != !password.isEmpty()) {
            problems.add(user ? "key 'password' is required with 'username'" : "key 'username' is required with"
                    + " 'password'");
        } else if (user && !encrypted(password)) {
            warnings.add("key 'password' is in clear text; encrypt it with conflux:secret-encrypt and write the"
                    + " ENC(...) value instead");
        }
    }

    /** Whether a value is in the connectors' encrypted form ENC(...). */
    static boolean encrypted(String value) {
        return value != null && ENC.matcher(value).matches();
    }

    /** 30s, 5m, 2h, 1d, 500ms or ISO-8601 (PT30S); positive. */
    static Duration duration(String value) {
        String text = value == null ? "" : value.trim();
        Duration duration;
        Matcher m = DURATION.matcher(text);
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            duration = switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
        } else {
            try {
                duration = Duration.parse(text);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("'" + text + "' is not a duration (30s, 5m, 2h, 1d or PT30S)");
            }
        }
        if (duration.isZero() || duration.isNegative()) {
            throw new IllegalArgumentException("'" + text + "' is not a positive duration");
        }
        return duration;
    }

    private static String didYouMean(Set<String> names, String unknown) {
        String[] close = Suggestions.closeTo(names, unknown);
        return close.length == 0 ? "" : " (did you mean '" + close[0] + "'?)";
    }
}
