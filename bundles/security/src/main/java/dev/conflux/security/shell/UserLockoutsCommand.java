package dev.conflux.security.shell;

import dev.conflux.security.api.LoginGuard;
import dev.conflux.security.api.LoginGuard.Lockout;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

@Command(scope = "conflux", name = "user-lockouts",
        description = "Lists the accounts and client addresses locked after failed logins")
@Service
public class UserLockoutsCommand implements Action {

    @Reference
    LoginGuard guard;

    @Option(name = "--no-format", description = "Disable table rendered output")
    boolean noFormat;

    @Override
    public Object execute() {
        ShellTable table = new ShellTable();
        table.column("Locked");
        table.column("Failures").alignRight();
        table.column("Since");
        table.column("Until");
        table.column("Left").alignRight();
        table.emptyTableText("No account or address is locked.");
        Instant now = Instant.now();
        for (Lockout l : guard.lockouts()) {
            long left = Math.max(0, Duration.between(now, l.until()).toSeconds());
            table.addRow().addContent(l.subject(), l.failures(), l.since().truncatedTo(ChronoUnit.SECONDS),
                    l.until().truncatedTo(ChronoUnit.SECONDS), left / 60 + "m" + String.format("%02ds", left % 60));
        }
        table.print(System.out, !noFormat);
        return null;
    }
}
