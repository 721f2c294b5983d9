package dev.conflux.alerts.shell;

import dev.conflux.alerts.api.AlertRule;
import dev.conflux.alerts.api.AlertService;
import dev.conflux.audit.api.Caller;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Command(scope = "conflux", name = "alert-unsilence", description = "Lifts a rule's silence (audited)")
@Service
public class AlertUnsilenceCommand implements Action {

    @Reference
    AlertService alerts;

    @Argument(index = 0, name = "rule", description = "The silenced rule", required = true)
    @Completion(RuleNameCompleter.class)
    String rule;

    @Override
    public Object execute() {
        AlertRule r = alerts.unsilence(rule, "shell:" + Caller.current().user());
        System.out.println("Silence of " + r.name() + " lifted; it is " + r.status());
        return null;
    }
}
