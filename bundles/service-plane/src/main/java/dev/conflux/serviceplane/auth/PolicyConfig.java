package dev.conflux.serviceplane.auth;

import dev.conflux.runtime.api.Suggestions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Reads one endpoint policy configuration ({@code etc/conflux.endpoint-<name>.cfg}) and says, for each problem,
 * the file, the key and what is expected, with "did you mean" for a misspelt key. A configuration with problems
 * still yields a policy for the paths it names, one that refuses every call: a typo never opens an endpoint.
 */
public final class PolicyConfig {

    public static final String PATH = "path";
    public static final String POLICY = "policy";
    public static final String CONSUMERS = "consumers";
    public static final String RATE_LIMIT = "rateLimit";
    public static final String DESCRIPTION = "description";
    static final List<String> KEYS = List.of(PATH, POLICY, CONSUMERS, RATE_LIMIT, DESCRIPTION);
    private static final Pattern PATH_PATTERN = Pattern.compile("/[A-Za-z0-9._~!$&'()+,;=:@%/-]*(/\\*)?");

    private final Function<Map<String, String>, BearerTokenVerifier> jwt;
    private final Function<Map<String, String>, ClientCertificateMapper> mtls;

    public PolicyConfig(Function<Map<String, String>, BearerTokenVerifier> jwt,
            Function<Map<String, String>, ClientCertificateMapper> mtls) {
        this.jwt = jwt;
        this.mtls = mtls;
    }

    /** With the real checkers of {@link Authenticators}. */
    public PolicyConfig() {
        this(Authenticators::jwt, Authenticators::mtls);
    }

    /** Keys that Config Admin, FileInstall or Karaf put into every configuration: not the user's. */
    static boolean isFrameworkKey(String key) {
        return key.startsWith("service.") || key.startsWith("felix.") || key.startsWith("component.")
                || key.startsWith("org.apache.karaf.") || key.startsWith(".");
    }

    /**
     * The policy of one configuration; problems (each a sentence starting with the file name) are added to
     * {@code problems}. Null only when no valid path is given (then nothing is covered by it).
     */
    public EndpointPolicy parse(String name, String source, Map<String, String> raw, List<String> problems) {
        int before = problems.size();
        for (String key : raw.keySet()) {
            if (!isFrameworkKey(key) && !KEYS.contains(key) && !key.startsWith("jwt.") && !key.startsWith("mtls.")) {
                String[] close = Suggestions.closeTo(KEYS, key);
                problems.add(source + ": key '" + key + "' is not a key of an endpoint policy"
                        + (close.length > 0 ? " (did you mean '" + close[0] + "'?)" : "") + "; keys: "
                        + String.join(", ", KEYS) + ", jwt.*, mtls.*");
            }
        }
        List<String> paths = new ArrayList<>();
        for (String p : list(raw.get(PATH))) {
            if (PATH_PATTERN.matcher(p).matches() && !p.contains("//") && !p.contains("/../") && !p.endsWith("/..")) {
                paths.add(p.length() > 1 && p.endsWith("/") ? p.substring(0, p.length() - 1) : p);
            } else {
                problems.add(source + ": key 'path': '" + p + "' is not a path pattern; expected e.g. /api/orders"
                        + " or /api/orders/* (several separated by ',')");
            }
        }
        if (list(raw.get(PATH)).isEmpty()) {
            problems.add(source + ": key 'path' is required: the endpoint paths the policy applies to, e.g."
                    + " /api/orders, /services/orders");
        }
        Set<String> schemes = new LinkedHashSet<>();
        List<String> policy = raw.get(POLICY) == null ? List.of(EndpointPolicy.BASIC) : list(raw.get(POLICY));
        for (String s : policy) {
            String scheme = s.toLowerCase();
            if (EndpointPolicy.SCHEMES.contains(scheme)) {
                schemes.add(scheme);
            } else {
                String[] close = Suggestions.closeTo(EndpointPolicy.SCHEMES, s);
                problems.add(source + ": key 'policy': '" + s + "' is not a policy"
                        + (close.length > 0 ? " (did you mean '" + close[0] + "'?)" : "") + "; expected one or more of "
                        + String.join(", ", EndpointPolicy.SCHEMES) + " separated by ','");
            }
        }
        if (schemes.isEmpty() && problems.size() == before) {
            problems.add(source + ": key 'policy' is empty; expected one or more of "
                    + String.join(", ", EndpointPolicy.SCHEMES));
        }
        if (schemes.contains(EndpointPolicy.NONE) && schemes.size() > 1) {
            problems.add(source + ": key 'policy': 'none' opens the endpoint to anyone and cannot be combined with "
                    + String.join(",", schemes.stream().filter(x -> !x.equals(EndpointPolicy.NONE)).toList()));
        }
        int rateLimit = 0;
        String rate = raw.get(RATE_LIMIT);
        if (rate != null && !rate.isBlank()) {
            try {
                rateLimit = Integer.parseInt(rate.trim());
            } catch (NumberFormatException e) {
                rateLimit = -1;
            }
            if (rateLimit < 0) {
                problems.add(source + ": key 'rateLimit': '" + rate.trim() + "' is not a number of requests per"
                        + " second per consumer (0 or more; 0: no limit)");
                rateLimit = 0;
            }
        }
        BearerTokenVerifier verifier = build(schemes, EndpointPolicy.JWT, raw, jwt, source, problems);
        ClientCertificateMapper mapper = build(schemes, EndpointPolicy.MTLS, raw, mtls, source, problems);
        if (paths.isEmpty()) {
            return null;
        }
        Set<String> consumers = new LinkedHashSet<>(list(raw.get(CONSUMERS)));
        EndpointPolicy parsed = new EndpointPolicy(name, source, List.copyOf(paths), Set.copyOf(schemes),
                Set.copyOf(consumers), rateLimit, verifier, mapper);
        return problems.size() > before ? parsed.withSchemes(Set.of()) : parsed;
    }

    private static <T> T build(Set<String> schemes, String scheme, Map<String, String> raw,
            Function<Map<String, String>, T> factory, String source, List<String> problems) {
        if (!schemes.contains(scheme)) {
            return null;
        }
        try {
            return factory.apply(EndpointPolicy.settings(raw, scheme + "."));
        } catch (IllegalArgumentException e) {
            problems.add(source + ": " + e.getMessage());
            return null;
        }
    }

    static List<String> list(String value) {
        if (value == null) {
            return List.of();
        }
        return Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
