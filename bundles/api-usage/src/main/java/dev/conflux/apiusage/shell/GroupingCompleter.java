package dev.conflux.apiusage.shell;

import dev.conflux.apiusage.api.Grouping;
import java.util.List;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;

/** Completes what a usage report has a row for. */
@Service
public class GroupingCompleter implements Completer {

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        StringsCompleter groupings = new StringsCompleter();
        for (Grouping g : Grouping.values()) {
            groupings.getStrings().add(g.label());
        }
        return groupings.complete(session, commandLine, candidates);
    }
}
