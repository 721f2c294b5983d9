package dev.conflux.flowmanagement.shell;

import dev.conflux.runtime.api.FlowService;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Command(scope = "conflux", name = "flow-restart", description = "Restarts a flow (stop gracefully, start the same revision)")
@Service
public class FlowRestartCommand extends FlowCommand {

    @Argument(index = 0, name = "flow", description = "The flow's name", required = true)
    @Completion(FlowNameCompleter.class)
    String name;

    @Override
    public Object execute() {
        printStatus(System.out, audited("flow.restart", name, () -> flows.restart(name, actor())));
        return null;
    }
}
