package dev.conflux.tracing.jmx;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.conflux.tracing.api.TraceQuery;
import dev.conflux.tracing.shell.FakeTraceService;
import org.junit.Test;

public class TracesMBeanImplTest {

    private static final String T1 = "4bf92f3577b34da6a3ce929d0e0e4736";

    private final FakeTraceService service = new FakeTraceService();
    private final TracesMBeanImpl mbean = new TracesMBeanImpl(service);
    private final ObjectMapper json = new ObjectMapper();

    @Test
    public void traceIsTheTimelineAsJsonWithIsoTimesAndThePosition() throws Exception {
        service.traces.add(FakeTraceService.order(T1, "A-1"));
        JsonNode t = json.readTree(mbean.trace("ID:abc-1"));
        assertEquals(T1, t.get("traceId").asText());
        assertEquals("A-1", t.get("businessKeys").get(0).asText());
        JsonNode hops = t.get("hops");
        assertEquals(5, hops.size());
        assertEquals("RECEIVED", hops.get(0).get("kind").asText());
        assertEquals("2026-12-02T10:32:05.120Z", hops.get(0).get("time").asText());
        assertEquals("POST /api/orders", hops.get(0).get("target").asText());
        assertEquals(2500, hops.get(2).get("waitedMillis").asLong());
        assertEquals("ok", hops.get(3).get("outcome").asText());
        assertEquals(88, hops.get(3).get("durationMillis").asLong());
        assertEquals("DELIVERED", t.get("position").get("state").asText());
        assertEquals("delivered to http://partner-a.example/orders at 10:32:07", t.get("position").get("text").asText());

        assertEquals("null", mbean.trace("unknown"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> mbean.trace(" "));
        assertTrue(e.getMessage().startsWith("Give a business key"));
    }

    @Test
    public void searchTakesBlankAsAnyAndReturnsSummaries() throws Exception {
        service.traces.add(FakeTraceService.order(T1, "A-1"));
        JsonNode list = json.readTree(mbean.search("", " ", "", false, 0));
        TraceQuery q = service.queries.get(0);
        assertEquals(null, q.text());
        assertEquals(null, q.flow());
        assertEquals(null, q.from());
        assertEquals(TraceQuery.DEFAULT_LIMIT, q.limit());
        assertEquals(1, list.size());
        assertEquals(T1, list.get(0).get("traceId").asText());
        assertEquals(5, list.get(0).get("hops").asInt());
        assertEquals("sample-orders", list.get(0).get("flows").get(0).asText());
        assertEquals(false, list.get(0).get("failed").asBoolean());

        assertEquals(0, json.readTree(mbean.search("A-1", "sample-orders", "1h", true, 10)).size());
        assertTrue(service.queries.get(1).failedOnly());
        assertTrue(service.queries.get(1).from() != null);
        assertThrows(IllegalArgumentException.class, () -> mbean.search("A-1", null, "soon", false, 10));
    }

    @Test
    public void statsAreJson() throws Exception {
        JsonNode s = json.readTree(mbean.getStats());
        assertEquals(1234, s.get("events").asLong());
        assertEquals(10000, s.get("bufferCapacity").asInt());
        assertEquals("2026-12-02T10:32:05.120Z", s.get("oldest").asText());
        assertTrue(s.get("lastError").isNull());
    }
}
