package dev.conflux.serviceplane;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.eclipse.jetty.ee10.servlet.ErrorHandler;
import org.eclipse.jetty.ee10.servlet.ServletContextRequest;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;

/**
 * The servlet context's error handler: errors raised by or around the CXF and Camel servlets ({@code sendError},
 * uncaught exceptions) as RFC 9457 problem details. An exception's text is never shown (see {@link Problems}).
 */
final class ServletProblemErrorHandler extends ErrorHandler {

    ServletProblemErrorHandler() {
        setShowStacks(false);
        setShowServlet(false);
        setShowMessageInTitle(false);
    }

    @Override
    protected void generateAcceptableResponse(ServletContextRequest baseRequest, HttpServletRequest request,
            HttpServletResponse response, int code, String message) throws IOException {
        // A servlet that failed reading a malformed or oversized body reports a server error; Jetty knows better.
        int status = code >= 500 ? clientStatus(request.getAttribute(RequestDispatcher.ERROR_EXCEPTION), code) : code;
        if (status >= 500) {
            status = bodyFailureStatus(baseRequest, status);
        }
        if (status != code) {
            response.setStatus(status);
        }
        byte[] body = Problems.body(status, status == code ? message : null);
        response.setContentType(Problems.MEDIA_TYPE);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    /** The 4xx status of the Jetty HTTP exception behind {@code failure} (bad chunk, body over the limit), if any. */
    static int clientStatus(Object failure, int otherwise) {
        for (Throwable t = failure instanceof Throwable th ? th : null; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof HttpException http && http.getCode() >= 400 && http.getCode() < 500) {
                return http.getCode();
            }
        }
        return otherwise;
    }

    /**
     * Camel's servlet answers a body it could not read with a bare 500; the request's content then holds Jetty's
     * failure (a bad chunk: 400, over the size limit: 413), which is what the client needs to hear.
     */
    static int bodyFailureStatus(Request request, int otherwise) {
        try {
            Content.Chunk chunk = request.read();
            if (chunk == null) {
                return otherwise;
            }
            try {
                return clientStatus(chunk.getFailure(), otherwise);
            } finally {
                chunk.release();
            }
        } catch (RuntimeException failure) {
            return clientStatus(failure, otherwise);
        }
    }

    /** Jetty answers errors to methods other than GET, POST and HEAD with no body: every client gets the document. */
    @Override
    public boolean errorPageForMethod(String method) {
        return true;
    }

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(HttpHeader.CONTENT_TYPE, Problems.MEDIA_TYPE);
        return ByteBuffer.wrap(Problems.body(status, reason));
    }
}
