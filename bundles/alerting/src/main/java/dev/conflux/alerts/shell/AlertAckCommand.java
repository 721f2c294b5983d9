package dev.conflux.alerts.shell;

import dev.conflux.alerts.api.Alert;
import dev.conflux.alerts.api.AlertService;
import dev.conflux.audit.api.Caller;
import java.util.List;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Command(scope = "conflux", name = "alert-ack",
        description = "Acknowledges an active alert: it stays active until resolved but is no longer repeated (audited)")
@Service
public class AlertAckCommand implements Action {

    @Reference
    AlertService alerts;

    @Argument(index = 0, name = "id", description = "The alert id (<rule>/<target>), see conflux:alert-list", required = true)
    @Completion(AlertIdCompleter.class)
    String id;

    @Argument(index = 1, name = "comment", description = "What is being done about it", multiValued = true)
    List<String> comment;

    @Override
    public Object execute() {
        Alert a = alerts.acknowledge(id, comment == null ? null : String.join(" ", comment),
                "shell:" + Caller.current().user());
        System.out.println("Acknowledged " + a.id() + " (" + a.state() + "): " + a.summary());
        return null;
    }
}
