package dev.conflux.serviceplane.metrics;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Locale;
import java.util.function.Function;
import org.apache.camel.http.common.CamelServlet;
import org.apache.camel.http.common.HttpConsumer;
import org.apache.cxf.Bus;
import org.apache.cxf.BusException;
import org.apache.cxf.transport.DestinationFactory;
import org.apache.cxf.transport.DestinationFactoryManager;
import org.apache.cxf.transport.http.AbstractHTTPDestination;
import org.apache.cxf.transport.http.DestinationRegistry;
import org.apache.cxf.transport.http.HTTPTransportFactory;

/**
 * The labels of a request to the service plane, asked of what serves it: Camel's servlet resolves the REST endpoint
 * (and its path template) as it would to serve the request, CXF's destination registry the SOAP service, and
 * {@link SoapOperationInterceptor} left the operation CXF dispatched to.
 */
public final class ServiceLabels implements Function<HttpServletRequest, EndpointLabels.Labels> {

    private static final String HTTP_TRANSPORT = "http://cxf.apache.org/transports/http/configuration";

    private final String restPath;
    private final String soapPath;
    private final CamelServlet rest;
    private final Bus bus;
    private volatile DestinationRegistry soap;

    public ServiceLabels(String restPath, String soapPath, CamelServlet rest, Bus bus) {
        this.restPath = restPath;
        this.soapPath = soapPath;
        this.rest = rest;
        this.bus = bus;
    }

    @Override
    public EndpointLabels.Labels apply(HttpServletRequest request) {
        String servletPath = request.getServletPath();
        if (restPath.equals(servletPath)) {
            return EndpointLabels.rest(restPath, request.getPathInfo(), request.getMethod(), template(request),
                    this::servesRest);
        }
        if (soapPath.equals(servletPath)) {
            AbstractHTTPDestination destination = destination(request.getPathInfo());
            Object operation = request.getAttribute(SoapOperationInterceptor.OPERATION);
            String query = request.getQueryString();
            return EndpointLabels.soap(soapPath, destination == null ? null : destination.getPath(),
                    operation == null ? null : operation.toString(), "GET".equals(request.getMethod()) && query != null
                            && query.toLowerCase(Locale.ROOT).startsWith("wsdl"));
        }
        return new EndpointLabels.Labels(EndpointLabels.OTHER, EndpointMetrics.method(request.getMethod()));
    }

    private String template(HttpServletRequest request) {
        try {
            HttpConsumer consumer = rest.getServletResolveConsumerStrategy().resolve(request, rest.getConsumers());
            return consumer == null ? null : consumer.getPath();
        } catch (RuntimeException e) {
            return null;
        }
    }

    private boolean servesRest(String segment) {
        return rest.getConsumers().values().stream()
                .anyMatch(c -> segment.equals(EndpointLabels.firstSegment(c.getPath())));
    }

    private AbstractHTTPDestination destination(String pathInfo) {
        DestinationRegistry registry = registry();
        return registry == null || pathInfo == null ? null : registry.getDestinationForPath(pathInfo, true);
    }

    private DestinationRegistry registry() {
        if (soap == null) {
            try {
                DestinationFactoryManager factories = bus.getExtension(DestinationFactoryManager.class);
                DestinationFactory factory = factories == null ? null : factories.getDestinationFactory(HTTP_TRANSPORT);
                soap = factory instanceof HTTPTransportFactory http ? http.getRegistry() : null;
            } catch (BusException e) {
                return null;
            }
        }
        return soap;
    }
}
