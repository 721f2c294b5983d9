package dev.conflux.tracing.internal.broker;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import dev.conflux.tracing.api.Hop;
import dev.conflux.tracing.api.HopKind;
import dev.conflux.tracing.api.TraceParent;
import dev.conflux.tracing.api.TraceRecorder;
import java.util.ArrayList;
import java.util.List;
import org.apache.activemq.artemis.api.core.ActiveMQBuffer;
import org.apache.activemq.artemis.api.core.ActiveMQBuffers;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.message.impl.CoreMessage;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.apache.activemq.artemis.utils.UUID;
import org.apache.activemq.artemis.utils.UUIDGenerator;
import org.junit.Test;

public class BrokerHopsTest {

    /** Records into a list. */
    static final class ListRecorder implements TraceRecorder {
        final List<Hop> hops = new ArrayList<>();
        boolean on = true;

        @Override
        public boolean record(Hop hop) {
            hops.add(hop);
            return true;
        }

        @Override
        public boolean enabled() {
            return on;
        }
    }

    private final ListRecorder recorder = new ListRecorder();
    private final BrokerHops hops = new BrokerHops(() -> recorder, "node-1");

    @Test
    public void aMessageFromOutsideGetsANewTraceAndAReceivedHop() {
        String stamp = hops.received("orders", null, "A-7", "partner", "ID:abc");
        TraceParent tp = TraceParent.parse(stamp).orElseThrow();
        Hop h = recorder.hops.get(0);
        assertEquals(HopKind.RECEIVED, h.kind());
        assertEquals(tp.traceId(), h.traceId());
        assertEquals(tp.spanId(), h.spanId());
        assertEquals("queue:orders", h.target());
        assertEquals("partner", h.actor());
        assertEquals("ID:abc", h.messageId());
        assertEquals("A-7", h.businessKey());
        assertEquals("node-1", h.node());
    }

    @Test
    public void aMessageThatAlreadyCarriesATraceIsLeftAlone() {
        assertNull(hops.received("orders", TraceParent.newTrace().toString(), null, "conflux", "ID:x"));
        assertTrue(recorder.hops.isEmpty());
    }

    @Test
    public void anInvalidTraceparentIsReplacedAsW3cSays() {
        assertNotNull(hops.received("orders", "00-nonsense", null, null, null));
        assertEquals(1, recorder.hops.size());
    }

    @Test
    public void brokerInternalAddressesAreNotTraced() {
        for (String address : List.of("activemq.notifications", "activemq.management", "$sys.mqtt.sessions",
                "my.notifications")) {
            assertNull(address, hops.received(address, null, null, null, null));
        }
        assertTrue(recorder.hops.isEmpty());
    }

    @Test
    public void nothingIsStampedWhenTracingIsOffOrThereIsNoRecorder() {
        recorder.on = false;
        assertNull(hops.received("orders", null, null, null, null));
        assertNull(new BrokerHops(() -> null, "n").received("orders", null, null, null, null));
        assertTrue(recorder.hops.isEmpty());
    }

    @Test
    public void deadLetteringAndExpiryAreRecordedOnTheMessagesTrace() {
        TraceParent tp = TraceParent.newTrace();
        hops.deadLettered(tp.toString(), "A-1", "DLQ.orders", 3, "ID:m");
        hops.expired(tp.toString(), "A-1", "orders", 1, "ID:m");
        Hop dlq = recorder.hops.get(0);
        assertEquals(HopKind.DEAD_LETTERED, dlq.kind());
        assertEquals(tp.traceId(), dlq.traceId());
        assertEquals(tp.spanId(), dlq.parentSpanId());
        assertEquals("DLQ.orders", dlq.target());
        assertEquals(3, dlq.attempt());
        assertEquals("ID:m", dlq.messageId());
        assertEquals("A-1", dlq.businessKey());
        Hop expired = recorder.hops.get(1);
        assertEquals(HopKind.EXPIRED, expired.kind());
        assertEquals("queue:orders", expired.target());
    }

    @Test
    public void thePluginStampsTheTraceparentPropertySoThatItSurvivesTheJournal() {
        BrokerTracingPlugin plugin = new BrokerTracingPlugin(hops, a -> new AddressSettings());
        CoreMessage m = new CoreMessage(1, 256);
        m.setAddress("orders");
        UUID id = UUIDGenerator.getInstance().generateUUID();
        m.setUserID(id);
        m.putStringProperty(TraceParent.BUSINESS_KEY, "A-9");
        plugin.beforeSend(null, null, m, false, false);

        String stamped = m.getStringProperty(TraceParent.HEADER);
        assertTrue(stamped, TraceParent.parse(stamped).isPresent());
        ActiveMQBuffer journal = ActiveMQBuffers.fixedBuffer(m.getPersistSize());
        m.persist(journal);
        CoreMessage reloaded = new CoreMessage();
        reloaded.reloadPersistence(journal, null);
        assertEquals(stamped, reloaded.getStringProperty(TraceParent.HEADER));

        Hop h = recorder.hops.get(0);
        assertEquals(TraceParent.parse(stamped).orElseThrow().traceId(), h.traceId());
        assertEquals("ID:" + id, h.messageId());
        assertEquals("A-9", h.businessKey());
    }

    @Test
    public void theDeadLetterQueueIsNamedAsTheBrokerCreatesIt() {
        AddressSettings perQueue = new AddressSettings().setAutoCreateDeadLetterResources(true)
                .setDeadLetterQueuePrefix(SimpleString.of("DLQ.")).setDeadLetterQueueSuffix(SimpleString.of(""));
        BrokerTracingPlugin plugin = new BrokerTracingPlugin(hops, a -> perQueue);
        assertEquals("DLQ.orders", plugin.deadLetterQueue("orders", "orders", SimpleString.of("DLQ")));
        BrokerTracingPlugin shared = new BrokerTracingPlugin(hops, a -> new AddressSettings());
        assertEquals("DLQ", shared.deadLetterQueue("orders", "orders", SimpleString.of("DLQ")));
    }
}
