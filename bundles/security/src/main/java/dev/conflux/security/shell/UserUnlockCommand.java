package dev.conflux.security.shell;

import dev.conflux.security.api.LoginGuard;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Command(scope = "conflux", name = "user-unlock",
        description = "Lifts the lock that failed logins put on an account (or a client address) before it runs out")
@Service
public class UserUnlockCommand implements Action {

    @Reference
    LoginGuard guard;

    @Argument(index = 0, name = "user", required = true, description = "The account, or a client address")
    @Completion(LockedSubjectCompleter.class)
    String subject;

    @Override
    public Object execute() {
        if (guard.unlock(subject)) {
            System.out.println("Unlocked " + subject + ": it may log in again.");
        } else {
            System.out.println(subject + " was not locked.");
        }
        return null;
    }
}
