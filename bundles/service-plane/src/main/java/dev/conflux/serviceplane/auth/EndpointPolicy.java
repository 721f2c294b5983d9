package dev.conflux.serviceplane.auth;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Who may call the endpoints at some paths, from one {@code etc/conflux.endpoint-<name>.cfg} (or the default).
 *
 * @param name      the part of the file name after {@code conflux.endpoint-}, or {@code default}
 * @param source    the cfg file (or {@code default}), named in every log line about it
 * @param paths     path patterns: {@code /api/orders} (that path) or {@code /api/orders/*} (it and everything below)
 * @param schemes   any of {@link #NONE}, {@link #BASIC}, {@link #APIKEY}, {@link #JWT}, {@link #MTLS}; empty: the
 *                  configuration is broken and every call is refused
 * @param consumers the consumers allowed (empty: any authenticated consumer)
 * @param rateLimit requests per second per consumer, 0 for no limit
 * @param jwt       the bearer token verifier when {@link #JWT} is allowed, else null
 * @param mtls      the client certificate mapper when {@link #MTLS} is allowed, else null
 */
public record EndpointPolicy(String name, String source, List<String> paths, Set<String> schemes,
        Set<String> consumers, int rateLimit, BearerTokenVerifier jwt, ClientCertificateMapper mtls) {

    public static final String NONE = "none";
    public static final String BASIC = "basic";
    public static final String APIKEY = "apikey";
    public static final String JWT = "jwt";
    public static final String MTLS = "mtls";
    public static final List<String> SCHEMES = List.of(NONE, BASIC, APIKEY, JWT, MTLS);
    /** The realm role a Basic user must hold (group {@code consumers} in etc/users.properties). */
    public static final String CONSUMER_ROLE = "consumer";

    /** Endpoints without a policy: HTTP Basic against the realm, consumer role required. */
    public static EndpointPolicy defaultPolicy() {
        return new EndpointPolicy("default", "default", List.of("/*"), Set.of(BASIC), Set.of(), 0, null, null);
    }

    /** The same paths and limits, with another set of schemes (a refused or broken policy). */
    EndpointPolicy withSchemes(Set<String> others) {
        return new EndpointPolicy(name, source, paths, others, consumers, rateLimit, null, null);
    }

    boolean open() {
        return schemes.contains(NONE);
    }

    /** The policy as shown to operators: its schemes joined by {@code ,}, or {@code refuse-all} when broken. */
    public String describe() {
        return schemes.isEmpty() ? "refuse-all" : String.join(",", SCHEMES.stream().filter(schemes::contains).toList());
    }

    /** Settings passed on to an authenticator factory: the keys starting with {@code prefix}, e.g. {@code jwt.}. */
    static Map<String, String> settings(Map<String, String> raw, String prefix) {
        Map<String, String> out = new TreeMap<>();
        raw.forEach((k, v) -> {
            if (k.startsWith(prefix)) {
                out.put(k, v);
            }
        });
        return out;
    }
}
