package dev.conflux.serviceplane.metrics;

import jakarta.servlet.http.HttpServletRequest;
import org.eclipse.jetty.ee10.servlet.ServletContextRequest;

/**
 * Body sizes as Jetty counted them: the request's declared length (or what was read of it), and what the servlet
 * wrote of the response body.
 */
public final class JettySizes implements EndpointMetricsFilter.Sizes {

    @Override
    public long requestBytes(HttpServletRequest request) {
        long declared = request.getContentLengthLong();
        if (declared >= 0) {
            return declared;
        }
        ServletContextRequest jetty = ServletContextRequest.getServletContextRequest(request);
        return jetty == null ? -1 : jetty.getHttpInput().getContentReceived();
    }

    @Override
    public long responseBytes(HttpServletRequest request) {
        ServletContextRequest jetty = ServletContextRequest.getServletContextRequest(request);
        return jetty == null ? -1 : jetty.getServletContextResponse().getHttpOutput().getWritten();
    }
}
