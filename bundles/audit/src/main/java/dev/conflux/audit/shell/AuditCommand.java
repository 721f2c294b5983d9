package dev.conflux.audit.shell;

import dev.conflux.audit.api.AuditEntry;
import dev.conflux.audit.api.AuditLog;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

@Command(scope = "conflux", name = "audit", description = "Shows the audit trail of operator actions, newest first")
@Service
public class AuditCommand implements Action {

    @Reference
    AuditLog audit;

    @Option(name = "-n", aliases = "--max", description = "How many entries (default 20)")
    int max = 20;

    @Option(name = "--verify", description = "Check the keyed chain and the last checkpoint: no line of the audit file changed, removed or cut off")
    boolean verify;

    @Option(name = "--no-format", description = "Disable table rendered output")
    boolean noFormat;

    @Override
    public Object execute() {
        if (verify) {
            System.out.println(audit.file() + ": " + audit.verify());
            return null;
        }
        ShellTable table = new ShellTable();
        table.column("#").alignRight();
        table.column("At");
        table.column("User");
        table.column("From");
        table.column("Action");
        table.column("Target");
        table.column("Items").maxSize(40);
        table.column("Result");
        table.column("Detail").maxSize(60);
        for (AuditEntry e : audit.recent(max)) {
            table.addRow().addContent(e.seq(), e.at(), e.user(), e.from(), e.action(), e.target(),
                    String.join(",", e.items()), e.result(), e.detail() == null ? "" : e.detail());
        }
        table.print(System.out, !noFormat);
        return null;
    }
}
