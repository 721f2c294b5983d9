package dev.conflux.serviceplane;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * RFC 9457 problem details ({@value #MEDIA_TYPE}) for every error the service plane answers itself. The detail is
 * written for a client developer; text that names Java internals (class or package names, exception types, stack
 * frames) is never passed through: it is replaced by a fixed sentence for the status.
 */
final class Problems {

    static final String MEDIA_TYPE = "application/problem+json";

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Qualified names (java.io.X, org.eclipse...), exception and parser class names, stack frames. */
    private static final Pattern INTERNALS = Pattern.compile("\\b(java|javax|jakarta|org|com|sun|jdk)\\.[a-z]"
            + "|Exception|Error:|\\bat [\\w$.]+\\(|\\$[A-Z]"
            + "|[A-Za-z]+(Reader|Writer|Stream|Constraints|Impl|Handler|Interceptor|Factory|Servlet)\\b");

    private Problems() {
    }

    /** The problem document for {@code status}; {@code detail} is used only if it is safe to show. */
    static byte[] body(int status, String detail) {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "about:blank");
        problem.put("title", title(status));
        problem.put("status", status);
        problem.put("detail", safeDetail(status, detail));
        try {
            return JSON.writeValueAsBytes(problem);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e); // a map of strings and an int always serialises
        }
    }

    /**
     * The same error as a SOAP fault, for requests to SOAP endpoints: {@code soap:Client} ({@code soap:Sender} in
     * SOAP 1.2) for a 4xx, {@code soap:Server} ({@code soap:Receiver}) otherwise.
     */
    static String soapFault(boolean soap12, int status, String detail) {
        String text = xml(safeDetail(status, detail));
        boolean client = status < 500;
        if (soap12) {
            return "<soap:Envelope xmlns:soap=\"http://www.w3.org/2003/05/soap-envelope\"><soap:Body><soap:Fault>"
                    + "<soap:Code><soap:Value>soap:" + (client ? "Sender" : "Receiver") + "</soap:Value></soap:Code>"
                    + "<soap:Reason><soap:Text xml:lang=\"en\">" + text + "</soap:Text></soap:Reason>"
                    + "</soap:Fault></soap:Body></soap:Envelope>";
        }
        return "<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap:Body><soap:Fault>"
                + "<faultcode>soap:" + (client ? "Client" : "Server") + "</faultcode><faultstring>" + text
                + "</faultstring></soap:Fault></soap:Body></soap:Envelope>";
    }

    private static String xml(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    static String safeDetail(int status, String detail) {
        if (detail == null || detail.isBlank() || INTERNALS.matcher(detail).find() || detail.length() > 300
                || detail.equals(title(status))) {
            return defaultDetail(status);
        }
        return detail;
    }

    static String title(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 406 -> "Not Acceptable";
            case 408 -> "Request Timeout";
            case 411 -> "Length Required";
            case 413 -> "Content Too Large";
            case 414 -> "URI Too Long";
            case 415 -> "Unsupported Media Type";
            case 417 -> "Expectation Failed";
            case 429 -> "Too Many Requests";
            case 431 -> "Request Header Fields Too Large";
            case 501 -> "Not Implemented";
            case 503 -> "Service Unavailable";
            default -> status >= 500 ? "Internal Server Error" : "Bad Request";
        };
    }

    private static String defaultDetail(int status) {
        return switch (status) {
            case 400 -> "The request is malformed: check its request line, headers, URL escapes and body framing.";
            case 404 -> "There is no endpoint at this address.";
            case 405 -> "This endpoint does not accept this HTTP method.";
            case 406 -> "This endpoint cannot answer in any of the media types the Accept header allows.";
            case 413 -> "The request body is larger than this server accepts.";
            case 414 -> "The request URI is longer than this server accepts.";
            case 415 -> "This endpoint does not accept the request's content type, charset or content encoding.";
            case 417 -> "Only the expectation 100-continue is supported.";
            case 431 -> "The request headers are too many or too large.";
            case 503 -> "The service is not available at the moment; try again later.";
            default -> status >= 500
                    ? "The server could not process the request. The failure is logged; try again later."
                    : "The request cannot be processed.";
        };
    }

    static String text(int status, String detail) {
        return new String(body(status, detail), StandardCharsets.UTF_8);
    }
}
