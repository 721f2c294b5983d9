package dev.conflux.flowmanagement.shell;

import dev.conflux.runtime.api.FlowProblem;
import java.nio.file.Path;
import java.util.List;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.completers.FileCompleter;

@Command(scope = "conflux", name = "flow-validate",
        description = "Checks a flow file without deploying it: syntax, components, Kamelets, endpoint options, placeholders")
@Service
public class FlowValidateCommand extends FlowCommand {

    @Argument(index = 0, name = "file", description = "The flow file (Camel YAML or XML DSL)", required = true)
    @Completion(FileCompleter.class)
    String file;

    @Override
    public Object execute() {
        List<FlowProblem> problems = flows.validate(Path.of(file).toAbsolutePath());
        if (problems.isEmpty()) {
            System.out.println(file + ": valid");
            return null;
        }
        problems.forEach(System.out::println);
        throw new IllegalArgumentException(file + ": " + problems.size() + " problem(s)");
    }
}
