package dev.conflux.itests;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.stream.Stream;

/**
 * The two flows the tracing scenarios follow an order through, deployed as files with their configuration: an http
 * connector instance {@code trace-partner} for the partner's service, and each flow's {@code trace.*} keys (business
 * key {@code $.orderId}, payload capture, the card number masked).
 */
final class TraceOrderFlows {

    static final String IN_FLOW = "trace-orders-in";
    static final String OUT_FLOW = "trace-orders-out";
    static final String QUEUE = "trace.orders";
    static final String DLQ = "DLQ." + QUEUE;
    /** The line of flow trace-orders-out.yaml whose step calls the partner (see {@link #outFlow}). */
    static final int CALL_LINE = 9;

    private TraceOrderFlows() {
    }

    /** The partner's connector instance, then both flows with their cfgs; returns once both run. */
    static void deploy(ConfluxDistribution conflux, Jolokia admin, String partnerUrl, Path outbox) throws Exception {
        Path etc = conflux.home().toPath().resolve("etc");
        write(etc.resolve("conflux.connector.http-trace-partner.cfg"), "baseUrl = " + partnerUrl + "\n");
        Await.until("connector trace-partner UP", Duration.ofSeconds(60), () -> {
            admin.exec("conflux:type=connectors", "check", "trace-partner");
            for (JsonNode c : admin.read("conflux:type=connectors", "Connectors")) {
                if ("trace-partner".equals(c.path("name").asText())) {
                    return "UP".equals(c.path("status").asText());
                }
            }
            return false;
        });
        // The flows first, then their cfgs, then wait for the restart the cfgs cause: written the other way round,
        // Config Admin may deliver a cfg after the flow's first start, and an order sent in between is traced
        // without its business key (seen once in CI).
        OrderFlows.deploy(conflux, admin, IN_FLOW, inFlow(), 1);
        OrderFlows.deploy(conflux, admin, OUT_FLOW, outFlow(outbox), 1);
        String inStarted = startedAt(admin, IN_FLOW);
        String outStarted = startedAt(admin, OUT_FLOW);
        String capture = "trace.businessKey = $.orderId\ntrace.capture = true\ntrace.mask = $.card.number\n";
        write(etc.resolve("conflux.flow-" + IN_FLOW + ".cfg"), capture);
        write(etc.resolve("conflux.flow-" + OUT_FLOW + ".cfg"), capture);
        Await.until("both flows restarted with their trace settings", Duration.ofSeconds(60),
                () -> restartedSince(admin, IN_FLOW, inStarted) && restartedSince(admin, OUT_FLOW, outStarted));
    }

    private static String startedAt(Jolokia admin, String flow) throws Exception {
        return admin.exec("conflux:type=flows", "info", flow).path("startedAt").asText();
    }

    private static boolean restartedSince(Jolokia admin, String flow, String startedBefore) throws Exception {
        JsonNode f = admin.exec("conflux:type=flows", "info", flow);
        return "STARTED".equals(f.path("state").asText()) && !startedBefore.equals(f.path("startedAt").asText());
    }

    /** POST /api/trace-orders (a consumer's Basic credentials): the order goes to the queue; 202. */
    static String inFlow() {
        return """
                - rest:
                    id: trace-orders-rest
                    post:
                      - path: /trace-orders
                        to: direct:trace-accept
                - route:
                    id: trace-orders-accept
                    from:
                      uri: direct:trace-accept
                      steps:
                        - convertBodyTo:
                            type: String
                        - to:
                            uri: jms:queue:%s
                            pattern: InOnly
                        - setHeader:
                            name: CamelHttpResponseCode
                            constant: 202
                        - setBody:
                            constant: accepted
                """.formatted(QUEUE);
    }

    /** From the queue: POST to the partner (line {@value #CALL_LINE}), then the answer to a file in the outbox. */
    static String outFlow(Path outbox) {
        return """
                - route:
                    id: trace-orders-out
                    from:
                      uri: jms:queue:%s
                      steps:
                        - setHeader:
                            name: CamelHttpMethod
                            constant: POST
                        - to: trace-partner:orders
                        - convertBodyTo:
                            type: String
                        - to: "file:%s"
                """.formatted(QUEUE, outbox);
    }

    static void write(Path file, String content) throws Exception {
        Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp");
        Files.writeString(tmp, content, StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Waits for the outbox file the second flow wrote for an order (the partner's answer, naming the order). */
    static Path awaitOutboxFile(Path outbox, String orderId) throws Exception {
        return Await.until(orderId + " in the outbox", Duration.ofSeconds(45), () -> {
            try (Stream<Path> files = Files.list(outbox)) {
                for (Path f : files.filter(Files::isRegularFile).toList()) {
                    if (Files.readString(f).contains(orderId)) {
                        return f;
                    }
                }
            }
            return null;
        });
    }

    static long outboxFiles(Path outbox) throws Exception {
        try (Stream<Path> files = Files.list(outbox)) {
            return files.filter(Files::isRegularFile).count();
        }
    }
}
