package dev.conflux.alerts.shell;

import dev.conflux.alerts.api.Alert;
import dev.conflux.alerts.api.AlertChannel;
import dev.conflux.alerts.api.AlertRule;
import dev.conflux.alerts.api.AlertService;
import dev.conflux.runtime.api.Durations;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

@Command(scope = "conflux", name = "alert-list",
        description = "Lists the active alerts (firing first, then pending); with options, the resolved ones, the rules or the channels")
@Service
public class AlertListCommand implements Action {

    static final int HISTORY = 200;

    @Reference
    AlertService alerts;

    @Option(name = "--history", description = "The resolved alerts, newest first (at most 200)")
    boolean history;

    @Option(name = "--rules", description = "The rules, INVALID ones with their problem, silenced ones until when")
    boolean rules;

    @Option(name = "--channels", description = "The notification channels")
    boolean channels;

    @Option(name = "--no-format", description = "Disable table rendered output")
    boolean noFormat;

    @Override
    public Object execute() {
        if (rules) {
            printRules();
        } else if (channels) {
            printChannels();
        } else {
            printAlerts();
        }
        return null;
    }

    private void printAlerts() {
        ShellTable table = new ShellTable();
        table.column("Alert");
        table.column("State");
        table.column("Severity");
        table.column(history ? "Resolved" : "Since");
        table.column("Value");
        table.column("Handled");
        table.column("Summary").maxSize(80).wrap();
        for (Alert a : history ? alerts.history(HISTORY) : alerts.active()) {
            String handled = (a.acknowledgedBy() == null ? "" : "ack " + a.acknowledgedBy())
                    + (a.silenced() ? (a.acknowledgedBy() == null ? "" : ", ") + "silenced" : "");
            table.addRow().addContent(a.id(), a.state(), a.severity(),
                    history ? Durations.ago(a.resolvedAt()) : Durations.since(a.since()), a.value(), handled,
                    a.summary());
        }
        table.print(System.out, !noFormat);
    }

    private void printRules() {
        ShellTable table = new ShellTable();
        table.column("Rule");
        table.column("Kind");
        table.column("Target");
        table.column("Status");
        table.column("Severity");
        table.column("Channels");
        table.column("Details").maxSize(80).wrap();
        for (AlertRule r : alerts.rules()) {
            String details = switch (r.status()) {
                case INVALID -> r.problem();
                case SILENCED -> "silenced until " + r.silencedUntil() + " by " + r.silencedBy() + ": "
                        + r.silenceReason();
                default -> r.settings().toString();
            };
            table.addRow().addContent(r.name(), r.kind(), r.target() == null ? "" : r.target(), r.status(),
                    r.severity(), String.join(",", r.channels()), details);
        }
        table.print(System.out, !noFormat);
    }

    private void printChannels() {
        ShellTable table = new ShellTable();
        table.column("Channel");
        table.column("Type");
        table.column("Status");
        table.column("Target");
        table.column("Last sent");
        table.column("Problem").maxSize(80).wrap();
        for (AlertChannel c : alerts.channels()) {
            table.addRow().addContent(c.name(), c.type(), c.status(), c.target(), Durations.ago(c.lastSentAt()),
                    c.problem() != null ? c.problem() : c.lastError() == null ? "" : "last error: " + c.lastError());
        }
        table.print(System.out, !noFormat);
    }
}
