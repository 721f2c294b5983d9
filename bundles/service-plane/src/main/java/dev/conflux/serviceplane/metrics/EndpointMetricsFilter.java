package dev.conflux.serviceplane.metrics;

import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * Measures every request to {@code /api} and {@code /services}: in front of the authentication filter, so its
 * 401, 403 and 429 refusals are counted too. A request handled asynchronously (CXF continuations) is recorded when
 * it completes.
 */
public final class EndpointMetricsFilter implements Filter {

    /** Request and response body bytes of a request, -1 when unknown. */
    public interface Sizes {
        long requestBytes(HttpServletRequest request);

        long responseBytes(HttpServletRequest request);
    }

    /**
     * The request attribute in which the authentication filter leaves the consumer it admitted; a request without it
     * (refused, or to an open endpoint) is counted under the client's address.
     */
    public static final String CONSUMER = "dev.conflux.serviceplane.consumer";

    private final Consumer<EndpointMetrics.Request> metrics;
    private final Function<HttpServletRequest, EndpointLabels.Labels> labels;
    private final Sizes sizes;
    private final LongSupplier nanos;

    /** @param metrics told of every request once it is answered */
    public EndpointMetricsFilter(Consumer<EndpointMetrics.Request> metrics, Function<HttpServletRequest, EndpointLabels.Labels> labels,
            Sizes sizes, LongSupplier nanos) {
        this.metrics = metrics;
        this.labels = labels;
        this.sizes = sizes;
        this.nanos = nanos;
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        HttpServletResponse response = (HttpServletResponse) res;
        long start = nanos.getAsLong();
        boolean failed = true;
        try {
            chain.doFilter(req, res);
            failed = false;
        } finally {
            if (!failed && request.isAsyncStarted()) {
                request.getAsyncContext().addListener(new Completion(request, response, start));
            } else {
                record(request, failed ? 500 : response.getStatus(), start);
            }
        }
    }

    private void record(HttpServletRequest request, int status, long start) {
        long elapsed = nanos.getAsLong() - start;
        try {
            EndpointLabels.Labels l = labels.apply(request);
            Object consumer = request.getAttribute(CONSUMER);
            metrics.accept(new EndpointMetrics.Request(l.endpoint(), l.operation(), request.getMethod(), status,
                    elapsed, sizes.requestBytes(request), sizes.responseBytes(request),
                    consumer != null ? consumer.toString() : request.getRemoteAddr()));
        } catch (RuntimeException e) {
            // A measurement never fails a request.
        }
    }

    /** Records an asynchronous request once it is done. */
    private final class Completion implements AsyncListener {
        private final HttpServletRequest request;
        private final HttpServletResponse response;
        private final long start;

        Completion(HttpServletRequest request, HttpServletResponse response, long start) {
            this.request = request;
            this.response = response;
            this.start = start;
        }

        @Override
        public void onComplete(AsyncEvent event) {
            record(request, response.getStatus(), start);
        }

        @Override
        public void onTimeout(AsyncEvent event) {
            // onComplete follows
        }

        @Override
        public void onError(AsyncEvent event) {
            // onComplete follows
        }

        @Override
        public void onStartAsync(AsyncEvent event) {
            event.getAsyncContext().addListener(this);
        }
    }
}
