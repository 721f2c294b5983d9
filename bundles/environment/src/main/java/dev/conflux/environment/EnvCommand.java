package dev.conflux.environment;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Command(scope = "conflux", name = "env", description = "Shows which environment definition this Conflux was built from")
@Service
public class EnvCommand implements Action {

    @Reference
    private Environment environment;

    @Override
    public Object execute() {
        System.out.println("Environment : " + environment.getName());
        System.out.println("Description : " + environment.getDescription());
        System.out.println("Revision    : " + environment.getRevision());
        System.out.println("Built       : " + environment.getBuilt());
        System.out.println("Features    : " + String.join(", ", environment.getFeatures()));
        return null;
    }
}
