package dev.conflux.serviceplane;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.apache.camel.component.servlet.CamelHttpTransportServlet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Camel's servlet for the REST endpoints, reading each request body before the route sees it. A body the client
 * got wrong (it stopped sending before its declared length, a malformed chunk, more than {@code maxRequestBytes})
 * is then answered with its 4xx as a problem document, and logged as one DEBUG line: Camel's servlet would log it
 * as a WARN with a stack trace and answer 500. Bodies are capped by the server's size limit, and Camel's binding
 * holds them in memory anyway. An error status Camel sets without a body gets the problem document too.
 */
final class RestServlet extends CamelHttpTransportServlet {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(RestServlet.class);

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) {
        byte[] body;
        try {
            body = request.getInputStream().readAllBytes();
        } catch (IOException | RuntimeException unreadable) {
            int status = ServletProblemErrorHandler.clientStatus(unreadable, 400);
            LOG.debug("Refused a request to {}: its body could not be read ({})", request.getRequestURI(), status);
            try {
                response.sendError(status, status == 400
                        ? "The request body ended early or its chunks are malformed: send it again, whole." : null);
            } catch (IOException | IllegalStateException gone) {
                LOG.debug("Could not answer {}: the client is gone", request.getRequestURI());
            }
            return;
        }
        super.service(new ReadBody(request, body), response);
        // Camel answers some refusals (a method the endpoint does not serve: 405) with a bare status.
        if (response.getStatus() >= 400 && !response.isCommitted() && response.getContentType() == null) {
            try {
                response.sendError(response.getStatus());
            } catch (IOException gone) {
                LOG.debug("Could not answer {}: the client is gone", request.getRequestURI());
            }
        }
    }

    /** The request with its body already read. */
    static final class ReadBody extends HttpServletRequestWrapper {
        private final byte[] body;

        ReadBody(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }

                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    try {
                        listener.onDataAvailable();
                        listener.onAllDataRead();
                    } catch (IOException e) {
                        listener.onError(e);
                    }
                }
            };
        }

        @Override
        public BufferedReader getReader() {
            String encoding = getCharacterEncoding();
            Charset charset = encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
            return new BufferedReader(new InputStreamReader(getInputStream(), charset));
        }
    }
}
