package dev.conflux.serviceplane;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.Test;

public class ProblemsTest {

    private static JsonNode problem(int status, String detail) throws Exception {
        return new ObjectMapper().readTree(Problems.body(status, detail));
    }

    @Test
    public void aProblemHasTheRfc9457Members() throws Exception {
        JsonNode p = problem(415, "Unsupported charset 'bogus' in Content-Type: use UTF-8.");
        assertEquals("about:blank", p.get("type").asText());
        assertEquals("Unsupported Media Type", p.get("title").asText());
        assertEquals(415, p.get("status").asInt());
        assertEquals("Unsupported charset 'bogus' in Content-Type: use UTF-8.", p.get("detail").asText());
    }

    @Test
    public void detailsNamingJavaInternalsAreReplaced() throws Exception {
        for (String leak : new String[] {
                "jakarta.servlet.ServletException: java.io.IOException: Invalid character set",
                "Error reading XMLStreamReader",
                "Number value length (1001) exceeds the maximum allowed (1000, from `StreamReadConstraints.getMaxNumberLength()`)",
                "at org.eclipse.jetty.server.Foo.bar(Foo.java:12)",
                "Not in GZIP format (com.ctc.wstx.exc.WstxIOException)"}) {
            String detail = problem(500, leak).get("detail").asText();
            assertEquals("The server could not process the request. The failure is logged; try again later.", detail);
        }
        assertEquals("The request is malformed: check its request line, headers, URL escapes and body framing.",
                problem(400, "java.lang.IllegalArgumentException: bad").get("detail").asText());
    }

    @Test
    public void jettysBareReasonsBecomeSentences() throws Exception {
        assertEquals("The request headers are too many or too large.",
                problem(431, "Request Header Fields Too Large").get("detail").asText());
        assertFalse(Problems.text(404, null).contains("null"));
    }
}
