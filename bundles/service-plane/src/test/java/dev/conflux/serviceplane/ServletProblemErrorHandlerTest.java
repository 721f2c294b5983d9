package dev.conflux.serviceplane;

import static org.junit.Assert.assertEquals;

import jakarta.servlet.ServletException;
import java.io.IOException;
import org.eclipse.jetty.http.BadMessageException;
import org.junit.Test;

public class ServletProblemErrorHandlerTest {

    @Test
    public void aBadMessageBehindAServletFailureIsTheClientsError() {
        ServletException wrapped = new ServletException(new RuntimeException(new BadMessageException(413, "too large")));
        assertEquals(413, ServletProblemErrorHandler.clientStatus(wrapped, 500));
        assertEquals(400, ServletProblemErrorHandler.clientStatus(new BadMessageException("bad chunk"), 500));
    }

    @Test
    public void otherFailuresStayServerErrors() {
        assertEquals(500, ServletProblemErrorHandler.clientStatus(new ServletException(new IOException("disk")), 500));
        assertEquals(500, ServletProblemErrorHandler.clientStatus(new IllegalStateException("bug"), 500));
        assertEquals(500, ServletProblemErrorHandler.clientStatus(null, 500));
    }
}
