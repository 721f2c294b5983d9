package dev.conflux.serviceplane;

import java.util.Locale;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.internal.HttpConnection;

/**
 * HTTP/1.1 connections that leave an unknown {@code Expect} to the {@link RequestGuard}. Jetty 12.0 answers an
 * unknown expectation from its parser thread while the connection is being closed, so the client often gets no
 * answer at all; here the header is handed on renamed ({@value #UNSUPPORTED_EXPECT}) and the guard answers 417 like
 * any other refusal.
 */
final class ExpectationFieldConnectionFactory extends HttpConnectionFactory {

    static final String UNSUPPORTED_EXPECT = "Conflux-Unsupported-Expect";

    ExpectationFieldConnectionFactory(HttpConfiguration configuration) {
        super(configuration);
    }

    @Override
    public Connection newConnection(Connector connector, EndPoint endPoint) {
        HttpConnection connection = new GuardedConnection(getHttpConfiguration(), connector, endPoint,
                isRecordHttpComplianceViolations());
        connection.setUseInputDirectByteBuffers(isUseInputDirectByteBuffers());
        connection.setUseOutputDirectByteBuffers(isUseOutputDirectByteBuffers());
        return configure(connection, connector, endPoint);
    }

    /** True for the expectations Jetty itself supports. */
    static boolean known(String expect) {
        for (String token : expect.split(",")) {
            String t = token.trim().toLowerCase(Locale.ROOT);
            if (!t.equals("100-continue") && !t.equals("102-processing")) {
                return false;
            }
        }
        return true;
    }

    private static final class GuardedConnection extends HttpConnection {

        GuardedConnection(HttpConfiguration config, Connector connector, EndPoint endPoint, boolean recordViolations) {
            super(config, connector, endPoint, recordViolations);
        }

        @Override
        protected RequestHandler newRequestHandler() {
            return new RequestHandler() {
                @Override
                public void parsedHeader(HttpField field) {
                    super.parsedHeader(field.getHeader() == HttpHeader.EXPECT && !known(field.getValue())
                            ? new HttpField(UNSUPPORTED_EXPECT, field.getValue()) : field);
                }
            };
        }
    }
}
