package dev.conflux.flowmanagement.shell;

import dev.conflux.catalog.api.CatalogService;
import dev.conflux.catalog.api.ChangeImpact;
import dev.conflux.runtime.api.FlowProblem;
import java.nio.file.Path;
import java.util.List;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.completers.FileCompleter;

@Command(scope = "conflux", name = "flow-validate",
        description = "Checks a flow file without deploying it: syntax, components, Kamelets, endpoint options, placeholders;"
                + " with --impact, also what it would change against the running revision and whom that touches")
@Service
public class FlowValidateCommand extends FlowCommand {

    @Argument(index = 0, name = "file", description = "The flow file (Camel YAML or XML DSL)", required = true)
    @Completion(FileCompleter.class)
    String file;

    @Option(name = "--impact", description = "Compare with the running revision of the flow: inputs and outputs added"
            + " or removed, and the flows, queues and APIs affected (needs the conflux-catalog feature)")
    boolean impact;

    @Reference(optional = true)
    CatalogService catalog;

    @Override
    public Object execute() {
        Path path = Path.of(file).toAbsolutePath();
        List<FlowProblem> problems = flows.validate(path);
        if (!problems.isEmpty()) {
            problems.forEach(System.out::println);
            throw new IllegalArgumentException(file + ": " + problems.size() + " problem(s)");
        }
        System.out.println(file + ": valid");
        if (impact) {
            if (catalog == null) {
                throw new IllegalStateException("--impact needs the interface catalog: feature:install conflux-catalog");
            }
            print(catalog.impactOfChange(path));
        }
        return null;
    }

    private static void print(ChangeImpact change) {
        System.out.println(change.deployed() ? "Against the running revision of flow '" + change.flow() + "':"
                : "Flow '" + change.flow() + "' does not run yet; deploying it:");
        line("adds inputs", change.addedInputs());
        line("removes inputs", change.removedInputs());
        line("adds outputs", change.addedOutputs());
        line("removes outputs", change.removedOutputs());
        if (change.findings().isEmpty()) {
            System.out.println("No interface changes.");
        }
        change.findings().forEach(f -> System.out.println("  - " + f));
    }

    private static void line(String what, List<String> ids) {
        if (!ids.isEmpty()) {
            System.out.println("  " + what + ": " + String.join(", ", ids));
        }
    }
}
