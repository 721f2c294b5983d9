package dev.conflux.serviceplane.auth;

import dev.conflux.serviceplane.api.EndpointPolicyInfo;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns the endpoint policy configurations into the table in force, with the log lines that go with it: an ERROR
 * for each problem (naming the file and key), a WARN for each endpoint opened with {@code policy = none}, and an
 * ERROR for a {@code none} this environment refuses (the endpoint then asks for Basic credentials instead).
 */
public final class PolicyLoader {

    /** One configuration: its pid and its properties as strings. */
    public record Source(String pid, String name, String file, Map<String, String> properties) {
    }

    /** What a load produced. */
    public record Result(PolicyTable table, List<String> errors, List<String> warnings, Map<String, String> notes) {

        /** One line per configured path pattern, then the default for every other path. */
        public List<EndpointPolicyInfo> infos(List<String> defaultPaths) {
            List<EndpointPolicyInfo> out = new ArrayList<>();
            for (EndpointPolicy p : table.policies()) {
                for (String path : p.paths()) {
                    String note = notes.get(p.source());
                    out.add(new EndpointPolicyInfo(path, p.describe(), p.source() + (note == null ? "" : " (" + note + ")"),
                            p.rateLimit()));
                }
            }
            out.sort(Comparator.comparing(EndpointPolicyInfo::endpoint));
            for (String path : defaultPaths) {
                out.add(new EndpointPolicyInfo(path, EndpointPolicy.BASIC, "default (paths without a policy)", 0));
            }
            return List.copyOf(out);
        }
    }

    private static final String PREFIX = "conflux.endpoint-";
    private final List<String> anonymousPaths;
    private final PolicyConfig config;

    /** @param anonymousPaths path patterns that may be opened with {@code none}; {@code *} allows any */
    public PolicyLoader(List<String> anonymousPaths, PolicyConfig config) {
        this.anonymousPaths = anonymousPaths;
        this.config = config;
    }

    public PolicyLoader(List<String> anonymousPaths) {
        this(anonymousPaths, new PolicyConfig());
    }

    /** A source named after its cfg file ({@code felix.fileinstall.filename}), or after its pid. */
    public static Source source(String pid, Map<String, String> properties) {
        String url = properties.get("felix.fileinstall.filename");
        String file = null;
        String name = pid;
        if (url != null) {
            String fileName = url.substring(url.lastIndexOf('/') + 1);
            file = url.endsWith("/etc/" + fileName) ? "etc/" + fileName : url.replaceFirst("^file:", "");
            name = fileName.startsWith(PREFIX) && fileName.endsWith(".cfg")
                    ? fileName.substring(PREFIX.length(), fileName.length() - 4) : fileName;
        }
        return new Source(pid, name, file == null ? "configuration " + pid : file, properties);
    }

    public Result load(List<Source> sources) {
        List<String> errors = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        Map<String, String> notes = new HashMap<>();
        List<EndpointPolicy> policies = new ArrayList<>();
        List<Source> sorted = new ArrayList<>(sources);
        sorted.sort(Comparator.comparing(Source::file));
        for (Source s : sorted) {
            EndpointPolicy policy = config.parse(s.name(), s.file(), s.properties(), errors);
            if (policy == null) {
                continue;
            }
            if (policy.schemes().isEmpty()) {
                errors.add(s.file() + ": the endpoint policy is invalid; " + String.join(", ", policy.paths())
                        + " refuse every call (403) until it is fixed");
                notes.put(s.file(), "invalid: refuses every call");
            } else if (policy.open()) {
                List<String> refused = policy.paths().stream().filter(p -> !anonymousAllowed(p)).toList();
                if (refused.isEmpty()) {
                    warnings.add(s.file() + ": policy = none: " + String.join(", ", policy.paths())
                            + " answer anyone without authentication");
                } else {
                    errors.add(s.file() + ": key 'policy': 'none' is refused in this environment for "
                            + String.join(", ", refused) + " (not listed in anonymousPaths of"
                            + " etc/conflux.serviceplane.cfg); the endpoint asks for Basic credentials of a consumer"
                            + " instead");
                    notes.put(s.file(), "policy none refused: not in anonymousPaths");
                    policy = policy.withSchemes(Set.of(EndpointPolicy.BASIC));
                }
            }
            policies.add(policy);
        }
        errors.addAll(PolicyTable.clashes(policies));
        return new Result(new PolicyTable(policies), errors, warnings, Map.copyOf(notes));
    }

    private boolean anonymousAllowed(String path) {
        return anonymousPaths.contains("*") || anonymousPaths.contains(path);
    }

    /** A comma-separated setting as a list (blank items dropped). */
    public static List<String> list(String value) {
        return PolicyConfig.list(value);
    }
}
