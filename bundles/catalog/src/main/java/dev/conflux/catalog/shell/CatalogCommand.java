package dev.conflux.catalog.shell;

import dev.conflux.catalog.api.Catalog;
import dev.conflux.catalog.api.CatalogEdge;
import dev.conflux.catalog.api.CatalogNode;
import dev.conflux.catalog.api.CatalogService;
import dev.conflux.catalog.api.NodeKind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.completers.FileCompleter;
import org.apache.karaf.shell.support.table.ShellTable;

@Command(scope = "conflux", name = "catalog",
        description = "Lists every interface of this Conflux, read from what runs: per flow, what it consumes and sends to")
@Service
public class CatalogCommand implements Action {

    @Reference
    CatalogService catalog;

    @Option(name = "--nodes", description = "List the nodes (flows, APIs, queues, connectors, systems) instead")
    boolean nodes;

    @Option(name = "--kind", description = "Only nodes of this kind: flow, api, queue, topic, endpoint, connector, system")
    @Completion(KindCompleter.class)
    String kind;

    @Option(name = "--json", description = "Print the catalog as JSON")
    boolean json;

    @Option(name = "--export", description = "Write the catalog to FILE as a self-contained HTML page with the graph,"
            + " and its JSON beside it (FILE with .json)")
    @Completion(FileCompleter.class)
    String export;

    @Option(name = "--no-format", description = "Disable table rendered output")
    boolean noFormat;

    @Override
    public Object execute() throws IOException {
        if (export != null) {
            Path html = Path.of(export).toAbsolutePath();
            String name = html.getFileName().toString();
            Path json = html.resolveSibling((name.contains(".") ? name.substring(0, name.lastIndexOf('.')) : name)
                    + ".json");
            Files.writeString(html, catalog.exportHtml(), StandardCharsets.UTF_8);
            Files.writeString(json, catalog.exportJson(), StandardCharsets.UTF_8);
            System.out.println("Wrote " + html + " and " + json);
            return null;
        }
        if (json) {
            System.out.println(catalog.exportJson());
            return null;
        }
        Catalog c = catalog.catalog();
        if (nodes || kind != null) {
            printNodes(c);
        } else {
            printInterfaces(c);
        }
        return null;
    }

    private void printInterfaces(Catalog c) {
        Map<String, CatalogNode> byId = c.nodes().stream().collect(Collectors.toMap(CatalogNode::id, n -> n));
        ShellTable table = new ShellTable();
        table.column("Flow");
        table.column("Dir");
        table.column("Kind");
        table.column("Interface").maxSize(60);
        table.column("Known");
        for (CatalogEdge e : c.edges()) {
            if (e.flow().isEmpty()) {
                continue;
            }
            boolean in = e.to().startsWith("flow:");
            CatalogNode other = byId.get(in ? e.from() : e.to());
            table.addRow().addContent(e.flow(), in ? "in" : "out", other.kind().label(), other.name(), e.known());
        }
        for (Catalog.DynamicTarget d : c.dynamic()) {
            table.addRow().addContent(d.flow(), "out", "dynamic", d.expression(), "per message");
        }
        table.print(System.out, !noFormat);
        System.out.println("Environment " + c.environment() + ": " + count(c, NodeKind.FLOW) + " flows, "
                + count(c, NodeKind.API) + " APIs, " + (count(c, NodeKind.QUEUE) + count(c, NodeKind.TOPIC))
                + " queues and topics, " + count(c, NodeKind.CONNECTOR) + " connector instances, "
                + count(c, NodeKind.SYSTEM) + " systems outside");
    }

    private void printNodes(Catalog c) {
        ShellTable table = new ShellTable();
        table.column("Kind");
        table.column("Name").maxSize(50);
        table.column("In");
        table.column("Out");
        table.column("Details").maxSize(70).wrap();
        for (CatalogNode n : c.nodes()) {
            if (kind != null && !n.kind().label().equalsIgnoreCase(kind)) {
                continue;
            }
            table.addRow().addContent(n.kind().label(), n.name(), neighbours(c, n, true), neighbours(c, n, false),
                    n.details().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                            .collect(Collectors.joining(", ")));
        }
        table.print(System.out, !noFormat);
    }

    /** The nodes feeding a node ({@code into}) or fed by it. */
    private static String neighbours(Catalog c, CatalogNode n, boolean into) {
        List<String> ids = c.edges().stream().filter(e -> into ? e.to().equals(n.id()) : e.from().equals(n.id()))
                .map(e -> into ? e.from() : e.to()).distinct().toList();
        return String.join(", ", ids);
    }

    private static long count(Catalog c, NodeKind kind) {
        return c.nodes().stream().filter(n -> n.kind() == kind).count();
    }
}
