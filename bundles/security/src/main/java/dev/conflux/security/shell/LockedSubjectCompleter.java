package dev.conflux.security.shell;

import dev.conflux.security.api.LoginGuard;
import java.util.List;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;

/** Completes the accounts and addresses locked now. */
@Service
public class LockedSubjectCompleter implements Completer {

    @Reference
    LoginGuard guard;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        StringsCompleter locked = new StringsCompleter();
        guard.lockouts().forEach(l -> locked.getStrings().add(l.subject()));
        return locked.complete(session, commandLine, candidates);
    }
}
