package dev.conflux.serviceplane.metrics;

import java.util.function.Predicate;

/**
 * The endpoint and operation labels of a request, from bounded sets only: an endpoint is the REST base path's first
 * segment ({@code /api/orders}) or a SOAP service's path ({@code /services/orders}) that a flow serves, anything else
 * is {@code other}; a REST operation is the method and the matched path template ({@code POST /api/orders}), or the
 * method alone when no template matched; a SOAP operation is the one CXF dispatched to (always one of the
 * service's), {@code wsdl} for the WSDL, else {@code unknown}.
 */
public final class EndpointLabels {

    /** The two labels. */
    public record Labels(String endpoint, String operation) {
    }

    static final String OTHER = "other";
    static final String UNKNOWN = "unknown";

    private EndpointLabels() {
    }

    /**
     * @param restPath   where REST endpoints are ({@code /api})
     * @param pathInfo   the request's path below it ({@code /orders/17}), may be null
     * @param template   the path template of the REST endpoint that serves the request, null if none matched
     * @param served     whether a flow serves REST endpoints under a first segment ({@code orders})
     */
    public static Labels rest(String restPath, String pathInfo, String method, String template,
            Predicate<String> served) {
        String m = EndpointMetrics.method(method);
        if (template != null) {
            String t = template.startsWith("/") ? template : "/" + template;
            return new Labels(restPath + "/" + firstSegment(t), m + " " + restPath + t);
        }
        String segment = firstSegment(pathInfo);
        return !segment.isEmpty() && served.test(segment) ? new Labels(restPath + "/" + segment, m)
                : new Labels(OTHER, m);
    }

    /**
     * @param soapPath     where SOAP endpoints are ({@code /services})
     * @param servicePath  the path of the SOAP service the request went to ({@code /orders}), null if none
     * @param operation    the operation CXF dispatched the request to, null if none
     * @param wsdl         whether it asked for the WSDL (GET with ?wsdl)
     */
    public static Labels soap(String soapPath, String servicePath, String operation, boolean wsdl) {
        if (servicePath == null) {
            return new Labels(OTHER, UNKNOWN);
        }
        String path = servicePath.startsWith("/") ? servicePath : "/" + servicePath;
        return new Labels(soapPath + path, operation != null ? operation : wsdl ? "wsdl" : UNKNOWN);
    }

    /** The first segment of a path, without slashes or a query; "" for none. */
    static String firstSegment(String path) {
        if (path == null) {
            return "";
        }
        String p = path.startsWith("/") ? path.substring(1) : path;
        int end = p.length();
        for (char c : new char[] {'/', '?', ';'}) {
            int i = p.indexOf(c);
            if (i >= 0 && i < end) {
                end = i;
            }
        }
        return p.substring(0, end);
    }
}
