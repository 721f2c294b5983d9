package dev.conflux.benchmarks;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.apache.cxf.Bus;
import org.apache.cxf.BusFactory;
import org.apache.cxf.transport.servlet.CXFNonSpringServlet;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The baseline server of B3P and B3SOAP, started in a JVM of its own ({@link OutOfProcess}) so that its CPU is its
 * process's: a bare Jetty 12 (the service plane's version, thread pool and HTTP settings, without its filters) on
 * 127.0.0.1 with
 * <ul>
 * <li>{@code POST /echo}: reads the body as text (the request's charset, UTF-8 by default) and answers its length;</li>
 * <li>with broker arguments, CXF's servlet under {@code /services} and {@link BareOrderEndpoint} at
 * {@code /services/orders}: the sample order flow's submitOrder, sent to the broker's queue.</li>
 * </ul>
 * Arguments: {@code PORT [WSDL_URL BROKER_URL USER PASSWORD QUEUE]}. Prints {@code READY} once it serves.
 */
public final class BareJetty {

    private BareJetty() {
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        QueuedThreadPool threads = new QueuedThreadPool(200); // the service plane's maxThreads default
        threads.setName("bare-jetty");
        Server server = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
        connector.setHost("127.0.0.1");
        connector.setPort(port);
        server.addConnector(connector);
        ServletContextHandler handler = new ServletContextHandler();
        handler.setContextPath("/");
        handler.addServlet(new ServletHolder("echo", new Echo()), "/echo");
        Bus bus = null;
        if (args.length > 1) {
            bus = BusFactory.newInstance().createBus();
            CXFNonSpringServlet cxf = new CXFNonSpringServlet();
            cxf.setBus(bus);
            ServletHolder holder = new ServletHolder("cxf", cxf);
            holder.setInitOrder(1);
            holder.setInitParameter("hide-service-list-page", "true");
            handler.addServlet(holder, "/services/*");
        }
        server.setHandler(handler);
        server.setStopTimeout(5000);
        server.start();
        if (bus != null) {
            BareOrderEndpoint.publish(bus, args[1], args[2], args[3], args[4], args[5]);
        }
        System.out.println("READY on 127.0.0.1:" + connector.getLocalPort());
        server.join();
    }

    /** Reads the body as text and answers its length (as B3P's REST route: convertBodyTo String, its length). */
    static final class Echo extends HttpServlet {

        @Override
        protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
            String encoding = request.getCharacterEncoding();
            Charset charset = encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
            String body = new String(request.getInputStream().readAllBytes(), charset);
            byte[] answer = String.valueOf(body.length()).getBytes(StandardCharsets.UTF_8);
            response.setStatus(200);
            response.setContentType("text/plain");
            response.setContentLength(answer.length);
            response.getOutputStream().write(answer);
        }
    }
}
