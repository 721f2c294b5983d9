package dev.conflux.serviceplane.auth;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The policies in force, and which one governs a request path: the most specific pattern that matches (an exact
 * path before a {@code /*} pattern of the same prefix, a longer prefix before a shorter one); the default policy
 * when none does.
 */
public final class PolicyTable {

    private final List<EndpointPolicy> policies;
    private final List<Rule> rules = new ArrayList<>();

    private record Rule(String pattern, String prefix, boolean wildcard, EndpointPolicy policy) {
        boolean matches(String path) {
            if (path.equals(prefix) || path.equals(prefix + "/")) {
                return true;
            }
            return wildcard && (prefix.isEmpty() || path.startsWith(prefix + "/"));
        }
    }

    /**
     * @param policies as configured; a pattern claimed by two of them goes to the first (the caller orders them
     *                 and reports the clash)
     */
    public PolicyTable(List<EndpointPolicy> policies) {
        this.policies = List.copyOf(policies);
        for (EndpointPolicy policy : policies) {
            for (String pattern : policy.paths()) {
                boolean wildcard = pattern.endsWith("/*");
                String prefix = wildcard ? pattern.substring(0, pattern.length() - 2) : pattern;
                if (rules.stream().noneMatch(r -> r.pattern().equals(pattern))) {
                    rules.add(new Rule(pattern, prefix, wildcard, policy));
                }
            }
        }
        rules.sort(Comparator.comparingInt((Rule r) -> -r.prefix().length()).thenComparing(Rule::wildcard));
    }

    public static PolicyTable empty() {
        return new PolicyTable(List.of());
    }

    /** The policy governing {@code path} (decoded, canonical, starting with '/'). */
    public EndpointPolicy match(String path) {
        for (Rule rule : rules) {
            if (rule.matches(path)) {
                return rule.policy();
            }
        }
        return EndpointPolicy.defaultPolicy();
    }

    public List<EndpointPolicy> policies() {
        return policies;
    }

    /** Patterns configured in more than one policy, each with the policy that wins. */
    public static List<String> clashes(List<EndpointPolicy> policies) {
        List<String> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (EndpointPolicy p : policies) {
            for (String pattern : p.paths()) {
                if (!seen.add(pattern)) {
                    out.add(p.source() + ": key 'path': '" + pattern + "' is already governed by another endpoint"
                            + " policy; this file's setting for it is ignored");
                }
            }
        }
        return out;
    }
}
