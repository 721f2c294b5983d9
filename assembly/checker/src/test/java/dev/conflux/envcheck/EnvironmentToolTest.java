package dev.conflux.envcheck;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.Before;
import org.junit.Test;

/** The checker against a miniature repository: root pom, shared etc/, feature repositories, environments. */
public class EnvironmentToolTest {

    private Path root;
    private Path repo;

    @Before
    public void layout() throws Exception {
        root = Files.createTempDirectory("envcheck");
        repo = root.resolve("m2");
        Files.writeString(root.resolve("pom.xml"),
                "<project><properties><karaf.version>4.4.10</karaf.version><artemis.version>2.43.0</artemis.version></properties></project>");
        Files.createDirectories(root.resolve("etc"));
        Files.writeString(root.resolve("etc/system.properties"), """
                conflux.http.port = ${env:CONFLUX_HTTP_PORT:-8181}
                conflux.services.port = ${env:CONFLUX_SERVICES_PORT:-8182}
                conflux.services.tls = ${env:CONFLUX_SERVICES_TLS:-false}
                conflux.services.tls.keystore = ${env:CONFLUX_TLS_KEYSTORE:-etc/tls/services.p12}
                """);
        Files.writeString(root.resolve("etc/artemis.xml"), "<configuration/>");
        Files.writeString(root.resolve("etc/org.apache.activemq.artemis.cfg"), "config = file:etc/artemis.xml\n");
        write(repo.resolve("org/apache/karaf/features/standard/4.4.10/standard-4.4.10-features.xml"),
                "<features><feature name='shell'/><feature name='ssh'/><feature name='scr'/></features>");
        write(repo.resolve("org/apache/karaf/features/enterprise/4.4.10/enterprise-4.4.10-features.xml"),
                "<features><feature name='transaction'/></features>");
        write(repo.resolve("org/apache/activemq/artemis-features/2.43.0/artemis-features-2.43.0-features.xml"),
                "<features><feature name='artemis-core'/></features>");
        write(root.resolve("features/target/feature/features.xml"),
                "<features><feature name='conflux'/><feature name='conflux-sample-orders'/></features>");
    }

    private static void write(Path file, String content) throws Exception {
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }

    private Path environment(String name, String features, String customSystemProperties) throws Exception {
        Path dir = root.resolve("assembly").resolve(name);
        StringBuilder boot = new StringBuilder();
        for (String f : features.split(" ")) {
            boot.append("<feature>").append(f).append("</feature>");
        }
        write(dir.resolve("pom.xml"), "<project><artifactId>conflux-" + name + "</artifactId><description>The " + name
                + " environment</description><build><plugins><plugin><configuration><bootFeatures>" + boot
                + "</bootFeatures></configuration></plugin></plugins></build></project>");
        if (customSystemProperties != null) {
            write(dir.resolve("etc/custom.system.properties"), customSystemProperties);
        }
        return dir;
    }

    @Test
    public void aValidDefinitionPassesAndDescribesItself() throws Exception {
        Path dir = environment("good", "shell scr conflux", "conflux.services.tls = true\n");
        EnvironmentTool.check(dir, repo, "abc123", "2026-11-23T00:00:00Z");
        String cfg = Files.readString(dir.resolve("target/generated-environment/conflux.environment.cfg"));
        assertTrue(cfg, cfg.contains("name = good"));
        assertTrue(cfg, cfg.contains("revision = abc123"));
        assertTrue(cfg, cfg.contains("features = shell, scr, conflux"));
    }

    @Test
    public void aWrongDefinitionIsRefusedWithEnvironmentFileAndProblem() throws Exception {
        Path dir = environment("broken", "shell conflux-sampel-orders conflux", """
                conflux.services.port = 8181
                conflux.services.tls = yes
                """);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> EnvironmentTool.check(dir, repo, "r", "t"));
        String message = e.getMessage();
        assertTrue(message, message.startsWith("Environment 'broken' (assembly/broken) is not valid:"));
        assertTrue(message, message.contains("assembly/broken/pom.xml: boot feature 'conflux-sampel-orders' does not"
                + " exist in the distribution's feature repositories (did you mean 'conflux-sample-orders'?)"));
        assertTrue(message, message.contains("assembly/broken/etc/custom.system.properties: conflux.services.port and"
                + " conflux.http.port both use port 8181"));
        assertTrue(message, message.contains("assembly/broken/etc/custom.system.properties: conflux.services.tls = 'yes'"
                + " must be true or false"));
        assertEquals(3, message.lines().filter(l -> l.startsWith("  - ")).count());
    }

    @Test
    public void tlsWithoutAKeystoreIsRefused() throws Exception {
        Path dir = environment("notls", "conflux", "conflux.services.tls = true\nconflux.services.tls.keystore =\n");
        String message = assertThrows(IllegalStateException.class, () -> EnvironmentTool.check(dir, repo, "r", "t")).getMessage();
        assertTrue(message, message.contains("conflux.services.tls is true but conflux.services.tls.keystore is empty"));
    }

    @Test
    public void theManagementAndBrokerTlsSwitchesAreCheckedLikeTheServicePlanes() throws Exception {
        Path dir = environment("halftls", "conflux",
                "conflux.broker.tls = on\nconflux.jmx.tls = true\nconflux.services.tls.keystore =\n");
        String message = assertThrows(IllegalStateException.class, () -> EnvironmentTool.check(dir, repo, "r", "t")).getMessage();
        assertTrue(message, message.contains("conflux.broker.tls = 'on' must be true or false"));
        assertTrue(message, message.contains("conflux.jmx.tls is true but conflux.services.tls.keystore is empty"));
    }

    @Test
    public void aWrongClusterDefinitionIsRefusedSayingWhatIsWrong() throws Exception {
        Path dir = environment("cluster", "conflux", null);
        write(dir.resolve("etc/conflux.cluster.cfg"), """
                nodes = a, b, c
                shared.dir = shared
                node.a.host = 10.0.0.1
                node.a.broker = primary
                node.a.http.port = 8181
                node.a.services.port = 8181
                node.b.host = 10.0.0.2
                node.b.broker = primary
                node.b.broker.port = 61616x
                node.c.broker = backp
                """);
        String message = assertThrows(IllegalStateException.class, () -> EnvironmentTool.check(dir, repo, "r", "t"))
                .getMessage();
        for (String problem : List.of(
                "etc/conflux.cluster.cfg: node.a.services.port and node.a.http.port both use 10.0.0.1:8181",
                "etc/conflux.cluster.cfg: node.b.broker.port = '61616x' is not a port number",
                "etc/conflux.cluster.cfg: node.c.host is missing",
                "etc/conflux.cluster.cfg: node.c.broker = 'backp' must be primary, backup or none",
                "etc/conflux.cluster.cfg: the cluster needs one primary and one backup broker (found 2 primary, 0 backup)",
                "etc/conflux.cluster.cfg: shared.dir = 'shared' must be an absolute path")) {
            assertTrue(message, message.contains(problem));
        }
    }

    @Test
    public void diffListsFeaturesFlowsAndSettings() throws Exception {
        Path dev = environment("dev", "shell ssh conflux conflux-sample-orders", null);
        write(dev.resolve("flows/hello.yaml"), "- route: {}\n");
        Path prod = environment("prod", "shell conflux", "conflux.services.tls = true\n");
        String diff = EnvironmentTool.diff(EnvironmentDefinition.load(dev), EnvironmentDefinition.load(prod));
        assertTrue(diff, diff.contains("Features\n  only in dev: conflux-sample-orders, ssh\n"));
        assertTrue(diff, diff.contains("Flows (flows/)\n  only in dev: hello.yaml\n"));
        assertTrue(diff, diff.contains("custom.system.properties: only in prod"));
    }
}
