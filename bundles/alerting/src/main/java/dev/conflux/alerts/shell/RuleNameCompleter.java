package dev.conflux.alerts.shell;

import dev.conflux.alerts.api.AlertRule;
import dev.conflux.alerts.api.AlertService;
import java.util.List;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;

/** Completes the names of the alert rules. */
@Service
public class RuleNameCompleter implements Completer {

    @Reference
    AlertService alerts;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        StringsCompleter names = new StringsCompleter();
        alerts.rules().stream().map(AlertRule::name).forEach(names.getStrings()::add);
        return names.complete(session, commandLine, candidates);
    }
}
