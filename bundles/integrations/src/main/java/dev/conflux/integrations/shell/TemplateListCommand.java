package dev.conflux.integrations.shell;

import dev.conflux.integrations.api.IntegrationService;
import dev.conflux.integrations.api.Requester;
import dev.conflux.integrations.api.Template;
import dev.conflux.integrations.api.TemplateParameter;
import java.util.stream.Collectors;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

@Command(scope = "conflux", name = "template-list",
        description = "Lists the integration templates published to you, and the template files that are not valid and why")
@Service
public class TemplateListCommand implements Action {

    @Reference
    IntegrationService integrations;

    @Option(name = "--no-format", description = "Disable table rendered output")
    boolean noFormat;

    @Override
    public Object execute() {
        ShellTable table = new ShellTable();
        table.column("Template");
        table.column("Version").alignRight();
        table.column("Category");
        table.column("Title");
        table.column("Roles");
        table.column("Parameters");
        for (Template t : integrations.templates(Requester.current())) {
            table.addRow().addContent(t.id(), t.version(), t.category(), t.title(), String.join(",", t.roles()),
                    t.parameters().stream().map(TemplateParameter::name).collect(Collectors.joining(", ")));
        }
        table.print(System.out, !noFormat);
        var problems = integrations.templateProblems();
        if (!problems.isEmpty()) {
            System.out.println();
            System.out.println("Not published (fix the file and save it again):");
            problems.forEach(p -> System.out.println("  - " + p));
        }
        return null;
    }
}
