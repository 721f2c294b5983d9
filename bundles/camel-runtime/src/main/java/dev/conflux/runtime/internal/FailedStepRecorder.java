package dev.conflux.runtime.internal;

import org.apache.camel.AsyncCallback;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.NamedNode;
import org.apache.camel.Processor;
import org.apache.camel.spi.InterceptStrategy;
import org.apache.camel.support.processor.DelegateAsyncProcessor;

/**
 * Remembers on the exchange which step of a flow failed first ({@code throwException1 (throwException) at
 * orders.yaml:9}), for the dead-letter view. The innermost failing step completes first, so it wins.
 */
public final class FailedStepRecorder implements InterceptStrategy {

    /** The exchange property holding the failing step's description (read by dead-letter and trace recording). */
    public static final String STEP = "conflux.failedStep";

    @Override
    public Processor wrapProcessorInInterceptors(CamelContext context, NamedNode definition, Processor target,
            Processor nextTarget) {
        String step = describe(definition);
        return new DelegateAsyncProcessor(target) {
            @Override
            public boolean process(Exchange exchange, AsyncCallback callback) {
                return super.process(exchange, doneSync -> {
                    if (exchange.getException() != null && exchange.getProperty(STEP) == null) {
                        exchange.setProperty(STEP, step);
                    }
                    callback.done(doneSync);
                });
            }
        };
    }

    static String describe(NamedNode node) {
        StringBuilder s = new StringBuilder(String.valueOf(node.getId()));
        String label = node.getLabel();
        if (label != null && !label.equals(node.getId())) {
            s.append(" (").append(label).append(')');
        }
        String location = node.getLocation();
        if (location != null && node.getLineNumber() > 0) {
            s.append(" at ").append(location.substring(Math.max(location.lastIndexOf('/'), location.lastIndexOf(':')) + 1))
                    .append(':').append(node.getLineNumber());
        }
        return s.toString();
    }
}
