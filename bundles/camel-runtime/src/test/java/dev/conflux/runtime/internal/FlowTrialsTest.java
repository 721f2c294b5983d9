package dev.conflux.runtime.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import dev.conflux.runtime.api.FlowTrial;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class FlowTrialsTest {

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private final FlowTrials trials = new FlowTrials(
            new FlowContextFactory(getClass().getClassLoader(), Map.of(), null), Duration.ofSeconds(5));

    @Test
    public void whatTheFlowWouldSendIsCapturedAndNothingIsWritten() throws Exception {
        Path out = tmp.newFolder("out").toPath();
        Path in = tmp.newFolder("in").toPath();
        FlowTrial trial = trials.run("pickup", """
                - route:
                    from:
                      uri: file:%s?delete=true
                      steps:
                        - setHeader:
                            name: source
                            constant: partner
                        - to: file:%s
                        - to: jms:queue:orders
                """.formatted(in, out), "<order id='1'/>", Map.of("CamelFileName", "a.xml"));
        assertNull(trial.error());
        assertEquals(2, trial.sent().size());
        assertTrue(trial.sent().get(0).endpoint(), trial.sent().get(0).endpoint().startsWith("file:"));
        assertEquals("jms://queue:orders", trial.sent().get(1).endpoint());
        assertEquals("<order id='1'/>", trial.sent().get(1).body());
        assertEquals("partner", trial.sent().get(1).headers().get("source"));
        assertEquals("a.xml", trial.sent().get(1).headers().get("CamelFileName"));
        try (var files = Files.list(out)) {
            assertEquals("the file component was never used", 0, files.count());
        }
    }

    @Test
    public void csvLinesBecomeOneJsonMessageEach() {
        FlowTrial trial = trials.run("csv", """
                - route:
                    from:
                      uri: partner-a:inbox
                      steps:
                        - unmarshal:
                            custom: csv-records
                        - split:
                            simple: "${body}"
                            steps:
                              - marshal:
                                  json: {}
                              - to: jms:queue:lines
                """, "id,item\n1,apple\n2,\"pear, ripe\"\n", Map.of());
        assertNull(trial.error());
        assertEquals(2, trial.sent().size());
        assertEquals("{\"id\":\"1\",\"item\":\"apple\"}", trial.sent().get(0).body());
        assertEquals("{\"id\":\"2\",\"item\":\"pear, ripe\"}", trial.sent().get(1).body());
    }

    @Test
    public void directLinksBetweenTheFlowsOwnRoutesStayReal() {
        FlowTrial trial = trials.run("two", """
                - route:
                    from:
                      uri: timer:tick
                      steps:
                        - to: direct:next
                - route:
                    from:
                      uri: direct:next
                      steps:
                        - setBody:
                            constant: relayed
                        - to: http://example.invalid/api
                """, "", Map.of());
        assertNull(trial.error());
        assertEquals(1, trial.sent().size());
        assertEquals("relayed", trial.sent().get(0).body());
    }

    @Test
    public void aRestOperationIsTriedThroughItsRoute() {
        FlowTrial trial = trials.run("form", """
                - rest:
                    path: /forms
                    post:
                      - path: /contact
                        to: direct:mail
                - route:
                    from:
                      uri: direct:mail
                      steps:
                        - setHeader:
                            name: Subject
                            constant: New message
                        - to: office:send?to=sales@example.com
                        - setBody:
                            constant: Thanks
                """, "name=Ann", Map.of());
        assertNull(trial.error());
        assertEquals(1, trial.sent().size());
        assertTrue(trial.sent().get(0).endpoint(), trial.sent().get(0).endpoint().startsWith("office:"));
        assertEquals("name=Ann", trial.sent().get(0).body());
        assertEquals("New message", trial.sent().get(0).headers().get("Subject"));
    }

    @Test
    public void aFailureIsReportedWithWhatWasSentBeforeIt() {
        FlowTrial trial = trials.run("fails", """
                - route:
                    from:
                      uri: jms:queue:in
                      steps:
                        - to: jms:queue:audit
                        - throwException:
                            exceptionType: java.lang.IllegalStateException
                            message: amount missing
                """, "x", Map.of());
        assertEquals(1, trial.sent().size());
        assertNotNull(trial.error());
        assertTrue(trial.error(), trial.error().contains("amount missing"));
        assertFalse(trial.error(), trial.error().contains("java.lang"));
    }

    @Test
    public void aFlowThatCannotStartSaysWhy() {
        FlowTrial trial = trials.run("broken", """
                - route:
                    from:
                      uri: jms:queue:in
                      steps:
                        - unknownStep: {}
                """, "x", Map.of());
        assertTrue(trial.sent().isEmpty());
        assertNotNull(trial.error());
    }
}
