package dev.conflux.alerts.internal.channels;

import dev.conflux.runtime.api.ComponentProvider;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.impl.DefaultCamelContext;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;

/**
 * Sends through a mail connector instance the way a flow does: the instance's Camel component (its
 * {@link ComponentProvider} service) in a small CamelContext of our own, and {@code <instance>:send}. The context
 * lives for one mail, so a reconfigured instance is always used with its current settings.
 */
final class CamelMailSender implements MailSender {

    private static final String CONNECTOR_TYPE = "conflux.connector.type";

    private final BundleContext bundles;

    CamelMailSender(BundleContext bundles) {
        this.bundles = bundles;
    }

    @Override
    public void send(String connector, List<String> to, String from, String subject, String body) throws Exception {
        ServiceReference<ComponentProvider> reference = bundles.getServiceReferences(ComponentProvider.class,
                "(" + ComponentProvider.COMPONENT_NAME + "=" + connector + ")").stream().findFirst()
                .orElseThrow(() -> new IllegalStateException("no connector instance '" + connector + "' is running"
                        + " (conflux:connector-list shows the instances and why one is INVALID)"));
        Object type = reference.getProperty(CONNECTOR_TYPE);
        if (type != null && !"mail".equals(type)) {
            throw new IllegalStateException("connector instance '" + connector + "' is a " + type
                    + " connector, not a mail one");
        }
        ComponentProvider provider = bundles.getService(reference);
        if (provider == null) {
            throw new IllegalStateException("connector instance '" + connector + "' went away");
        }
        ClassLoader camelLoader = CamelContext.class.getClassLoader();
        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        // Camel and Jakarta Mail find their parts through the context class loader: the runtime's.
        Thread.currentThread().setContextClassLoader(camelLoader);
        DefaultCamelContext camel = new DefaultCamelContext(false);
        try {
            camel.getCamelContextExtension().setName("conflux-alerts-mail");
            camel.disableJMX();
            camel.setApplicationContextClassLoader(camelLoader);
            camel.addComponent(connector, provider.createComponent());
            camel.start();
            Map<String, Object> headers = new HashMap<>();
            headers.put("To", String.join(", ", to));
            headers.put("Subject", subject);
            headers.put("Content-Type", "text/plain; charset=UTF-8");
            if (from != null) {
                headers.put("From", from);
            }
            try (ProducerTemplate template = camel.createProducerTemplate()) {
                template.sendBodyAndHeaders(connector + ":send", body, headers);
            } catch (CamelExecutionException e) {
                throw new IOException("mail connector '" + connector + "' could not send: " + rootMessage(e));
            }
        } finally {
            try {
                camel.close();
            } finally {
                Thread.currentThread().setContextClassLoader(previous);
                bundles.ungetService(reference);
            }
        }
    }

    /** The innermost message (the SMTP server's answer, the refused connection), never a class name. */
    private static String rootMessage(Throwable e) {
        String message = "unknown error";
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                message = t.getMessage().strip();
            }
        }
        return message;
    }
}
