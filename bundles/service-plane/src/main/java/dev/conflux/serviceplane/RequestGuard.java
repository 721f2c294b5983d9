package dev.conflux.serviceplane;

import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.util.List;
import java.util.Locale;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Refuses, before any endpoint sees it, a request no endpoint of the service plane can serve: an expectation other
 * than {@code 100-continue} (417), a transfer coding other than {@code chunked} (400), a content encoding other than
 * {@code identity} (415), a charset this JVM does not know (415), a malformed percent-escape in the query (400) or a
 * declared body over the limit (413); for SOAP endpoints, a method other than POST and GET (405) or a body that is not
 * XML (415); and CXF's list of endpoints unless it is enabled (404). The answer is a problem document from {@link ProblemErrorHandler}.
 */
final class RequestGuard extends Handler.Wrapper {

    /** Why a request is refused: status, a sentence for the client, and an optional header to add. */
    record Refusal(int status, String detail, HttpHeader header, String headerValue) {
        Refusal(int status, String detail) {
            this(status, detail, null, null);
        }
    }

    /** Media types a SOAP endpoint reads: SOAP 1.1, SOAP 1.2 and MTOM. */
    private static final List<String> SOAP_TYPES = List.of("text/xml", "application/soap+xml", "multipart/related");

    private final long maxRequestBytes;
    /** Where the SOAP endpoints are. */
    private final String soapPath;
    /** CXF's list of endpoints when it is not to be served (null: it is served). */
    private final String hiddenServiceList;

    RequestGuard(Handler handler, long maxRequestBytes, String soapPath, boolean serviceListEnabled) {
        super(handler);
        this.maxRequestBytes = maxRequestBytes;
        this.soapPath = soapPath;
        this.hiddenServiceList = serviceListEnabled ? null : soapPath;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String path = Request.getPathInContext(request);
        Refusal refusal = isServiceList(path) ? new Refusal(404, null)
                : check(request.getHeaders(), request.getHttpURI().getQuery(), request.getLength(), maxRequestBytes);
        if (refusal == null && path.startsWith(soapPath + "/")) {
            refusal = checkSoap(request.getMethod(), request.getHeaders().get(HttpHeader.CONTENT_TYPE));
        }
        if (refusal == null) {
            return super.handle(request, response, callback);
        }
        if (refusal.header() != null) {
            response.getHeaders().put(refusal.header(), refusal.headerValue());
        }
        Response.writeError(request, response, callback, refusal.status(), refusal.detail());
        return true;
    }

    private boolean isServiceList(String path) {
        return hiddenServiceList != null && (path.equals(hiddenServiceList) || path.equals(hiddenServiceList + "/"));
    }

    static Refusal check(HttpFields headers, String query, long contentLength, long maxRequestBytes) {
        String expect = headers.get(ExpectationFieldConnectionFactory.UNSUPPORTED_EXPECT);
        if (expect == null && headers.get(HttpHeader.EXPECT) != null
                && !ExpectationFieldConnectionFactory.known(joined(headers, HttpHeader.EXPECT))) {
            expect = joined(headers, HttpHeader.EXPECT);
        }
        if (expect != null) {
            return new Refusal(417, "Unsupported expectation '" + printable(expect) + "': only 100-continue is supported.");
        }
        String transfer = joined(headers, HttpHeader.TRANSFER_ENCODING);
        if (transfer != null && !transfer.equalsIgnoreCase("chunked")) {
            return new Refusal(400, "Unsupported transfer coding '" + printable(transfer) + "': send the body with"
                    + " Content-Length or Transfer-Encoding: chunked.");
        }
        String encoding = joined(headers, HttpHeader.CONTENT_ENCODING);
        if (encoding != null && !encoding.equalsIgnoreCase("identity")) {
            return new Refusal(415, "Unsupported content encoding '" + printable(encoding) + "': send the body"
                    + " uncompressed.", HttpHeader.ACCEPT_ENCODING, "identity");
        }
        String charset = charset(headers.get(HttpHeader.CONTENT_TYPE));
        if (charset != null && !supported(charset)) {
            return new Refusal(415, "Unsupported charset '" + printable(charset) + "' in Content-Type: use UTF-8.");
        }
        if (query != null && !wellEscaped(query)) {
            return new Refusal(400, "Malformed percent-escape in the query string: '%' must be followed by two"
                    + " hexadecimal digits.");
        }
        if (maxRequestBytes >= 0 && contentLength > maxRequestBytes) {
            return new Refusal(413, "The request body (" + contentLength + " bytes) is larger than the limit of "
                    + maxRequestBytes + " bytes.");
        }
        return null;
    }

    /**
     * SOAP endpoints are called with POST (GET for their WSDL) and an XML media type; anything else is refused
     * before CXF sees it, which would otherwise read a JSON or text body as an envelope.
     */
    static Refusal checkSoap(String method, String contentType) {
        if (!method.equals("POST") && !method.equals("GET") && !method.equals("HEAD")) {
            return new Refusal(405, "SOAP endpoints accept POST (and GET for their WSDL), not " + printable(method) + ".",
                    HttpHeader.ALLOW, "GET, HEAD, POST");
        }
        String type = contentType == null ? "" : contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        if (method.equals("POST") && !SOAP_TYPES.contains(type)) {
            return new Refusal(415, "Unsupported content type '" + (type.isEmpty() ? "none" : printable(type))
                    + "': send a SOAP 1.1 envelope as text/xml or a SOAP 1.2 envelope as application/soap+xml.");
        }
        return null;
    }

    private static String joined(HttpFields headers, HttpHeader header) {
        List<String> values = headers.getValuesList(header);
        if (values.isEmpty()) {
            return null;
        }
        return String.join(", ", values).trim();
    }

    /** The charset parameter of a Content-Type, unquoted; null if there is none. */
    static String charset(String contentType) {
        if (contentType == null) {
            return null;
        }
        for (String part : contentType.split(";")) {
            String p = part.trim();
            int eq = p.indexOf('=');
            if (eq > 0 && p.substring(0, eq).trim().toLowerCase(Locale.ROOT).equals("charset")) {
                String value = p.substring(eq + 1).trim();
                if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                    value = value.substring(1, value.length() - 1);
                }
                return value;
            }
        }
        return null;
    }

    private static boolean supported(String charset) {
        try {
            return !charset.isEmpty() && Charset.isSupported(charset);
        } catch (IllegalCharsetNameException e) {
            return false;
        }
    }

    static boolean wellEscaped(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == '%') {
                if (i + 2 >= s.length() || !hex(s.charAt(i + 1)) || !hex(s.charAt(i + 2))) {
                    return false;
                }
                i += 2;
            }
        }
        return true;
    }

    private static boolean hex(char c) {
        return Character.digit(c, 16) >= 0 && c < 128;
    }

    /** At most 60 printable ASCII characters of a client's value, for the error message. */
    private static String printable(String value) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < value.length() && b.length() < 60; i++) {
            char c = value.charAt(i);
            b.append(c >= 0x20 && c < 0x7f && c != '\'' ? c : '?');
        }
        return b.toString();
    }
}
