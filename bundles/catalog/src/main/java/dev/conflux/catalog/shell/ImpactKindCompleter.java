package dev.conflux.catalog.shell;

import dev.conflux.catalog.api.CatalogService;
import java.util.List;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;

/** Completes the kinds conflux:impact takes. */
@Service
public class ImpactKindCompleter implements Completer {

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        return new StringsCompleter(CatalogService.IMPACT_KINDS).complete(session, commandLine, candidates);
    }
}
