package dev.conflux.flowmanagement.shell;

import dev.conflux.runtime.api.FlowService;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Command(scope = "conflux", name = "flow-info", description = "Shows one flow: state, revision, source, uptime, traffic and its last error")
@Service
public class FlowInfoCommand extends FlowCommand {

    @Argument(index = 0, name = "flow", description = "The flow's name", required = true)
    @Completion(FlowNameCompleter.class)
    String name;

    @Override
    public Object execute() {
        printStatus(System.out, flows.status(name).orElseThrow(() -> new FlowService.FlowOperationException("No flow named '" + name + "' (see conflux:flow-list)")));
        return null;
    }
}
