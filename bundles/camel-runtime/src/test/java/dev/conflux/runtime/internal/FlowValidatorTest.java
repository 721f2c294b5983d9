package dev.conflux.runtime.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import dev.conflux.runtime.api.FlowProblem;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.junit.Test;

public class FlowValidatorTest {

    private final FlowValidator validator = new FlowValidator(
            new FlowContextFactory(getClass().getClassLoader(), Map.of(), null));

    private List<FlowProblem> validate(String name, String content, String... props) {
        Properties p = new Properties();
        for (int i = 0; i < props.length; i += 2) {
            p.setProperty(props[i], props[i + 1]);
        }
        List<FlowProblem> problems = validator.validate("/flows/" + name, content, p);
        problems.forEach(System.out::println);
        return problems;
    }

    @Test
    public void aValidYamlFlowHasNoProblems() {
        assertEquals(List.of(), validate("ok.yaml", """
                - route:
                    from:
                      uri: timer:tick?period=1000
                      steps:
                        - setBody:
                            constant: "{{greeting}}"
                        - to: log:ok
                """, "greeting", "hi"));
    }

    @Test
    public void yamlSyntaxErrorIsReportedWithLineAndColumn() {
        List<FlowProblem> problems = validate("bad.yaml", """
                - route:
                    from:
                      uri: timer:tick
                      steps:
                        - to: log:x
                       - to: log:y
                """);
        assertEquals(1, problems.size());
        assertEquals(6, problems.get(0).line());
        assertTrue(problems.get(0).column() > 0);
    }

    @Test
    public void everyEndpointProblemIsReportedInOnePassWithItsLine() {
        List<FlowProblem> problems = validate("many.yaml", """
                - route:
                    from:
                      uri: timer:tick?perod=1000
                      steps:
                        - to: nosuchcomponent:foo
                        - to: "log:{{missing.key}}"
                        - to: kamelet:no-such-kamelet
                        - to: log:fine
                """);
        assertEquals(4, problems.size());
        assertEquals(3, problems.get(0).line());
        assertTrue(problems.get(0).message(), problems.get(0).message().contains("unknown option 'perod' (did you mean 'period'?)"));
        assertEquals(5, problems.get(1).line());
        assertTrue(problems.get(1).message().contains("unknown component 'nosuchcomponent'"));
        assertEquals(6, problems.get(2).line());
        assertTrue(problems.get(2).message(), problems.get(2).message().contains("missing.key"));
        assertEquals(7, problems.get(3).line());
        assertTrue(problems.get(3).message().contains("unknown Kamelet 'no-such-kamelet'"));
    }

    @Test
    public void aValidXmlFlowHasNoProblemsAndAKameletFromTheCatalogIsKnown() {
        assertEquals(List.of(), validate("ok.xml", """
                <routes xmlns="http://camel.apache.org/schema/xml-io">
                  <route id="xml-ok">
                    <from uri="kamelet:timer-source?message=hello&amp;period=1000"/>
                    <to uri="log:xml"/>
                  </route>
                </routes>
                """));
    }

    @Test
    public void xmlSyntaxErrorIsReportedWithLine() {
        List<FlowProblem> problems = validate("bad.xml", """
                <routes xmlns="http://camel.apache.org/schema/xml-io">
                  <route>
                    <from uri="timer:x"/>
                    <to uri="log:x">
                  </route>
                </routes>
                """);
        assertEquals(1, problems.size());
        assertTrue(problems.get(0).toString(), problems.get(0).line() >= 4);
    }

    @Test
    public void aFileWithoutRoutesIsReported() {
        List<FlowProblem> problems = validate("empty.yaml", "[]\n");
        assertEquals(1, problems.size());
        assertTrue(problems.get(0).message().contains("no routes"));
    }

    @Test
    public void aPlaceholderOutsideEndpointUrisThatDoesNotResolveIsReportedWithItsPosition() {
        String flow = """
                # {{comments}} are not read
                - route:
                    from:
                      uri: jms:queue:hello.in
                      steps:
                        - setBody:
                            simple: "{{greeting}}, ${body}"
                        - setHeader:
                            name: who
                            constant: "{{who:nobody}}"
                        - to: jms:queue:hello.out
                """;
        List<FlowProblem> problems = validate("hello.yaml", flow);
        assertEquals(1, problems.size());
        assertEquals(7, problems.get(0).line());
        assertEquals(22, problems.get(0).column());
        assertTrue(problems.get(0).toString(), problems.get(0).toString().startsWith(
                "/flows/hello.yaml:7:22: placeholder {{greeting}} does not resolve: Property with key [greeting] not found"));

        assertEquals("resolves once the flow's configuration has it", List.of(),
                validate("hello.yaml", flow, "greeting", "Hello"));
    }

    @Test
    public void aPlaceholderInAnEndpointUriIsReportedOnceWithItsEndpoint() {
        List<FlowProblem> problems = validate("uri.yaml", """
                - route:
                    from:
                      uri: timer:tick
                      steps:
                        - to: "log:{{category}}"
                """);
        assertEquals(1, problems.size());
        assertTrue(problems.get(0).toString(), problems.get(0).message().startsWith("in 'log:{{category}}': "));
    }

    @Test
    public void theComponentsAFlowLacksAreKnownToTheRedeployTrigger() {
        FlowValidator.Validation validation = validator.check("/flows/partner.yaml", """
                - route:
                    from:
                      uri: partner_a:outbox
                      steps:
                        - to: log:in
                """, new Properties());
        assertEquals(Set.of("partner_a"), validation.missingComponents());
        assertTrue(validation.problems().get(0).message().startsWith("unknown component 'partner_a' in 'partner_a:outbox'"));
    }
}
