package dev.conflux.flowmanagement.shell;

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
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;

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

    /** The catalog is looked up when --impact asks for it: this command works without the catalog installed. */
    @Reference
    BundleContext bundleContext;

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
            ServiceReference<?> ref = bundleContext.getServiceReference("dev.conflux.catalog.api.CatalogService");
            if (ref == null) {
                throw new IllegalStateException("--impact needs the interface catalog: feature:install conflux-catalog");
            }
            try {
                ChangeImpacts.print(bundleContext.getService(ref), path);
            } finally {
                bundleContext.ungetService(ref);
            }
        }
        return null;
    }
}
