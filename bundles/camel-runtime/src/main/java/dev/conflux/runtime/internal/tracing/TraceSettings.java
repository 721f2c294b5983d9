package dev.conflux.runtime.internal.tracing;

import java.io.InputStream;
import java.util.Properties;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Expression;
import org.apache.camel.Message;
import org.apache.camel.StreamCache;
import org.apache.camel.jsonpath.JsonPathExpression;
import org.apache.camel.language.xpath.XPathBuilder;
import org.apache.camel.support.builder.ExpressionBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A flow's tracing properties (from {@code etc/conflux.flow-<name>.cfg}): {@code trace.businessKey}, an expression
 * for the message's business key ({@code $.orderId} JSONPath, {@code /order/id} XPath, {@code ${header.id}} Camel
 * simple, {@code header:OrderId}), and payload capture ({@code trace.capture}, {@code trace.capture.maxBytes},
 * {@code trace.mask}, see {@link Payloads}). A bad value is logged with the file and key and leaves that setting
 * off (or at its default); the flow runs all the same.
 */
final class TraceSettings {

    static final String BUSINESS_KEY = "trace.businessKey";
    static final String CAPTURE = "trace.capture";
    static final String MAX_BYTES = "trace.capture.maxBytes";
    static final String MASK = "trace.mask";
    static final int DEFAULT_MAX_BYTES = 4096;

    private static final Logger LOG = LoggerFactory.getLogger(TraceSettings.class);
    static final TraceSettings NONE = new TraceSettings(null, false, null);

    private final Expression businessKey;
    private final boolean bodyKey;
    private final Payloads payloads;

    private TraceSettings(Expression businessKey, boolean bodyKey, Payloads payloads) {
        this.businessKey = businessKey;
        this.bodyKey = bodyKey;
        this.payloads = payloads;
    }

    static TraceSettings of(String flow, Properties properties, CamelContext context) {
        String file = "etc/conflux.flow-" + flow + ".cfg: ";
        Expression key = null;
        String spec = properties.getProperty(BUSINESS_KEY, "").trim();
        if (!spec.isEmpty()) {
            try {
                key = expression(spec, context);
            } catch (RuntimeException e) {
                LOG.error("{}{} = {}: {}; messages of flow '{}' get no business key", file, BUSINESS_KEY, spec,
                        e.getMessage(), flow);
            }
        }
        Payloads payloads = null;
        String capture = properties.getProperty(CAPTURE, "false").trim();
        if (capture.equalsIgnoreCase("true")) {
            int maxBytes = DEFAULT_MAX_BYTES;
            String max = properties.getProperty(MAX_BYTES, "").trim();
            if (!max.isEmpty()) {
                try {
                    maxBytes = Integer.parseInt(max);
                    if (maxBytes < 1) {
                        throw new NumberFormatException();
                    }
                } catch (NumberFormatException e) {
                    maxBytes = DEFAULT_MAX_BYTES;
                    LOG.error("{}{} = {}: not a positive number of bytes; {} applies", file, MAX_BYTES, max,
                            DEFAULT_MAX_BYTES);
                }
            }
            String mask = properties.getProperty(MASK, "");
            try {
                payloads = new Payloads(maxBytes, mask);
            } catch (IllegalArgumentException e) {
                LOG.error("{}{} = {}: {}; no payload of flow '{}' is captured, so none can show an unmasked value",
                        file, MASK, mask, e.getMessage(), flow);
            }
        } else if (!capture.equalsIgnoreCase("false")) {
            LOG.error("{}{} = {}: expected true or false; payloads are not captured", file, CAPTURE, capture);
        }
        return key == null && payloads == null ? NONE : new TraceSettings(key, !spec.startsWith("header:"), payloads);
    }

    /** The expression a {@code trace.businessKey} value stands for. */
    static Expression expression(String spec, CamelContext context) {
        Expression e;
        if (spec.startsWith("header:")) {
            String name = spec.substring("header:".length()).trim();
            if (name.isEmpty()) {
                throw new IllegalArgumentException("name the header after header:");
            }
            return ExpressionBuilder.headerExpression(name);
        } else if (spec.startsWith("${")) {
            e = context.resolveLanguage("simple").createExpression(spec);
        } else if (spec.startsWith("$")) {
            JsonPathExpression json = new JsonPathExpression(spec);
            json.setResultType(String.class);
            json.setSuppressExceptions(true);
            e = json;
        } else if (spec.startsWith("/")) {
            e = XPathBuilder.xpath(spec).stringResult();
        } else {
            throw new IllegalArgumentException("expected $.path (JSONPath), /path (XPath), ${...} (Camel simple) or"
                    + " header:<name>");
        }
        e.init(context);
        return e;
    }

    boolean capture() {
        return payloads != null;
    }

    boolean hasBusinessKey() {
        return businessKey != null;
    }

    /**
     * The business key of the message as it came in, or null when there is none or the expression fails on it
     * (which never fails the exchange). A body that can be read only once is not read.
     */
    String businessKey(Exchange exchange) {
        Message in = exchange.getIn();
        Object body = bodyKey ? in.getBody() : null;
        if (body instanceof InputStream && !(body instanceof StreamCache)) {
            return null;
        }
        Exception before = exchange.getException();
        try {
            String key = businessKey.evaluate(exchange, String.class);
            return key == null || key.isBlank() ? null : key.trim();
        } catch (RuntimeException e) {
            return null;
        } finally {
            exchange.setException(before);
            if (body instanceof StreamCache cache) {
                cache.reset();
            }
        }
    }

    /** The body captured for an entry hop, masked and cut to size; null when capture is off or it cannot be read. */
    String payload(Message in) {
        return payloads == null ? null : payloads.capture(in);
    }
}
