package dev.conflux.serviceplane;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

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

    @Test
    public void soapEndpointsGetFaultsOfTheirVersion() {
        assertEquals("<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap:Body><soap:Fault>"
                + "<faultcode>soap:Client</faultcode><faultstring>Use &lt;UTF-8&gt; &amp; retry</faultstring>"
                + "</soap:Fault></soap:Body></soap:Envelope>", Problems.soapFault(false, 415, "Use <UTF-8> & retry"));
        String soap12 = Problems.soapFault(true, 500, "java.io.IOException: disk");
        assertTrue(soap12, soap12.contains("<soap:Value>soap:Receiver</soap:Value>"));
        assertFalse(soap12, soap12.contains("java."));
    }
}
