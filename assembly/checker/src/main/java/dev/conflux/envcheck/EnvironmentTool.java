package dev.conflux.envcheck;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code check <environment dir> <local repository> <revision> <build time>}: refuses a wrong definition and writes
 * {@code target/generated-environment/conflux.environment.cfg}.<br>
 * {@code diff <environment dir> <environment dir>}: what differs between two environments.
 */
public final class EnvironmentTool {

    private EnvironmentTool() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length >= 2 && args[0].equals("check")) {
            Path dir = Path.of(args[1]).toAbsolutePath().normalize();
            Path repo = Path.of(args.length > 2 ? args[2] : System.getProperty("user.home") + "/.m2/repository");
            check(dir, repo, args.length > 3 ? args[3] : "unknown", args.length > 4 ? args[4] : "");
        } else if (args.length == 3 && args[0].equals("diff")) {
            System.out.print(diff(EnvironmentDefinition.load(Path.of(args[1]).toAbsolutePath().normalize()),
                    EnvironmentDefinition.load(Path.of(args[2]).toAbsolutePath().normalize())));
        } else {
            throw new IllegalArgumentException("usage: check <environment dir> <local repository> <revision> <time>"
                    + " | diff <environment dir> <environment dir>");
        }
    }

    static void check(Path dir, Path localRepository, String revision, String built) throws Exception {
        if ("git".equals(revision)) {
            revision = gitRevision(dir);
        }
        EnvironmentDefinition env = EnvironmentDefinition.load(dir);
        Path root = dir.resolve("../..").normalize();
        Set<String> features = FeatureRepositories.featureNames(localRepository, featureRepositories(root, localRepository));
        List<String> problems = new EnvironmentCheck(root).problems(env, features);
        if (!problems.isEmpty()) {
            throw new IllegalStateException("Environment '" + env.name + "' (" + root.relativize(dir)
                    + ") is not valid:\n  - " + String.join("\n  - ", problems));
        }
        Path out = dir.resolve("target/generated-environment/conflux.environment.cfg");
        Files.createDirectories(out.getParent());
        Files.writeString(out, "# Written by the build from " + root.relativize(dir) + "; do not edit.\n"
                + "name = " + env.name + "\n"
                + "description = " + env.description + "\n"
                + "revision = " + revision + "\n"
                + "built = " + built + "\n"
                + "features = " + String.join(", ", env.bootFeatures) + "\n");
        System.out.println("Environment '" + env.name + "' is valid: " + env.bootFeatures.size() + " boot features, "
                + env.flows.size() + " flow files, revision " + revision);
    }

    /** The commit the definition was built from, "+dirty" when the repository has uncommitted changes. */
    static String gitRevision(Path dir) {
        try {
            String commit = run(dir, "git", "rev-parse", "--short=12", "HEAD").strip();
            String status = run(dir, "git", "status", "--porcelain", "--", ".", "../../etc").strip();
            return commit.isEmpty() ? "unknown" : commit + (status.isEmpty() ? "" : "+dirty");
        } catch (Exception e) {
            return "unknown";
        }
    }

    private static String run(Path dir, String... command) throws Exception {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(false).start();
        String out = new String(p.getInputStream().readAllBytes());
        return p.waitFor() == 0 ? out : "";
    }

    /** Karaf's standard and enterprise repositories, Artemis', and ours (from this build, else the local repository). */
    static List<Path> featureRepositories(Path root, Path localRepository) throws Exception {
        Properties versions = new Properties();
        String pom = Files.readString(root.resolve("pom.xml"));
        for (String key : List.of("karaf.version", "artemis.version")) {
            int start = pom.indexOf("<" + key + ">");
            versions.setProperty(key, pom.substring(start + key.length() + 2, pom.indexOf("</" + key + ">")).strip());
        }
        String karaf = versions.getProperty("karaf.version");
        List<Path> repos = new ArrayList<>();
        repos.add(FeatureRepositories.mavenPath(localRepository, "mvn:org.apache.karaf.features/standard/" + karaf + "/xml/features"));
        repos.add(FeatureRepositories.mavenPath(localRepository, "mvn:org.apache.karaf.features/enterprise/" + karaf + "/xml/features"));
        repos.add(FeatureRepositories.mavenPath(localRepository, "mvn:org.apache.karaf.features/framework/" + karaf + "/xml/features"));
        repos.add(FeatureRepositories.mavenPath(localRepository, "mvn:org.apache.activemq/artemis-features/"
                + versions.getProperty("artemis.version") + "/xml/features"));
        repos.add(root.resolve("features/target/feature/features.xml")); // built earlier in the same reactor
        repos.removeIf(p -> !Files.isRegularFile(p) && p.toString().contains("framework"));
        return repos;
    }

    static String diff(EnvironmentDefinition a, EnvironmentDefinition b) {
        StringBuilder out = new StringBuilder();
        out.append("Environments '").append(a.name).append("' and '").append(b.name).append("'\n");
        section(out, "Features", a.name, b.name, new TreeSet<>(a.bootFeatures), new TreeSet<>(b.bootFeatures));
        section(out, "Flows (flows/)", a.name, b.name, new TreeSet<>(a.flows), new TreeSet<>(b.flows));
        section(out, "Connectors (etc/conflux.connector.*)", a.name, b.name, connectors(a), connectors(b));
        out.append("Settings (etc/)\n");
        Set<String> files = new TreeSet<>(a.etc.keySet());
        files.addAll(b.etc.keySet());
        int differences = 0;
        for (String file : files) {
            Properties pa = a.etc.get(file);
            Properties pb = b.etc.get(file);
            if (pa == null || pb == null) {
                out.append("  ").append(file).append(": only in ").append(pa == null ? b.name : a.name).append('\n');
                differences++;
                continue;
            }
            Set<String> keys = new TreeSet<>(pa.stringPropertyNames());
            keys.addAll(pb.stringPropertyNames());
            for (String key : keys) {
                String va = pa.getProperty(key);
                String vb = pb.getProperty(key);
                if (!Objects.equals(va, vb)) {
                    out.append("  ").append(file).append(": ").append(key).append("\n      ").append(a.name).append(": ")
                            .append(va == null ? "(not set)" : va).append("\n      ").append(b.name).append(": ")
                            .append(vb == null ? "(not set)" : vb).append('\n');
                    differences++;
                }
            }
        }
        if (differences == 0) {
            out.append("  (none)\n");
        }
        return out.toString();
    }

    private static Set<String> connectors(EnvironmentDefinition env) {
        Set<String> names = new TreeSet<>();
        for (Map.Entry<String, Properties> e : env.etc.entrySet()) {
            if (e.getKey().startsWith("conflux.connector")) {
                names.add(e.getKey());
            }
        }
        return names;
    }

    private static void section(StringBuilder out, String title, String nameA, String nameB, Set<String> a, Set<String> b) {
        Set<String> onlyA = new LinkedHashSet<>(a);
        onlyA.removeAll(b);
        Set<String> onlyB = new LinkedHashSet<>(b);
        onlyB.removeAll(a);
        out.append(title).append('\n');
        if (onlyA.isEmpty() && onlyB.isEmpty()) {
            out.append("  (same)\n");
            return;
        }
        if (!onlyA.isEmpty()) {
            out.append("  only in ").append(nameA).append(": ").append(String.join(", ", onlyA)).append('\n');
        }
        if (!onlyB.isEmpty()) {
            out.append("  only in ").append(nameB).append(": ").append(String.join(", ", onlyB)).append('\n');
        }
    }
}
