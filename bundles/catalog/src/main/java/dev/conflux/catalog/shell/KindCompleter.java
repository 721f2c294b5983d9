package dev.conflux.catalog.shell;

import dev.conflux.catalog.api.NodeKind;
import java.util.List;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;

/** Completes the kinds of catalog nodes. */
@Service
public class KindCompleter implements Completer {

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        StringsCompleter kinds = new StringsCompleter();
        for (NodeKind k : NodeKind.values()) {
            kinds.getStrings().add(k.label());
        }
        return kinds.complete(session, commandLine, candidates);
    }
}
