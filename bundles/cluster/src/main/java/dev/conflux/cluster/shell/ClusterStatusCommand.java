package dev.conflux.cluster.shell;

import dev.conflux.cluster.api.ClusterService;
import dev.conflux.cluster.api.ClusterView;
import java.time.Duration;
import java.time.Instant;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

@Command(scope = "conflux", name = "cluster-status",
        description = "Shows the nodes of the cluster (broker role, health, last report) and each flow's revision per node")
@Service
public class ClusterStatusCommand implements Action {

    @Reference
    ClusterService cluster;

    @Option(name = "--no-format", description = "Disable table rendered output")
    boolean noFormat;

    @Override
    public Object execute() {
        ClusterView view = cluster.view();
        if (!view.clustered()) {
            System.out.println("This instance is not a node of a cluster (started without CONFLUX_NODE; docs/cluster.md).");
        }
        ShellTable nodes = new ShellTable();
        nodes.column("Node");
        nodes.column("Host");
        nodes.column("Defined as");
        nodes.column("Broker");
        nodes.column("Health");
        nodes.column("State");
        nodes.column("Last report").alignRight();
        for (ClusterView.Node n : view.nodes()) {
            String name = n.name().equals(view.localNode()) ? n.name() + " (this node)" : n.name();
            nodes.addRow().addContent(name, n.host(), n.defined(), n.broker(), n.health(), n.state(), ago(n.lastSeen()));
        }
        nodes.print(System.out, !noFormat);
        if (!view.flows().isEmpty()) {
            System.out.println();
            ShellTable flows = new ShellTable();
            flows.column("Flow");
            for (String node : view.flows().get(0).revisions().keySet()) {
                flows.column(node);
            }
            flows.column("Same everywhere");
            for (ClusterView.Flow f : view.flows()) {
                var row = flows.addRow();
                row.addContent(f.name());
                f.revisions().values().forEach(row::addContent);
                row.addContent(f.same() ? "yes" : "NO");
            }
            flows.print(System.out, !noFormat);
        }
        System.out.println();
        if (view.problems().isEmpty()) {
            System.out.println("No problems.");
        } else {
            System.out.println("Problems:");
            view.problems().forEach(p -> System.out.println("  - " + p));
        }
        return null;
    }

    private static String ago(Instant at) {
        if (at == null) {
            return "never";
        }
        long s = Math.max(0, Duration.between(at, Instant.now()).toSeconds());
        return s + " s ago";
    }
}
