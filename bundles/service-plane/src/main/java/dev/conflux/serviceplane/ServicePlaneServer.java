package dev.conflux.serviceplane;

import dev.conflux.apiusage.api.ApiUsageRecorder;
import dev.conflux.monitoring.api.HealthService;
import dev.conflux.runtime.api.FlowService;
import dev.conflux.runtime.api.ServicePlane;
import dev.conflux.serviceplane.auth.JaasRealm;
import dev.conflux.serviceplane.health.HealthProbe;
import dev.conflux.serviceplane.health.HealthProbeServlet;
import dev.conflux.serviceplane.metrics.EndpointMetrics;
import dev.conflux.serviceplane.metrics.EndpointMetricsFilter;
import dev.conflux.serviceplane.metrics.JettySizes;
import dev.conflux.serviceplane.metrics.ServiceLabels;
import dev.conflux.serviceplane.metrics.SoapOperationInterceptor;
import dev.conflux.serviceplane.metrics.UsageForwarding;
import io.micrometer.core.instrument.Metrics;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import org.apache.camel.CamelContext;
import org.apache.cxf.Bus;
import org.apache.cxf.BusFactory;
import org.apache.cxf.logging.FaultListener;
import org.apache.cxf.transport.servlet.CXFNonSpringServlet;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.FilterMapping;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.server.handler.SizeLimitHandler;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.osgi.service.metatype.annotations.AttributeType;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns the service plane's Jetty 12 server: CXF's servlet under {@code /services} (SOAP endpoints of flows) and
 * Camel's servlet under {@code /api} (REST DSL endpoints of flows). Registered as {@link ServicePlane} only once it
 * listens; stopping the bundle closes the port, so a new version can bind it again.
 */
@Component(immediate = true, service = ServicePlane.class, configurationPid = "conflux.serviceplane",
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = ServicePlaneServer.Config.class)
public class ServicePlaneServer implements ServicePlane {

    @ObjectClassDefinition(name = "Conflux service plane", description = "HTTP server for the SOAP and REST endpoints of flows")
    public @interface Config {
        @AttributeDefinition(description = "Interface to bind (127.0.0.1 = this machine only, 0.0.0.0 = all)")
        String host() default "127.0.0.1";

        @AttributeDefinition(description = "TCP port")
        int port() default 8182;

        @AttributeDefinition(description = "Path under which CXF (SOAP) endpoints are published")
        String soapPath() default "/services";

        @AttributeDefinition(description = "Path under which REST DSL endpoints are published")
        String restPath() default "/api";

        @AttributeDefinition(description = "Maximum request threads")
        int maxThreads() default 200;

        @AttributeDefinition(description = "Largest request body accepted, in bytes; larger ones get 413 (-1: no limit)")
        long maxRequestBytes() default 1048576;

        @AttributeDefinition(description = "Largest request line plus headers accepted, in bytes; larger get 431")
        int maxRequestHeaderBytes() default 8192;

        @AttributeDefinition(description = "Serve CXF's list of SOAP endpoints at the SOAP path (it names every"
                + " endpoint to anyone who asks)")
        boolean serviceListEnabled() default false;

        @AttributeDefinition(description = "Serve HTTPS only (TLS 1.2/1.3) instead of plain HTTP")
        boolean tlsEnabled() default false;

        @AttributeDefinition(description = "Keystore with the server's key and certificate (relative paths are"
                + " resolved against the Conflux home)")
        String tlsKeystore() default "etc/tls/services.p12";

        @AttributeDefinition(description = "Keystore password; empty: the CONFLUX_TLS_KEYSTORE_PASSWORD environment"
                + " variable", type = AttributeType.PASSWORD)
        String tlsKeystorePassword() default "";

        @AttributeDefinition(description = "Keystore type")
        String tlsKeystoreType() default "PKCS12";

        @AttributeDefinition(description = "Truststore with the CA certificates client certificates must chain to"
                + " (mutual TLS, the mtls endpoint policy); empty: clients are not asked for a certificate")
        String tlsTruststore() default "";

        @AttributeDefinition(description = "Truststore password; empty: the CONFLUX_TLS_TRUSTSTORE_PASSWORD"
                + " environment variable", type = AttributeType.PASSWORD)
        String tlsTruststorePassword() default "";

        @AttributeDefinition(description = "Truststore type")
        String tlsTruststoreType() default "PKCS12";

        @AttributeDefinition(description = "Client certificates: none, want (asked for, checked when sent; the"
                + " endpoint's policy decides) or need (every connection must present one); empty: want when a"
                + " truststore is set, else none")
        String tlsClientAuth() default "";

        @AttributeDefinition(description = "Endpoint paths that an endpoint policy may open to anyone with policy ="
                + " none, comma-separated; * allows any (dev, test); empty allows none (prod)")
        String anonymousPaths() default "*";

        @AttributeDefinition(description = "File keeping the API keys' hashes (default: ${karaf.etc}/conflux-apikeys.properties)")
        String apiKeysFile() default "";
    }

    /** The name under which Camel's servlet component finds this servlet. */
    static final String CAMEL_SERVLET_NAME = "CamelServlet";

    private static final Logger LOG = LoggerFactory.getLogger(ServicePlaneServer.class);

    /** Who may call which endpoint; asked by the filter in front of both servlets. */
    @Reference
    private EndpointSecurity security;

    /** Behind /health/live and /health/ready; absent (monitoring not running): live UP, ready DOWN. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile HealthService health;

    /** Behind /api/openapi.json; absent (runtime stopping): 503. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile FlowService flows;

    /** Told of every call to a published operation; absent (analytics restarting): not counted. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile ApiUsageRecorder usage;

    private Server server;
    private Bus bus;
    private EndpointMetrics metrics;
    private String soapBaseUrl;
    private String restBaseUrl;

    @Activate
    void activate(Config config) throws Exception {
        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        // CXF and Jetty find their extensions through the runtime bundle's class loader.
        Thread.currentThread().setContextClassLoader(CamelContext.class.getClassLoader());
        try {
            bus = BusFactory.newInstance().createBus();
            CXFNonSpringServlet cxf = new CXFNonSpringServlet();
            cxf.setBus(bus);
            SoapClientFaults faults = new SoapClientFaults();
            bus.getOutFaultInterceptors().add(faults);
            bus.setProperty(FaultListener.class.getName(), faults);
            bus.getInInterceptors().add(new SoapOperationInterceptor());

            ServletContextHandler handler = new ServletContextHandler();
            handler.setContextPath("/");
            ServletHolder cxfHolder = new ServletHolder("cxf", cxf);
            cxfHolder.setInitOrder(1);
            cxfHolder.setInitParameter("hide-service-list-page", String.valueOf(!config.serviceListEnabled()));
            handler.addServlet(cxfHolder, trim(config.soapPath()) + "/*");
            RestServlet rest = new RestServlet();
            ServletHolder camelHolder = new ServletHolder(CAMEL_SERVLET_NAME, rest);
            camelHolder.setInitOrder(1);
            handler.addServlet(camelHolder, trim(config.restPath()) + "/*");
            // An exact path wins over the REST servlet's prefix; the filters below apply to it as to the operations.
            // The document names its server by path (/api), relative to where it is fetched: right behind a proxy too.
            String restPath = trim(config.restPath());
            handler.addServlet(new ServletHolder("openapi", new OpenApiServlet(() -> flows, () -> restPath)),
                    restPath + "/openapi.json");
            // For load balancers and monitors: 200 "UP" while the service plane serves. It says nothing else.
            handler.addServlet(new ServletHolder("health", new HealthServlet()), "/health");
            // The probes (docs/monitoring.md): status for anyone, every check for a monitoring account.
            HealthProbe probe = new HealthProbe(new JaasRealm("karaf"));
            handler.addServlet(new ServletHolder("health-live", new HealthProbeServlet(probe, () -> health, false)),
                    "/health/live");
            handler.addServlet(new ServletHolder("health-ready", new HealthProbeServlet(probe, () -> health, true)),
                    "/health/ready");
            String[] endpointPaths = {trim(config.soapPath()) + "/*", trim(config.restPath()) + "/*"};
            // Every request to an endpoint is measured, the authentication filter's refusals included, and each call
            // of a published operation counted by API usage analytics.
            metrics = new EndpointMetrics(Metrics.globalRegistry);
            UsageForwarding forwarding = new UsageForwarding(() -> usage);
            EndpointMetrics meters = metrics;
            FilterHolder measure = new FilterHolder(new EndpointMetricsFilter(r -> {
                meters.record(r);
                forwarding.accept(r);
            }, new ServiceLabels(
                    trim(config.restPath()), trim(config.soapPath()), rest, bus), new JettySizes(), System::nanoTime));
            measure.setName("endpoint-metrics");
            FilterMapping measurePaths = new FilterMapping();
            measurePaths.setFilterName(measure.getName());
            measurePaths.setPathSpecs(endpointPaths);
            measurePaths.setDispatcherTypes(EnumSet.of(DispatcherType.REQUEST));
            handler.getServletHandler().addFilter(measure, measurePaths);
            // Authentication before any flow code runs, on both servlets (not on /health).
            FilterHolder access = new FilterHolder(new EndpointFilter(security::gate, trim(config.soapPath())));
            access.setName("endpoint-access");
            FilterMapping accessPaths = new FilterMapping();
            accessPaths.setFilterName(access.getName());
            accessPaths.setPathSpecs(endpointPaths);
            accessPaths.setDispatcherTypes(EnumSet.of(DispatcherType.REQUEST));
            handler.getServletHandler().addFilter(access, accessPaths);
            handler.setErrorHandler(new ServletProblemErrorHandler());

            QueuedThreadPool threads = new QueuedThreadPool(config.maxThreads());
            threads.setName("conflux-service-plane");
            server = new Server(threads);
            HttpConfiguration http = httpConfiguration(config);
            ServerConnector connector = config.tlsEnabled() ? tlsConnector(server, config, http)
                    : new ServerConnector(server, new ExpectationFieldConnectionFactory(http));
            connector.setHost(config.host());
            connector.setPort(config.port());
            server.addConnector(connector);
            // Requests no endpoint can serve are refused first; bodies are capped while they stream in.
            SizeLimitHandler sizeLimit = new SizeLimitHandler(config.maxRequestBytes(), -1);
            sizeLimit.setHandler(handler);
            server.setHandler(new RequestGuard(sizeLimit, config.maxRequestBytes(), trim(config.soapPath()),
                    config.serviceListEnabled()));
            server.setErrorHandler(new ProblemErrorHandler(trim(config.soapPath())));
            server.setStopTimeout(5000);
            try {
                server.start();
            } catch (IOException e) {
                server.stop();
                bus.shutdown(false);
                throw new IllegalStateException("Service plane cannot listen on " + config.host() + ":" + config.port()
                        + " (" + e.getMessage() + "). Set another port with CONFLUX_SERVICES_PORT or in etc/conflux.serviceplane.cfg", e);
            }
            String base = (config.tlsEnabled() ? "https://" : "http://") + config.host() + ":" + connector.getLocalPort();
            soapBaseUrl = base + trim(config.soapPath());
            restBaseUrl = base + trim(config.restPath());
            LOG.info("Service plane listening: SOAP endpoints under {}/, REST endpoints under {}/", soapBaseUrl, restBaseUrl);
        } finally {
            Thread.currentThread().setContextClassLoader(previous);
        }
    }

    @Deactivate
    void deactivate() throws Exception {
        if (server != null) {
            server.stop();
        }
        if (bus != null) {
            bus.shutdown(true);
        }
        if (metrics != null) {
            metrics.close();
        }
        LOG.info("Service plane stopped");
    }

    /** No server version in responses; the header limit answers 431 beyond it. */
    private static HttpConfiguration httpConfiguration(Config config) {
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        http.setRequestHeaderSize(config.maxRequestHeaderBytes());
        return http;
    }

    /** HTTPS only: a plain-HTTP request to this port fails the TLS handshake. */
    private static ServerConnector tlsConnector(Server server, Config config, HttpConfiguration https) {
        Path keystore = Paths.get(config.tlsKeystore());
        if (!keystore.isAbsolute()) {
            keystore = Paths.get(System.getProperty("karaf.base", ".")).resolve(keystore);
        }
        if (!Files.isReadable(keystore)) {
            throw new IllegalStateException("Service plane: TLS is enabled (tlsEnabled in etc/conflux.serviceplane.cfg,"
                    + " CONFLUX_SERVICES_TLS) but the keystore " + keystore + " cannot be read. Set CONFLUX_TLS_KEYSTORE"
                    + " to a " + config.tlsKeystoreType() + " keystore holding the server key and certificate.");
        }
        String password = config.tlsKeystorePassword().isEmpty()
                ? System.getenv("CONFLUX_TLS_KEYSTORE_PASSWORD") : config.tlsKeystorePassword();
        if (password == null || password.isEmpty()) {
            throw new IllegalStateException("Service plane: TLS is enabled but no keystore password is set."
                    + " Set CONFLUX_TLS_KEYSTORE_PASSWORD.");
        }
        SslContextFactory.Server tls = new SslContextFactory.Server();
        tls.setKeyStorePath(keystore.toString());
        tls.setKeyStorePassword(password);
        tls.setKeyStoreType(config.tlsKeystoreType());
        tls.setIncludeProtocols("TLSv1.3", "TLSv1.2");
        ClientCertificates.configure(tls, config);
        SecureRequestCustomizer secure = new SecureRequestCustomizer();
        secure.setSniHostCheck(false); // clients may call by IP address; the certificate is checked by the client
        https.addCustomizer(secure);
        return new ServerConnector(server, new SslConnectionFactory(tls, "http/1.1"),
                new ExpectationFieldConnectionFactory(https));
    }

    /** A bare servlet: also the baseline the benchmarks compare the REST path against. */
    static final class HealthServlet extends HttpServlet {
        private static final long serialVersionUID = 1L;
        private static final byte[] UP = "UP".getBytes(StandardCharsets.US_ASCII);

        @Override
        protected void doGet(HttpServletRequest request,
                HttpServletResponse response) throws IOException {
            response.setContentType("text/plain");
            response.setContentLength(UP.length);
            response.getOutputStream().write(UP);
        }
    }

    private static String trim(String path) {
        String p = path.startsWith("/") ? path : "/" + path;
        return p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
    }

    @Override
    public Bus bus() {
        return bus;
    }

    @Override
    public String soapBaseUrl() {
        return soapBaseUrl;
    }

    @Override
    public String restBaseUrl() {
        return restBaseUrl;
    }
}
