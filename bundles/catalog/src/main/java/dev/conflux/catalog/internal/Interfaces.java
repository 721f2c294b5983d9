package dev.conflux.catalog.internal;

import dev.conflux.catalog.api.CatalogNode;
import dev.conflux.catalog.api.NodeKind;
import dev.conflux.connector.api.ConnectorInstance;
import dev.conflux.runtime.api.FlowEndpoint;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Names what an endpoint URI connects to, as a catalog node: a queue, a published operation, a connector instance,
 * a system outside, or another endpoint. Endpoints inside a flow ({@code direct:}, {@code log:}, …) are no
 * interface and have no node.
 *
 * @param restBase the path REST DSL operations are served under ({@code /api})
 * @param soapBase the URL SOAP services are served under ({@code http://127.0.0.1:8182/services}), for WSDL links
 * @param restUrl  the URL REST operations are served under, for the OpenAPI link
 */
record Interfaces(Set<String> connectors, String restBase, String restUrl, String soapBase) {

    /** Components that stay inside a flow: no interface. */
    static final Set<String> INTERNAL = Set.of("direct", "seda", "log", "bean", "class", "language", "controlbus",
            "stub", "mock", "dataset", "ref", "browse", "validator", "xslt", "xslt-saxon", "kamelet", "disruptor",
            "vm", "direct-vm", "dataformat", "exec");
    private static final Set<String> TIMERS = Set.of("timer", "scheduler", "quartz", "cron");
    private static final Set<String> REMOTE_FILES = Set.of("sftp", "ftp", "ftps", "scp");
    private static final Set<String> HTTP = Set.of("http", "https", "vertx-http", "netty-http");
    private static final Set<String> MAIL = Set.of("smtp", "smtps", "imap", "imaps", "pop3", "pop3s");

    /** The node an endpoint URI names, or empty for one inside the flow. */
    Optional<CatalogNode> of(String uri) {
        int colon = uri.indexOf(':');
        if (colon <= 0) {
            return Optional.empty();
        }
        String scheme = uri.substring(0, colon).toLowerCase(Locale.ROOT);
        String rest = uri.substring(colon + 1);
        if (rest.startsWith("//")) {
            rest = rest.substring(2);
        }
        String path = rest.contains("?") ? rest.substring(0, rest.indexOf('?')) : rest;
        if (connectors.contains(scheme)) {
            return node(NodeKind.CONNECTOR, scheme, Map.of());
        }
        if (INTERNAL.contains(scheme)) {
            return Optional.empty();
        }
        if (scheme.equals("jms")) {
            if (path.startsWith("topic:")) {
                return node(NodeKind.TOPIC, path.substring("topic:".length()), Map.of());
            }
            if (path.startsWith("temp-queue:") || path.startsWith("temp-topic:")) {
                return Optional.empty();
            }
            return node(NodeKind.QUEUE, path.startsWith("queue:") ? path.substring("queue:".length()) : path, Map.of());
        }
        if (scheme.equals("rest")) {
            return rest(path);
        }
        if (scheme.equals("cxf")) {
            return cxf(path);
        }
        if (REMOTE_FILES.contains(scheme) || HTTP.contains(scheme) || MAIL.contains(scheme)) {
            return system(scheme + "://" + path, Map.of("path", pathOf(scheme + "://" + path)));
        }
        if (TIMERS.contains(scheme)) {
            return node(NodeKind.ENDPOINT, scheme + ":" + path, Map.of("type", "timer"));
        }
        if (scheme.equals("file")) {
            return node(NodeKind.ENDPOINT, "file:" + path, Map.of("type", "directory"));
        }
        return node(NodeKind.ENDPOINT, scheme + ":" + (path.length() > 80 ? path.substring(0, 80) + "…" : path),
                Map.of("type", scheme));
    }

    /** {@code rest:post:/orders/{id}} → {@code POST /api/orders/{id}}. */
    private Optional<CatalogNode> rest(String path) {
        String name = FlowEndpoint.publishedAs("rest:" + path, restBase, "").orElseThrow();
        String method = name.substring(0, name.indexOf(' '));
        String full = name.substring(name.indexOf(' ') + 1);
        String[] segments = full.split("/");
        String endpoint = segments.length > 2 ? "/" + segments[1] + "/" + segments[2] : full;
        Map<String, String> details = new LinkedHashMap<>();
        details.put("type", "rest");
        details.put("method", method);
        details.put("path", full);
        details.put("endpoint", endpoint);
        details.put("openapi", restUrl + "/openapi.json");
        return node(NodeKind.API, name, details);
    }

    private Optional<CatalogNode> cxf(String path) {
        if (path.startsWith("http:") || path.startsWith("https:")) {
            return system(path, Map.of("path", pathOf(path), "type", "soap"));
        }
        if (path.startsWith("bean:")) {
            return node(NodeKind.ENDPOINT, "cxf:" + path, Map.of("type", "soap"));
        }
        String soapPath = URI.create(soapBase).getPath();
        String name = FlowEndpoint.publishedAs("cxf:" + path, "", soapPath).orElseThrow();
        Map<String, String> details = new LinkedHashMap<>();
        details.put("type", "soap");
        details.put("endpoint", name);
        details.put("wsdl", soapBase + name.substring(soapPath.length()) + "?wsdl");
        return node(NodeKind.API, name, details);
    }

    /** The system behind a URL: its origin (scheme, host, port), without credentials or path. */
    static Optional<CatalogNode> system(String url, Map<String, String> details) {
        try {
            URI u = URI.create(url.replace(" ", "%20"));
            if (u.getHost() == null) {
                return node(NodeKind.SYSTEM, withoutQuery(url), details);
            }
            String origin = u.getScheme() + "://" + u.getHost() + (u.getPort() < 0 ? "" : ":" + u.getPort());
            Map<String, String> d = new LinkedHashMap<>(details);
            d.put("host", u.getHost());
            return node(NodeKind.SYSTEM, origin, d);
        } catch (IllegalArgumentException e) {
            return node(NodeKind.SYSTEM, withoutQuery(url), details);
        }
    }

    /**
     * The systems a connector instance reaches, read from the settings connector types use for them: a base URL or
     * address, a JDBC or broker URL, a host (with its port), mail servers, and otherwise a directory.
     */
    static List<CatalogNode> systemsOf(ConnectorInstance instance) {
        Map<String, String> s = instance.settings();
        List<CatalogNode> systems = new ArrayList<>();
        for (String key : List.of("baseUrl", "address")) {
            if (s.get(key) != null) {
                system(s.get(key), Map.of("url", withoutQuery(s.get(key)))).ifPresent(systems::add);
            }
        }
        String url = s.get("url");
        if (url != null && url.startsWith("jdbc:")) {
            String db = withoutQuery(url).replaceFirst(";.*$", "");
            Map<String, String> details = new LinkedHashMap<>();
            details.put("type", "database");
            hostOf(db.substring("jdbc:".length())).ifPresent(h -> details.put("host", h));
            systems.add(new CatalogNode(CatalogNode.id(NodeKind.SYSTEM, db), NodeKind.SYSTEM, db, details));
        } else if (url != null) {
            system(url, Map.of("url", withoutQuery(url))).ifPresent(systems::add);
        }
        if (s.get("host") != null) {
            String port = s.get("port") == null ? "" : ":" + s.get("port");
            system(instance.type() + "://" + s.get("host") + port, Map.of()).ifPresent(systems::add);
        }
        if (s.get("smtpHost") != null) {
            String port = s.get("smtpPort") == null ? "" : ":" + s.get("smtpPort");
            system("smtp://" + s.get("smtpHost") + port, Map.of("type", "mail")).ifPresent(systems::add);
        }
        if (s.get("receiveHost") != null) {
            String protocol = s.getOrDefault("receiveProtocol", "imap");
            String port = s.get("receivePort") == null ? "" : ":" + s.get("receivePort");
            system(protocol + "://" + s.get("receiveHost") + port, Map.of("type", "mail")).ifPresent(systems::add);
        }
        if (systems.isEmpty() && s.get("directory") != null) {
            systems.add(new CatalogNode(CatalogNode.id(NodeKind.SYSTEM, "directory:" + s.get("directory")),
                    NodeKind.SYSTEM, "directory:" + s.get("directory"), Map.of("type", "directory")));
        }
        return systems;
    }

    private static Optional<String> hostOf(String url) {
        try {
            return Optional.ofNullable(URI.create(url).getHost());
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static String pathOf(String url) {
        try {
            String p = URI.create(url.replace(" ", "%20")).getPath();
            return p == null ? "" : p;
        } catch (IllegalArgumentException e) {
            return "";
        }
    }

    /** Without query, fragment or user information (where passwords would be). */
    static String withoutQuery(String url) {
        String u = url.replaceFirst("[?#].*$", "");
        return u.replaceFirst("^([a-zA-Z][a-zA-Z0-9+.-]*:(?:[a-zA-Z0-9+.-]+:)?//)[^/@]*@", "$1");
    }

    private static Optional<CatalogNode> node(NodeKind kind, String name, Map<String, String> details) {
        return Optional.of(new CatalogNode(CatalogNode.id(kind, name), kind, name, details));
    }
}
