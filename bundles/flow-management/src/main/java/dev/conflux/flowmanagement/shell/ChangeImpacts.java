package dev.conflux.flowmanagement.shell;

import dev.conflux.catalog.api.CatalogService;
import dev.conflux.catalog.api.ChangeImpact;
import java.nio.file.Path;
import java.util.List;

/**
 * Prints what a flow file would change against its deployed revision. The only class of this bundle that names the
 * catalog's types, so the flow commands load and run without the catalog installed.
 */
final class ChangeImpacts {

    private ChangeImpacts() {
    }

    static void print(Object catalogService, Path file) {
        ChangeImpact change = ((CatalogService) catalogService).impactOfChange(file);
        System.out.println(change.deployed() ? "Against the deployed revision of flow '" + change.flow() + "':"
                : "Flow '" + change.flow() + "' is not deployed yet; deploying it:");
        line("adds inputs", change.addedInputs());
        line("removes inputs", change.removedInputs());
        line("adds outputs", change.addedOutputs());
        line("removes outputs", change.removedOutputs());
        if (change.findings().isEmpty()) {
            System.out.println("No interface changes.");
        }
        change.findings().forEach(f -> System.out.println("  - " + f));
    }

    private static void line(String what, List<String> ids) {
        if (!ids.isEmpty()) {
            System.out.println("  " + what + ": " + String.join(", ", ids));
        }
    }
}
