package dev.conflux.itests;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;

/** Queue-to-queue flows that fail on chosen messages, deployed as files: what support staff meet as dead letters. */
final class OrderFlows {

    private OrderFlows() {
    }

    /** A flow that throws IllegalStateException("cannot process BODY") where {@code failWhen} (Simple) holds. */
    static String yaml(String name, String in, String out, String failWhen) {
        return """
                - route:
                    id: %s
                    from:
                      uri: jms:queue:%s
                      steps:
                        - filter:
                            simple: "%s"
                            steps:
                              - throwException:
                                  exceptionType: java.lang.IllegalStateException
                                  message: "cannot process ${body}"
                        - to: jms:queue:%s
                """.formatted(name, in, failWhen, out);
    }

    /** Writes flows/NAME.yaml as an editor saves it and waits until that revision runs. */
    static void deploy(ConfluxDistribution conflux, Jolokia admin, String name, String content, int revision)
            throws Exception {
        Path flows = conflux.home().toPath().resolve("flows");
        Path tmp = Files.createTempFile(flows.getParent(), "edit", ".tmp");
        Files.writeString(tmp, content, StandardCharsets.UTF_8);
        Files.move(tmp, flows.resolve(name + ".yaml"), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        Await.until("flow " + name + " revision " + revision + " STARTED", Duration.ofMinutes(1), () -> {
            JsonNode f = admin.exec("conflux:type=flows", "info", name);
            return f.path("revision").asInt() == revision && "STARTED".equals(f.path("state").asText());
        });
    }
}
