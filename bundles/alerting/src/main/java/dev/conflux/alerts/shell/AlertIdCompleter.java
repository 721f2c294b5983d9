package dev.conflux.alerts.shell;

import dev.conflux.alerts.api.Alert;
import dev.conflux.alerts.api.AlertService;
import java.util.List;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;

/** Completes the ids of the active alerts. */
@Service
public class AlertIdCompleter implements Completer {

    @Reference
    AlertService alerts;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        StringsCompleter ids = new StringsCompleter();
        alerts.active().stream().map(Alert::id).forEach(ids.getStrings()::add);
        return ids.complete(session, commandLine, candidates);
    }
}
