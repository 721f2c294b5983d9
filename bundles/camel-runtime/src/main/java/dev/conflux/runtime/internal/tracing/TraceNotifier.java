package dev.conflux.runtime.internal.tracing;

import dev.conflux.runtime.internal.FailedStepRecorder;
import dev.conflux.tracing.api.Hop;
import dev.conflux.tracing.api.HopKind;
import dev.conflux.tracing.api.TraceParent;
import dev.conflux.tracing.api.TraceRecorder;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.Queue;
import jakarta.jms.Topic;
import java.net.SocketTimeoutException;
import java.net.http.HttpTimeoutException;
import java.time.Instant;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePropertyKey;
import org.apache.camel.component.jms.JmsMessage;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.spi.CamelEvent.ExchangeCompletedEvent;
import org.apache.camel.spi.CamelEvent.ExchangeCreatedEvent;
import org.apache.camel.spi.CamelEvent.ExchangeFailedEvent;
import org.apache.camel.spi.CamelEvent.ExchangeSendingEvent;
import org.apache.camel.spi.CamelEvent.ExchangeSentEvent;
import org.apache.camel.support.EventNotifierSupport;
import org.apache.camel.support.ExchangeHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records a flow's hops through Camel's own exchange events. An exchange a route's consumer creates continues the
 * incoming {@code traceparent} (or starts a trace), carries it on in the {@code traceparent} header, gets its
 * business key and makes its entry hop (RECEIVED, or CONSUMED / REDELIVERED from a queue); a send to a {@code jms:}
 * destination is SENT, to any other system CALLED (steps inside the flow are no hops); the exchange ends COMPLETED
 * or FAILED. Copies inside the flow (seda, split) stay in the exchange's trace. Without a {@link TraceRecorder}, or
 * with tracing off, Camel does not even create the events; nothing here ever throws into an exchange or waits.
 */
public final class TraceNotifier extends EventNotifierSupport {

    /** The header naming the consumer the service plane admitted the request of. */
    static final String CONSUMER = "ConfluxConsumer";

    private static final Logger LOG = LoggerFactory.getLogger(TraceNotifier.class);
    private static final String NODE = System.getProperty("karaf.name", "root");
    private static final Pattern HTTP_STATUS = Pattern.compile("statusCode: (\\d{3})");
    private static final int MAX_ERROR = 1000;

    private final String flow;
    private final String revision;
    private final TraceSettings settings;
    private final RecorderHolder recorders;
    private final Targets targets = new Targets();
    private final AtomicLong lastWarning = new AtomicLong();

    TraceNotifier(String flow, String revision, TraceSettings settings, RecorderHolder recorders) {
        this.flow = flow;
        this.revision = revision;
        this.settings = settings;
        this.recorders = recorders;
        setIgnoreCamelContextEvents(true);
        setIgnoreCamelContextInitEvents(true);
        setIgnoreRouteEvents(true);
        setIgnoreServiceEvents(true);
        setIgnoreStepEvents(true);
        setIgnoreExchangeRedeliveryEvents(true);
        setIgnoreExchangeAsyncProcessingStartedEvents(true);
    }

    /** The notifier of a running flow: its name, revision and {@code trace.*} properties. */
    public static TraceNotifier of(String flow, int revision, Properties properties, CamelContext context,
            RecorderHolder recorders) {
        return new TraceNotifier(flow, String.valueOf(revision), TraceSettings.of(flow, properties, context), recorders);
    }

    /** Consulted by Camel before it creates an event: no recorder or tracing off costs nothing per exchange. */
    @Override
    public boolean isDisabled() {
        return recorders.active() == null;
    }

    @Override
    public boolean isEnabled(CamelEvent event) {
        return event instanceof ExchangeCreatedEvent || event instanceof ExchangeSendingEvent
                || event instanceof ExchangeSentEvent || event instanceof ExchangeCompletedEvent
                || event instanceof ExchangeFailedEvent;
    }

    @Override
    public void notify(CamelEvent event) {
        try {
            if (event instanceof ExchangeCreatedEvent e) {
                created(e.getExchange());
            } else if (event instanceof ExchangeSendingEvent e) {
                sending(e.getExchange(), e.getEndpoint());
            } else if (event instanceof ExchangeSentEvent e) {
                sent(e.getExchange(), e.getEndpoint(), e.getTimeTaken());
            } else if (event instanceof ExchangeCompletedEvent e) {
                completed(e.getExchange());
            } else if (event instanceof ExchangeFailedEvent e) {
                failed(e.getExchange());
            }
        } catch (RuntimeException | LinkageError | JMSException e) {
            long now = System.currentTimeMillis();
            long last = lastWarning.get();
            if (now - last > 60_000 && lastWarning.compareAndSet(last, now)) {
                LOG.warn("Flow '{}': a trace hop could not be recorded (the message goes on): {}", flow, e.toString());
            }
        }
    }

    private void created(Exchange e) throws JMSException {
        if (e.getProperty(ExchangeTrace.PROPERTY) != null || recorders.active() == null) {
            return; // a copy inside the flow: it stays in the trace of the exchange it was copied from
        }
        var in = e.getIn();
        Optional<TraceParent> incoming = TraceParent.parse(in.getHeader(TraceParent.HEADER, String.class));
        TraceParent span = incoming.map(TraceParent::child).orElseGet(TraceParent::newTrace);
        in.setHeader(TraceParent.HEADER, span.toString());
        String key = in.getHeader(TraceParent.BUSINESS_KEY, String.class);
        if (key == null && settings.hasBusinessKey()) {
            key = settings.businessKey(e);
        }
        String parent = incoming.map(TraceParent::spanId).orElse(null);
        Hop.Builder entry;
        int attempt = 0;
        String messageId = null;
        if (in instanceof JmsMessage jms && jms.getJmsMessage() != null) {
            Message m = jms.getJmsMessage();
            attempt = m.propertyExists("JMSXDeliveryCount") ? m.getIntProperty("JMSXDeliveryCount") : 1;
            messageId = m.getJMSMessageID();
            entry = Hop.of(span.traceId(), attempt > 1 ? HopKind.REDELIVERED : HopKind.CONSUMED)
                    .target(destination(m, e)).attempt(attempt).messageId(messageId);
            long sent = m.getJMSTimestamp();
            if (sent > 0) {
                entry.waitedMillis(Math.max(0, System.currentTimeMillis() - sent));
            }
        } else {
            entry = Hop.of(span.traceId(), HopKind.RECEIVED).target(Targets.received(e, in, targets))
                    .actor(in.getHeader(CONSUMER, String.class));
        }
        entry.span(span.spanId(), parent).node(NODE).flow(flow, revision).route(e.getFromRouteId());
        if (settings.capture()) {
            entry.payload(settings.payload(in));
        }
        e.setProperty(ExchangeTrace.PROPERTY, new ExchangeTrace(span.traceId(), span.spanId(), parent,
                e.getExchangeId(), key, entry, attempt, messageId));
    }

    /** The trace (and, to a queue, the business key) goes with every message the flow sends out. */
    private void sending(Exchange e, Endpoint endpoint) {
        ExchangeTrace t = e.getProperty(ExchangeTrace.PROPERTY, ExchangeTrace.class);
        if (t == null) {
            return;
        }
        Targets.Kind kind = targets.of(endpoint).kind();
        if (kind == Targets.Kind.INTERNAL) {
            return;
        }
        t.sending(Instant.now());
        var m = e.getIn();
        if (m.getHeader(TraceParent.HEADER) == null) {
            m.setHeader(TraceParent.HEADER, new TraceParent(t.traceId, t.spanId, "01").toString());
        }
        if (kind == Targets.Kind.QUEUE && m.getHeader(TraceParent.BUSINESS_KEY) == null && key(t, e) != null) {
            m.setHeader(TraceParent.BUSINESS_KEY, t.businessKey());
        }
    }

    private void sent(Exchange e, Endpoint endpoint, long millis) {
        ExchangeTrace t = e.getProperty(ExchangeTrace.PROPERTY, ExchangeTrace.class);
        Targets.Target target = t == null ? null : targets.of(endpoint);
        TraceRecorder r = target == null || target.kind() == Targets.Kind.INTERNAL ? null : recorders.get();
        if (r == null) {
            return;
        }
        flushEntry(r, t, e);
        Instant began = t.sending();
        Exception failure = e.getException();
        Hop.Builder hop = hop(t, e, target.kind() == Targets.Kind.QUEUE ? HopKind.SENT : HopKind.CALLED)
                .time(began != null ? began : Instant.now().minusMillis(millis)).target(target.text())
                .durationMillis(millis).outcome(failure == null ? "ok" : outcome(e, failure));
        if (failure != null) {
            hop.failure(null, message(failure));
        }
        record(r, hop);
    }

    private void completed(Exchange e) {
        ExchangeTrace t = e.getProperty(ExchangeTrace.PROPERTY, ExchangeTrace.class);
        TraceRecorder r = t == null || !t.owner.equals(e.getExchangeId()) ? null : recorders.get();
        if (r == null) {
            return;
        }
        flushEntry(r, t, e);
        Hop.Builder hop = hop(t, e, HopKind.COMPLETED).durationMillis(t.elapsedMillis());
        Throwable handled = e.getProperty(ExchangePropertyKey.EXCEPTION_CAUGHT, Throwable.class);
        if (handled == null) {
            hop.outcome("ok");
        } else { // e.g. a REST request answered 400: the flow dealt with it, the hop says how
            Integer status = e.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
            hop.outcome(status != null && status >= 400 ? String.valueOf(status) : "handled")
                    .failure(step(e), message(handled));
        }
        record(r, hop);
    }

    private void failed(Exchange e) {
        ExchangeTrace t = e.getProperty(ExchangeTrace.PROPERTY, ExchangeTrace.class);
        boolean own = t != null && (t.owner.equals(e.getExchangeId()) || e.getFromEndpoint() != null
                && e.getFromEndpoint().getEndpointUri().startsWith("seda:")); // a seda copy fails on its own
        TraceRecorder r = own ? recorders.get() : null;
        if (r == null) {
            return;
        }
        flushEntry(r, t, e);
        Throwable cause = e.getException() != null ? e.getException()
                : e.getProperty(ExchangePropertyKey.EXCEPTION_CAUGHT, Throwable.class);
        String route = e.getProperty(ExchangePropertyKey.FAILURE_ROUTE_ID, String.class);
        record(r, hop(t, e, HopKind.FAILED).route(route != null ? route : e.getFromRouteId()).outcome("failed")
                .durationMillis(t.elapsedMillis()).attempt(t.attempt).messageId(t.messageId)
                .failure(step(e), cause == null ? null : message(cause)));
    }

    private Hop.Builder hop(ExchangeTrace t, Exchange e, HopKind kind) {
        String route = ExchangeHelper.getAtRouteId(e);
        return Hop.of(t.traceId, kind).span(t.spanId, t.parentSpanId).businessKey(key(t, e)).node(NODE)
                .flow(flow, revision).route(route != null ? route : e.getFromRouteId());
    }

    /** The entry hop, with the business key known by now (a flow may have set it since). */
    private void flushEntry(TraceRecorder r, ExchangeTrace t, Exchange e) {
        Hop.Builder entry = t.takeEntry();
        if (entry != null) {
            if (e.getFromRouteId() != null) {
                entry.route(e.getFromRouteId()); // not yet known at creation for an exchange from a producer template
            }
            record(r, entry.businessKey(key(t, e)));
        }
    }

    /** The flow's {@code ConfluxBusinessKey} header if it set one, else the key found when the message came in. */
    private static String key(ExchangeTrace t, Exchange e) {
        Object header = e.getIn().getHeader(TraceParent.BUSINESS_KEY);
        if (header != null) {
            String key = header.toString();
            if (!key.isBlank() && !key.equals(t.businessKey())) {
                t.businessKey(key);
            }
        }
        return t.businessKey();
    }

    private void record(TraceRecorder r, Hop.Builder hop) {
        try {
            r.record(hop.build());
        } catch (RuntimeException | LinkageError e) {
            long now = System.currentTimeMillis();
            long last = lastWarning.get();
            if (now - last > 60_000 && lastWarning.compareAndSet(last, now)) {
                LOG.warn("Flow '{}': the trace recorder refused a hop (the message goes on): {}", flow, e.toString());
            }
        }
    }

    private static String destination(Message m, Exchange e) throws JMSException {
        if (m.getJMSDestination() instanceof Queue q) {
            return q.getQueueName();
        }
        if (m.getJMSDestination() instanceof Topic topic) {
            return "topic:" + topic.getTopicName();
        }
        return e.getFromEndpoint() == null ? null : Targets.readable(e.getFromEndpoint().getEndpointUri());
    }

    private static String step(Exchange e) {
        String step = e.getProperty(FailedStepRecorder.STEP, String.class);
        String endpoint = e.getProperty(ExchangePropertyKey.FAILURE_ENDPOINT, String.class);
        return step != null ? step : endpoint == null ? null : "sending to " + Targets.readable(endpoint);
    }

    /** {@code 503} for an HTTP status, {@code timeout}, else {@code failed}. */
    static String outcome(Exchange e, Throwable failure) {
        for (Throwable c = failure; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof SocketTimeoutException || c instanceof HttpTimeoutException || c instanceof TimeoutException) {
                return "timeout";
            }
            Matcher status = HTTP_STATUS.matcher(String.valueOf(c.getMessage()));
            if (status.find()) {
                return status.group(1);
            }
        }
        return "failed";
    }

    /** The failure's message (never a stack trace), or the simple name of its type when it has none. */
    static String message(Throwable failure) {
        String m = failure.getMessage();
        if (m == null || m.isBlank()) {
            m = failure.getCause() != null && failure.getCause().getMessage() != null ? failure.getCause().getMessage()
                    : failure.getClass().getSimpleName();
        }
        return m.length() <= MAX_ERROR ? m : m.substring(0, MAX_ERROR - 1) + "…";
    }
}
