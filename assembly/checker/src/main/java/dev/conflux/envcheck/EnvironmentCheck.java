package dev.conflux.envcheck;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The rules a definition must satisfy before it is assembled. Each problem names the file and what is expected. */
final class EnvironmentCheck {

    private final Path root;

    /** @param root the repository root, so that messages show paths relative to it */
    EnvironmentCheck(Path root) {
        this.root = root;
    }

    List<String> problems(EnvironmentDefinition env, Set<String> knownFeatures) {
        List<String> problems = new ArrayList<>();
        Path pom = env.dir.resolve("pom.xml");
        if (env.bootFeatures.isEmpty()) {
            problems.add(rel(pom) + ": no boot features (bootFeatures of karaf-maven-plugin)");
        }
        for (String feature : env.bootFeatures) {
            if (!knownFeatures.contains(feature)) {
                String hint = closest(feature, knownFeatures);
                problems.add(rel(pom) + ": boot feature '" + feature + "' does not exist in the distribution's feature"
                        + " repositories" + (hint == null ? "" : " (did you mean '" + hint + "'?)"));
            }
        }
        if (env.bootFeatures.contains("conflux-sample-orders") && !env.bootFeatures.contains("conflux")
                && !env.bootFeatures.contains("conflux-service-plane")) {
            problems.add(rel(pom) + ": feature 'conflux-sample-orders' needs the service plane ('conflux')");
        }

        Map<String, String> props = env.systemProperties();
        Map<String, String> portOwner = new HashMap<>();
        props.entrySet().stream().filter(e -> e.getKey().startsWith("conflux.") && e.getKey().endsWith(".port"))
                .sorted(Map.Entry.comparingByKey()).forEach(e -> {
                    String where = rel(env.systemPropertySource(e.getKey()));
                    int port;
                    try {
                        port = Integer.parseInt(e.getValue());
                    } catch (NumberFormatException notNumber) {
                        problems.add(where + ": " + e.getKey() + " = '" + e.getValue() + "' is not a port number (1-65535)");
                        return;
                    }
                    if (port < 1 || port > 65535) {
                        problems.add(where + ": " + e.getKey() + " = " + port + " is not a port number (1-65535)");
                    } else if (portOwner.containsKey(e.getValue())) {
                        problems.add(where + ": " + e.getKey() + " and " + portOwner.get(e.getValue())
                                + " both use port " + port + "; every listener needs its own port");
                    } else {
                        portOwner.put(e.getValue(), e.getKey());
                    }
                });
        List<String> tlsSwitches = List.of("conflux.services.tls", "conflux.http.tls", "conflux.broker.tls",
                "conflux.jmx.tls");
        for (String key : List.of("conflux.services.tls", "conflux.admin.password.generate", "conflux.http.tls",
                "conflux.http.plain", "conflux.broker.tls", "conflux.jmx.tls")) {
            String value = props.get(key);
            if (value != null && !value.equals("true") && !value.equals("false")) {
                problems.add(rel(env.systemPropertySource(key)) + ": " + key + " = '" + value + "' must be true or false");
            }
        }
        for (String tls : tlsSwitches) {
            if ("true".equals(props.get(tls)) && props.getOrDefault("conflux.services.tls.keystore", "").isBlank()) {
                problems.add(rel(env.systemPropertySource(tls)) + ": " + tls + " is true but"
                        + " conflux.services.tls.keystore is empty; name the PKCS12 keystore (or CONFLUX_TLS_KEYSTORE)");
            }
        }
        if (env.bootFeatures.contains("conflux") || env.bootFeatures.contains("conflux-broker")) {
            for (String file : List.of("artemis.xml", "org.apache.activemq.artemis.cfg")) {
                if (!env.etc.containsKey(file)) {
                    problems.add(rel(env.dir.resolve("etc")) + ": the broker (feature 'conflux') needs etc/" + file
                            + ", found neither in the shared etc/ nor in the environment's");
                }
            }
        }
        String policy = props.get("jolokia.policyLocation");
        if (policy != null && policy.contains("${karaf.etc}/")) {
            String file = policy.substring(policy.indexOf("${karaf.etc}/") + "${karaf.etc}/".length());
            if (!env.etc.containsKey(file)) {
                problems.add(rel(env.systemPropertySource("jolokia.policyLocation")) + ": jolokia.policyLocation names"
                        + " etc/" + file + ", which the environment does not provide");
            }
        }
        problems.addAll(ClusterCheck.check(env.etc.get(ClusterCheck.FILE), rel(env.etcSource.get(ClusterCheck.FILE))));
        for (String flow : env.flows) {
            if (!flow.matches(".*\\.(yaml|yml|xml)") && !flow.equals("README.md")) {
                problems.add(rel(env.dir.resolve("flows").resolve(flow)) + ": not a flow file (.yaml, .yml or .xml)");
            }
        }
        return problems;
    }

    private String rel(Path p) {
        if (p == null) {
            return "?";
        }
        Path abs = p.toAbsolutePath().normalize();
        return abs.startsWith(root) ? root.relativize(abs).toString() : abs.toString();
    }

    private static String closest(String name, Set<String> candidates) {
        return candidates.stream().filter(c -> distance(c, name) <= 3)
                .min(Comparator.comparingInt(c -> distance(c, name))).orElse(null);
    }

    private static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1),
                        d[i - 1][j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1));
            }
        }
        return d[a.length()][b.length()];
    }
}
