package dev.conflux.apiusage.api;

/**
 * One call to an operation a flow publishes, as the service plane answered it.
 *
 * @param endpoint  the REST base path's first segment ({@code /api/orders}) or the SOAP service's path
 *                  ({@code /services/orders})
 * @param operation the REST method and path template ({@code POST /api/orders}) or the SOAP operation
 *                  ({@code submitOrder})
 * @param consumer  who called: the authenticated identity (API key name, user, certificate subject's mapped name),
 *                  else the client's address
 * @param status    the HTTP status answered
 * @param nanos     from the request's arrival to the response's end
 * @param bytesIn   the request body's size, -1 if unknown
 * @param bytesOut  the response body's size, -1 if unknown
 */
public record ApiCall(String endpoint, String operation, String consumer, int status, long nanos, long bytesIn,
        long bytesOut) {
}
