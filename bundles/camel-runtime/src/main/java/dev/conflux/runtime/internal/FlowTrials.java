package dev.conflux.runtime.internal;

import dev.conflux.runtime.api.FlowTrial;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.camel.Exchange;
import org.apache.camel.Route;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.ComponentResolver;
import org.apache.camel.support.DefaultConsumer;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;

/**
 * Runs a flow definition once on a sample message, with no side effect by construction: the trial's context
 * resolves every component to one {@link CaptureComponent}, so no real endpoint (a queue, a server, a file, a
 * connector instance) is ever created, let alone started; only {@code direct:} stays real, which links the flow's
 * own routes and reaches nothing outside. Data formats and languages are the runtime's own, so what is captured
 * is what the flow would really send.
 */
final class FlowTrials {

    private static final Set<String> REAL = Set.of("direct");

    private final FlowContextFactory contexts;
    private final Duration timeout;

    FlowTrials(FlowContextFactory contexts, Duration timeout) {
        this.contexts = contexts;
        this.timeout = timeout;
    }

    FlowTrial run(String name, String content, String body, Map<String, String> headers) {
        CaptureComponent captures = new CaptureComponent();
        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        Thread.currentThread().setContextClassLoader(contexts.runtimeLoader());
        DefaultCamelContext context = contexts.newContext("conflux-trial-" + name, contexts.runtimeLoader(),
                new Properties());
        ExecutorService runner = Executors.newSingleThreadExecutor(r -> new Thread(r, "conflux-trial-" + name));
        try {
            ComponentResolver camel = PluginHelper.getComponentResolver(context);
            context.getCamelContextExtension().addContextPlugin(ComponentResolver.class,
                    (scheme, ctx) -> REAL.contains(scheme) ? camel.resolveComponent(scheme, ctx) : captures);
            context.disableJMX();
            try {
                PluginHelper.getRoutesLoader(context).loadRoutes(ResourceHelper.fromString(name + ".yaml", content));
                context.start();
            } catch (Exception e) {
                return new FlowTrial(List.of(), "the flow cannot start: " + FlowValidator.describe(e));
            }
            DefaultConsumer input = input(context, captures);
            if (input == null) {
                return new FlowTrial(List.of(), "the flow has no input to try (every route starts from direct:)");
            }
            Exchange exchange = input.getEndpoint().createExchange();
            exchange.getMessage().setBody(body);
            headers.forEach(exchange.getMessage()::setHeader);
            Future<?> done = runner.submit(() -> {
                input.getProcessor().process(exchange);
                return null;
            });
            try {
                done.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                done.cancel(true);
                return new FlowTrial(captures.sent(), "the flow did not finish the sample within " + timeout.toSeconds() + " s");
            } catch (ExecutionException e) {
                return new FlowTrial(captures.sent(), FlowValidator.describe(e.getCause()));
            }
            Exception failure = exchange.getException();
            return new FlowTrial(captures.sent(), failure == null ? null : FlowValidator.describe(failure));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new FlowTrial(captures.sent(), "interrupted");
        } finally {
            runner.shutdownNow();
            try {
                context.close();
            } catch (Exception ignored) {
                // nothing real was opened
            }
            Thread.currentThread().setContextClassLoader(previous);
        }
    }

    /** The consumer of the first route that does not start from direct:, where the sample enters. */
    private static DefaultConsumer input(DefaultCamelContext context, CaptureComponent captures) {
        for (Route route : context.getRoutes()) {
            String uri = route.getEndpoint().getEndpointUri();
            if (!uri.startsWith("direct:")) {
                return captures.consumerOf(uri);
            }
        }
        return null;
    }
}
