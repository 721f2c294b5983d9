package dev.conflux.flowmanagement.shell;

import dev.conflux.runtime.api.FlowService;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Command(scope = "conflux", name = "flow-stop", description = "Stops a flow gracefully (in-flight exchanges finish, uncommitted messages go back to their queue); it stays stopped across restarts")
@Service
public class FlowStopCommand extends FlowCommand {

    @Argument(index = 0, name = "flow", description = "The flow's name", required = true)
    @Completion(FlowNameCompleter.class)
    String name;

    @Override
    public Object execute() {
        printStatus(System.out, audited("flow.stop", name, () -> flows.stop(name, actor())));
        return null;
    }
}
