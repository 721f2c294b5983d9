package dev.conflux.envcheck;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** Feature names reachable from the distribution's feature repositories (following their repository references). */
final class FeatureRepositories {

    private FeatureRepositories() {
    }

    static Set<String> featureNames(Path localRepository, Iterable<Path> roots) throws Exception {
        Set<String> names = new TreeSet<>();
        Set<Path> seen = new HashSet<>();
        Deque<Path> todo = new ArrayDeque<>();
        roots.forEach(todo::add);
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(false);
        while (!todo.isEmpty()) {
            Path file = todo.pop();
            if (!seen.add(file)) {
                continue;
            }
            if (!Files.isRegularFile(file)) {
                throw new IllegalStateException("feature repository not found: " + file);
            }
            Document doc = factory.newDocumentBuilder().parse(file.toFile());
            NodeList features = doc.getDocumentElement().getChildNodes();
            for (int i = 0; i < features.getLength(); i++) {
                if (features.item(i) instanceof Element e && e.getTagName().endsWith("feature")) {
                    names.add(e.getAttribute("name"));
                }
            }
            NodeList repos = doc.getElementsByTagName("repository");
            for (int i = 0; i < repos.getLength(); i++) {
                Path ref = mavenPath(localRepository, repos.item(i).getTextContent().strip());
                if (ref != null && Files.isRegularFile(ref)) {
                    todo.add(ref);
                }
            }
        }
        return names;
    }

    /** mvn:group/artifact/version/type/classifier → the file in the local repository. */
    static Path mavenPath(Path localRepository, String url) {
        if (!url.startsWith("mvn:")) {
            return null;
        }
        String[] p = url.substring(4).split("/");
        if (p.length < 3) {
            return null;
        }
        String type = p.length > 3 ? p[3] : "jar";
        String classifier = p.length > 4 ? "-" + p[4] : "";
        return localRepository.resolve(p[0].replace('.', '/')).resolve(p[1]).resolve(p[2])
                .resolve(p[1] + "-" + p[2] + classifier + "." + type);
    }
}
