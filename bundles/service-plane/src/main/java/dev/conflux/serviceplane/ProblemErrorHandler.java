package dev.conflux.serviceplane;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * The server's error handler: errors Jetty answers before a servlet runs (malformed request lines, bad chunks,
 * headers too large, bodies over the limit, requests the guard refuses) as RFC 9457 problem details, or as a SOAP
 * fault (1.1, or 1.2 by the request's content type) for a request to a SOAP endpoint.
 */
final class ProblemErrorHandler extends ErrorHandler {

    /** Requests under this path get a SOAP fault instead (null: none do). */
    private final String soapPath;

    ProblemErrorHandler(String soapPath) {
        this.soapPath = soapPath;
        setShowStacks(false);
        setShowCauses(false);
        setShowMessageInTitle(false);
    }

    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
            Callback callback) {
        String path = Request.getPathInContext(request);
        if (soapPath != null && path.startsWith(soapPath + "/") && path.length() > soapPath.length() + 1) {
            String contentType = String.valueOf(request.getHeaders().get(HttpHeader.CONTENT_TYPE));
            boolean soap12 = contentType.toLowerCase(Locale.ROOT).startsWith("application/soap+xml");
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, (soap12 ? "application/soap+xml" : "text/xml") + "; charset=utf-8");
            byte[] fault = Problems.soapFault(soap12, code, message).getBytes(StandardCharsets.UTF_8);
            response.write(true, ByteBuffer.wrap(fault), callback);
            return;
        }
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, Problems.MEDIA_TYPE);
        response.write(true, ByteBuffer.wrap(Problems.body(code, message)), callback);
    }

    /** Jetty answers errors to methods other than GET, POST and HEAD with no body: every client gets the document. */
    @Override
    public boolean errorPageForMethod(String method) {
        return true;
    }

    /** Errors found by the HTTP parser itself, answered without a request object. */
    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(HttpHeader.CONTENT_TYPE, Problems.MEDIA_TYPE);
        return ByteBuffer.wrap(Problems.body(status, reason));
    }
}
