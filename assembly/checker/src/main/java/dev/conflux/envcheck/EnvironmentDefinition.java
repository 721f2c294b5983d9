package dev.conflux.envcheck;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * One environment as its folder defines it: {@code pom.xml} (name, description, boot features), {@code etc/}
 * (laid over the repository's top-level {@code etc/}) and {@code flows/}.
 */
final class EnvironmentDefinition {

    private static final Pattern ENV_DEFAULT = Pattern.compile("\\$\\{env:[A-Za-z0-9_]+:-([^}]*)}");

    final Path dir;
    final String name;
    final String description;
    final List<String> bootFeatures = new ArrayList<>();
    /** etc file name → properties, shared etc/ with the environment's etc/ laid over it (whole files). */
    final Map<String, Properties> etc = new TreeMap<>();
    /** etc file name → where it comes from (for messages). */
    final Map<String, Path> etcSource = new TreeMap<>();
    final List<String> flows = new ArrayList<>();

    private EnvironmentDefinition(Path dir, String name, String description) {
        this.dir = dir;
        this.name = name;
        this.description = description;
    }

    static EnvironmentDefinition load(Path dir) throws Exception {
        Path pom = dir.resolve("pom.xml");
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        Document doc = factory.newDocumentBuilder().parse(pom.toFile());
        Element project = doc.getDocumentElement();
        String artifactId = childText(project, "artifactId");
        String name = artifactId.startsWith("conflux-") ? artifactId.substring("conflux-".length()) : artifactId;
        String description = childText(project, "description").replaceAll("\\s+", " ").strip();
        EnvironmentDefinition env = new EnvironmentDefinition(dir, name, description);
        NodeList boot = doc.getElementsByTagName("bootFeatures");
        for (int i = 0; i < boot.getLength(); i++) {
            NodeList features = ((Element) boot.item(i)).getElementsByTagName("feature");
            for (int j = 0; j < features.getLength(); j++) {
                env.bootFeatures.add(features.item(j).getTextContent().strip());
            }
        }
        env.readEtc(dir.resolve("../../etc").normalize());
        env.readEtc(dir.resolve("etc"));
        Path flows = dir.resolve("flows");
        if (Files.isDirectory(flows)) {
            try (var files = Files.list(flows)) {
                files.map(f -> f.getFileName().toString()).filter(f -> !f.startsWith(".")).sorted().forEach(env.flows::add);
            }
        }
        return env;
    }

    private void readEtc(Path etcDir) throws IOException {
        if (!Files.isDirectory(etcDir)) {
            return;
        }
        try (var files = Files.list(etcDir)) {
            for (Path f : (Iterable<Path>) files.sorted()::iterator) {
                String file = f.getFileName().toString();
                if (file.endsWith(".cfg") || file.endsWith(".properties")) {
                    Properties p = new Properties();
                    try (InputStream in = Files.newInputStream(f)) {
                        p.load(in);
                    }
                    etc.put(file, p);
                } else {
                    etc.put(file, new Properties());
                }
                etcSource.put(file, f);
            }
        }
    }

    /**
     * System properties as Karaf will see them with no environment variables set: etc/system.properties with
     * etc/custom.system.properties over it, {@code ${env:X:-default}} taken as its default.
     */
    Map<String, String> systemProperties() {
        Map<String, String> all = new TreeMap<>();
        for (String file : List.of("system.properties", "custom.system.properties")) {
            Properties p = etc.get(file);
            if (p != null) {
                for (String key : p.stringPropertyNames()) {
                    if (!key.startsWith("${")) {
                        all.put(key, defaults(p.getProperty(key).strip()));
                    }
                }
            }
        }
        return all;
    }

    /** Where a system property is set last (for messages). */
    Path systemPropertySource(String key) {
        Properties custom = etc.get("custom.system.properties");
        if (custom != null && custom.containsKey(key)) {
            return etcSource.get("custom.system.properties");
        }
        return etcSource.get("system.properties");
    }

    private static String defaults(String value) {
        Matcher m = ENV_DEFAULT.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(m.group(1)));
        }
        return m.appendTail(out).toString();
    }

    private static String childText(Element parent, String tag) {
        NodeList children = parent.getChildNodes();
        for (int i = 0; i < children.getLength(); i++) {
            if (children.item(i) instanceof Element e && e.getTagName().equals(tag)) {
                return e.getTextContent();
            }
        }
        return "";
    }
}
