package dev.conflux.alerts.shell;

import dev.conflux.alerts.api.AlertRule;
import dev.conflux.alerts.api.AlertService;
import dev.conflux.alerts.api.Periods;
import dev.conflux.audit.api.Caller;
import java.util.List;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Command(scope = "conflux", name = "alert-silence",
        description = "Silences a rule for a while: still evaluated, but it notifies no channel (audited)")
@Service
public class AlertSilenceCommand implements Action {

    @Reference
    AlertService alerts;

    @Option(name = "--for", description = "How long: 30m, 2h, 1d or PT2H (default 2h)")
    String duration = "2h";

    @Argument(index = 0, name = "rule", description = "The rule's name (etc/conflux.alert-<name>.cfg)", required = true)
    @Completion(RuleNameCompleter.class)
    String rule;

    @Argument(index = 1, name = "reason", description = "Why (required)", required = true, multiValued = true)
    List<String> reason;

    @Override
    public Object execute() {
        AlertRule r = alerts.silence(rule, Periods.parse(duration), String.join(" ", reason),
                "shell:" + Caller.current().user());
        System.out.println("Silenced " + r.name() + " until " + r.silencedUntil() + ": " + r.silenceReason());
        return null;
    }
}
