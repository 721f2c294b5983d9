package dev.conflux.queues.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import dev.conflux.queues.api.DeadLetter;
import dev.conflux.queues.api.DeadLetterPage;
import dev.conflux.queues.api.QueueMessage;
import dev.conflux.queues.api.QueueSummary;
import dev.conflux.runtime.api.DeliveryFailure;
import dev.conflux.runtime.api.DeliveryFailures;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.Test;

public class BrokerQueueServiceTest {

    private final FakeBroker broker = new FakeBroker();
    private final Map<String, DeliveryFailure> failuresByJmsId = new HashMap<>();
    private final DeliveryFailures failures = new DeliveryFailures() {
        @Override
        public Optional<DeliveryFailure> byBrokerMessageId(long brokerMessageId) {
            return Optional.empty();
        }

        @Override
        public Optional<DeliveryFailure> byJmsMessageId(String jmsMessageId) {
            return Optional.ofNullable(failuresByJmsId.get(jmsMessageId));
        }
    };
    private final AtomicLong now = new AtomicLong();
    private final BrokerQueueService service = new BrokerQueueService(broker, failures, new QueueRates(now::get));

    private List<Long> deadLetters(String original, int n) {
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ids.add(broker.deadLetter(original, "order " + i));
        }
        return ids;
    }

    @Test
    public void deadLettersArePagedBeyondTheFirstThousand() {
        broker.queue("orders", "orders");
        List<Long> ids = deadLetters("orders", 5000);

        DeadLetterPage page = service.deadLetters("DLQ.orders", 4000, 100);
        assertEquals(5000, page.total());
        assertEquals(100, page.letters().size());
        assertEquals(String.valueOf(ids.get(4000)), page.letters().get(0).message().messageId());
        assertEquals("order 4099", page.letters().get(99).message().body());
        assertTrue(page.hasMore());

        DeadLetterPage across = service.deadLetters("DLQ.orders", 1950, 100);
        assertEquals("an offset inside a page reads across two of the broker's pages", "order 1950",
                across.letters().get(0).message().body());
        assertEquals("order 2049", across.letters().get(99).message().body());

        DeadLetterPage last = service.deadLetters("DLQ.orders", 4990, 1000);
        assertEquals(10, last.letters().size());
        assertFalse(last.hasMore());
        assertTrue(service.deadLetters("DLQ.orders", 6000, 10).letters().isEmpty());
        assertEquals("at most 1,000 a page", 1000, service.deadLetters("DLQ.orders", 0, 50_000).letters().size());
    }

    @Test
    public void retryAndDiscardReachMessagesBeyondTheFirstThousandAndSayWhichWereGone() {
        broker.queue("orders", "orders");
        List<Long> ids = deadLetters("orders", 3000);
        String far = String.valueOf(ids.get(2500));
        String farther = String.valueOf(ids.get(2999));

        assertEquals(List.of(far), service.retry("DLQ.orders", List.of(far, "999999")));
        assertEquals("order 2500", broker.messages.get("orders").get(0).get("text"));
        assertEquals(List.of(), service.retry("DLQ.orders", List.of(far)));

        assertEquals(List.of(farther), service.discard("DLQ.orders", List.of(farther), "duplicate"));
        assertEquals(2998, service.deadLetters("DLQ.orders", 0, 1).total());
    }

    @Test
    public void resubmitFindsTheMessageOnAnyPageAndSendsAnEditedCopyWhereItCameFrom() {
        broker.queue("orders", "orders");
        List<Long> ids = deadLetters("orders", 2500);
        String id = String.valueOf(ids.get(2200));

        String newId = service.resubmit("DLQ.orders", id, "fixed", List.of("priority=high", "_AMQ_ORIG_QUEUE=x"));

        FakeBroker.Sent sent = broker.sent.get(0);
        assertEquals("orders", sent.address());
        assertEquals("fixed", sent.body());
        assertEquals(Map.of("priority", "high", "ConfluxResubmittedFrom", id), sent.properties());
        assertEquals(2499, service.deadLetters("DLQ.orders", 0, 1).total());
        assertEquals(newId, service.browse("orders", 0, 10).get(0).messageId());
        assertEquals("high", service.browse("orders", 0, 10).get(0).property("priority"));
    }

    @Test
    public void badInputGetsAClearErrorAndChangesNothing() {
        broker.queue("orders", "orders");
        String id = String.valueOf(deadLetters("orders", 1).get(0));

        assertEquals("A reason is required to discard dead letters", assertThrows(IllegalArgumentException.class,
                () -> service.discard("DLQ.orders", List.of(id), " ")).getMessage());
        assertEquals("'ID:1' is not a message id (the broker's ids are numbers)", assertThrows(
                IllegalArgumentException.class, () -> service.retry("DLQ.orders", List.of("ID:1"))).getMessage());
        assertEquals("No message ids given", assertThrows(IllegalArgumentException.class,
                () -> service.retry("DLQ.orders", List.of())).getMessage());
        assertEquals("No dead-letter queue named 'orders'", assertThrows(IllegalArgumentException.class,
                () -> service.retry("orders", List.of(id))).getMessage());
        assertEquals("No dead-letter queue named 'nope'", assertThrows(IllegalArgumentException.class,
                () -> service.deadLetters("nope", 0, 10)).getMessage());
        assertEquals("Property 'oops' is not name=value", assertThrows(IllegalArgumentException.class,
                () -> service.resubmit("DLQ.orders", id, "x", List.of("oops"))).getMessage());
        assertEquals("No queue named 'elsewhere'", assertThrows(IllegalArgumentException.class,
                () -> service.move("orders", List.of(id), "elsewhere")).getMessage());
        assertEquals("The offset must be 0 or more, not -1", assertThrows(IllegalArgumentException.class,
                () -> service.browse("orders", -1, 10)).getMessage());
        assertEquals(1, service.deadLetters("DLQ.orders", 0, 10).total());
        assertTrue(broker.sent.isEmpty());
    }

    @Test
    public void aDeadLetterShowsWhyItsFlowFailedOnIt() {
        broker.queue("orders", "orders");
        long id = broker.deadLetter("orders", "poison");
        Instant first = Instant.parse("2026-12-01T10:00:00Z");
        failuresByJmsId.put("ID:" + id, new DeliveryFailure(7, "ID:" + id, "orders", "orders-flow", "route1",
                "throwException1 at orders.yaml:9", "java.lang.IllegalStateException", "bad", 5, first,
                first.plusSeconds(8)));
        broker.deadLetter("orders", "expired, no flow failed on it");

        List<DeadLetter> letters = service.deadLetters("DLQ.orders", 0, 10).letters();
        DeadLetter d = letters.get(0);
        assertEquals("orders", d.originalQueue());
        assertEquals("orders-flow", d.flow());
        assertEquals("throwException1 at orders.yaml:9", d.step());
        assertEquals(5, d.deliveryAttempts());
        assertEquals("2026-12-01T10:00:08Z", d.lastFailure());
        assertEquals("", letters.get(1).flow());
        assertEquals(0, letters.get(1).deliveryAttempts());
    }

    @Test
    public void queuesShowTheirRatesAndWhichHoldDeadLetters() {
        broker.queue("orders", "orders");
        broker.deadLetter("orders", "x");
        service.sample();
        for (int i = 0; i < 10; i++) {
            broker.add("orders", "o" + i, Map.of());
        }
        now.addAndGet(5_000_000_000L);
        service.sample();

        Map<String, QueueSummary> byName = new TreeMap<>();
        service.queues().forEach(q -> byName.put(q.name(), q));
        assertEquals(2.0, byName.get("orders").enqueueRate(), 0.001);
        assertFalse(byName.get("orders").deadLetter());
        assertTrue(byName.get("DLQ.orders").deadLetter());
        assertEquals(List.of("DLQ.orders"), service.deadLetterQueues().stream().map(QueueSummary::name).toList());
    }

    @Test
    public void moveSaysWhichMessagesWereMovedAndMoveAllAndPurgeCount() {
        broker.queue("a", "a");
        broker.queue("b", "b");
        long one = broker.add("a", "1", Map.of());
        broker.add("a", "2", Map.of());
        broker.add("a", "3", Map.of());

        assertEquals(List.of(String.valueOf(one)), service.move("a", List.of(String.valueOf(one), "77"), "b"));
        assertEquals(2, service.moveAll("a", "b"));
        List<QueueMessage> onB = service.browse("b", 0, 10);
        assertEquals(List.of("1", "2", "3"), onB.stream().map(QueueMessage::body).toList());
        assertEquals(3, service.purge("b"));
        service.pause("a");
        assertTrue(broker.queue("a").paused());
        service.resume("a");
        assertFalse(broker.queue("a").paused());
    }
}
