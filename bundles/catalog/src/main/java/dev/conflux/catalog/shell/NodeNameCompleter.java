package dev.conflux.catalog.shell;

import dev.conflux.catalog.api.CatalogNode;
import dev.conflux.catalog.api.CatalogService;
import java.util.List;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;

/** Completes the names of the catalog's nodes. */
@Service
public class NodeNameCompleter implements Completer {

    @Reference
    private CatalogService catalog;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        StringsCompleter names = new StringsCompleter();
        for (CatalogNode n : catalog.catalog().nodes()) {
            names.getStrings().add(n.name());
        }
        return names.complete(session, commandLine, candidates);
    }
}
