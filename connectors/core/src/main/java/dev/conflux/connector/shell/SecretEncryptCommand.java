package dev.conflux.connector.shell;

import dev.conflux.connector.api.ConnectorService;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;

@Command(scope = "conflux", name = "secret-encrypt", description = "Encrypts a secret for a connector cfg file:"
        + " prints ENC(...) to paste as the value. Without an argument it asks for the secret without echo (keeps"
        + " it out of the shell history).")
@Service
public class SecretEncryptCommand implements Action {

    @Reference
    ConnectorService connectors;

    @Reference
    Session session;

    @Argument(index = 0, name = "secret", description = "The clear value (better: leave out and type it when asked)")
    String secret;

    @Override
    public Object execute() throws Exception {
        String clear = secret != null ? secret : session.readLine("Secret: ", '*');
        if (clear == null || clear.isEmpty()) {
            throw new IllegalArgumentException("nothing to encrypt");
        }
        System.out.println(connectors.encrypt(clear));
        return null;
    }
}
