package dev.conflux.serviceplane;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.junit.Test;

public class RequestGuardTest {

    private static RequestGuard.Refusal check(long length, String query, String... headers) {
        HttpFields.Mutable fields = HttpFields.build();
        for (int i = 0; i < headers.length; i += 2) {
            fields.add(headers[i], headers[i + 1]);
        }
        return RequestGuard.check(fields, query, length, 1000);
    }

    @Test
    public void anOrdinaryRequestPasses() {
        assertNull(check(10, "a=%20b", "Content-Type", "application/json; charset=UTF-8", "Expect", "100-continue", "Expect", "102-processing",
                "Transfer-Encoding", "chunked", "Content-Encoding", "identity"));
        assertNull(check(-1, null));
    }

    @Test
    public void unknownExpectationsAre417() {
        assertEquals(417, check(0, null, "Expect", "100-continue-bogus").status());
        assertEquals(417, check(0, null, ExpectationFieldConnectionFactory.UNSUPPORTED_EXPECT, "bogus").status());
    }

    @Test
    public void transferCodingsOtherThanChunkedAre400() {
        assertEquals(400, check(-1, null, "Transfer-Encoding", "gzip, chunked").status());
        assertEquals(400, check(-1, null, "Transfer-Encoding", "gzip", "Transfer-Encoding", "chunked").status());
    }

    @Test
    public void contentEncodingsAre415AndSayWhatIsAccepted() {
        RequestGuard.Refusal r = check(5, null, "Content-Encoding", "gzip");
        assertEquals(415, r.status());
        assertEquals(HttpHeader.ACCEPT_ENCODING, r.header());
        assertEquals("identity", r.headerValue());
    }

    @Test
    public void unknownOrIllegalCharsetsAre415() {
        assertEquals(415, check(2, null, "Content-Type", "application/json; charset=bogus").status());
        assertEquals(415, check(2, null, "Content-Type", "application/json;charset=\"\"").status());
        assertEquals(415, check(2, null, "Content-Type", "text/xml; charset=" + "x".repeat(5000)).status());
        assertEquals(415, check(2, null, "Content-Type", "text/xml; charset=ut f-8").status());
        assertNull(check(2, null, "Content-Type", "text/xml; charset=\"iso-8859-1\""));
    }

    @Test
    public void malformedQueryEscapesAre400() {
        assertEquals(400, check(0, "x=%ZZ").status());
        assertEquals(400, check(0, "x=%2").status());
        assertEquals(400, check(0, "x=%").status());
        assertTrue(RequestGuard.wellEscaped("x=%41%2f&y=%C3%A9"));
        assertFalse(RequestGuard.wellEscaped("x=%٣4"));
    }

    @Test
    public void declaredBodiesOverTheLimitAre413() {
        assertEquals(413, check(1001, null).status());
        assertNull(check(1000, null));
    }

    @Test
    public void refusalsEchoOnlyPrintableClientText() {
        String detail = check(0, null, ExpectationFieldConnectionFactory.UNSUPPORTED_EXPECT, "a\u0001'b" + "c".repeat(100)).detail();
        assertTrue(detail, detail.startsWith("Unsupported expectation 'a??b"));
        assertTrue(detail, detail.length() < 140);
    }

    @Test
    public void soapEndpointsReadXmlPostedOrAreAskedForTheirWsdl() {
        assertNull(RequestGuard.checkSoap("POST", "text/xml; charset=utf-8"));
        assertNull(RequestGuard.checkSoap("POST", "application/soap+xml; action=\"urn:x\""));
        assertNull(RequestGuard.checkSoap("POST", "Multipart/Related; type=\"application/xop+xml\""));
        assertNull(RequestGuard.checkSoap("GET", null));
        for (String type : new String[] {"application/json", "text/plain", null, "application/x-www-form-urlencoded"}) {
            RequestGuard.Refusal refusal = RequestGuard.checkSoap("POST", type);
            assertEquals(415, refusal.status());
            assertTrue(refusal.detail(), refusal.detail().endsWith("': send a SOAP 1.1 envelope as text/xml or a SOAP 1.2"
                    + " envelope as application/soap+xml."));
        }
        for (String method : new String[] {"PUT", "DELETE", "PATCH", "TRACE", "OPTIONS"}) {
            RequestGuard.Refusal refusal = RequestGuard.checkSoap(method, "text/xml");
            assertEquals(405, refusal.status());
            assertEquals("GET, HEAD, POST", refusal.headerValue());
        }
    }
}
