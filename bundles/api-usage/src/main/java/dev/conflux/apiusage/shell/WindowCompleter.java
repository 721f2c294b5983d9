package dev.conflux.apiusage.shell;

import dev.conflux.apiusage.api.Window;
import java.util.List;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;

/** Completes the windows usage is reported over. */
@Service
public class WindowCompleter implements Completer {

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        StringsCompleter windows = new StringsCompleter();
        for (Window w : Window.values()) {
            windows.getStrings().add(w.label());
        }
        return windows.complete(session, commandLine, candidates);
    }
}
