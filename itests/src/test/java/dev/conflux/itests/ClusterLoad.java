package dev.conflux.itests;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.activemq.artemis.api.core.ActiveMQDuplicateIdException;

/**
 * The load of the cluster test: persistent messages in transacted batches, REST orders through the load balancer and
 * files for the singleton pickup, each recording what it was told (committed, acknowledged, failed) and its outage
 * (first failure to the first success after it). Orders and files are paced by the messages' progress, so that all
 * three run across the failovers.
 */
final class ClusterLoad {

    static final String DUPLICATE_ID = "_AMQ_DUPL_ID";

    /** An outage as a client saw it: first failure, then first success after it (0 when none). */
    static final class Outage {
        final AtomicLong firstFailure = new AtomicLong();
        final AtomicLong recovered = new AtomicLong();
        final AtomicInteger failures = new AtomicInteger();

        void failed() {
            failures.incrementAndGet();
            firstFailure.compareAndSet(0, System.nanoTime());
        }

        void succeeded() {
            if (firstFailure.get() != 0) {
                recovered.compareAndSet(0, System.nanoTime());
            }
        }

        /** Seconds from the first failure to the first success after it; -1 without an outage. */
        double seconds() {
            return firstFailure.get() == 0 || recovered.get() == 0 ? -1
                    : (recovered.get() - firstFailure.get()) / 1e9;
        }
    }

    /**
     * Sends {@code total} messages {@code m-0..} to a queue in transacted batches; each carries a duplicate id, so
     * a batch sent again after a failover (its commit's outcome unknown) is not kept twice.
     */
    static final class Messages implements Runnable {
        final AtomicInteger committed = new AtomicInteger();
        final Outage outage = new Outage();
        final Semaphore progress = new Semaphore(0);
        /** Batches sent again after a failover that the broker recognised as already committed. */
        final AtomicInteger duplicateBatches = new AtomicInteger();
        private final ConnectionFactory factory;
        private final String queue;
        private final int total;
        private final int batch;
        private final int pace;
        volatile Throwable failed;

        /** @param pace one permit of {@link #progress} per this many committed messages */
        Messages(ConnectionFactory factory, String queue, int total, int batch, int pace) {
            this.factory = factory;
            this.queue = queue;
            this.total = total;
            this.batch = batch;
            this.pace = pace;
        }

        @Override
        public void run() {
            try (Connection c = factory.createConnection(ClusterNodes.ADMIN, ClusterNodes.PASSWORD)) {
                Session session = c.createSession(true, Session.SESSION_TRANSACTED);
                for (int start = 0; start < total; start += batch) {
                    int end = Math.min(total, start + batch);
                    while (true) {
                        try {
                            MessageProducer producer = session.createProducer(session.createQueue(queue));
                            producer.setDeliveryMode(DeliveryMode.PERSISTENT);
                            for (int i = start; i < end; i++) {
                                TextMessage m = session.createTextMessage("m-" + i);
                                m.setStringProperty(DUPLICATE_ID, "m-" + i);
                                producer.send(m);
                            }
                            session.commit();
                            producer.close();
                            outage.succeeded();
                            break;
                        } catch (JMSException e) {
                            outage.failed();
                            if (duplicate(e)) {
                                // The batch was committed before the failover (its answer was lost); sent again, the
                                // broker recognised its ids and rolled the copy back: it is in, once.
                                duplicateBatches.incrementAndGet();
                                break;
                            }
                            // Rolled back, or its outcome unknown (the broker died during the commit): send it again.
                            try {
                                session.close();
                            } catch (JMSException ignored) {
                                // the session went with the broker
                            }
                            session = c.createSession(true, Session.SESSION_TRANSACTED);
                        }
                    }
                    int before = committed.getAndSet(end);
                    progress.release(end / pace - before / pace);
                }
            } catch (Throwable t) {
                failed = t;
            } finally {
                progress.release(Integer.MAX_VALUE / 2);
            }
        }
    }

    /** Whether the broker refused a transaction because its messages' duplicate ids were committed already. */
    static boolean duplicate(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ActiveMQDuplicateIdException
                    || (t instanceof JMSException j && j.getLinkedException() instanceof ActiveMQDuplicateIdException)
                    || String.valueOf(t.getMessage()).contains("Duplicate")) {
                return true;
            }
        }
        return false;
    }

    /**
     * POSTs orders {@code o-0..} through the load balancer, one per permit of the messages' progress; every
     * {@code perFile} orders, a permit for the file drops.
     */
    static final class Orders implements Runnable {
        final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        final Map<String, String> refused = new ConcurrentHashMap<>();
        final Outage outage = new Outage();
        private final String url;
        private final int total;
        private final Semaphore pace;
        private final Semaphore files;
        private final int perFile;
        private final Http http = new Http();
        volatile Throwable failed;

        Orders(String url, int total, Semaphore pace, Semaphore files, int perFile) {
            this.url = url;
            this.total = total;
            this.pace = pace;
            this.files = files;
            this.perFile = perFile;
        }

        @Override
        public void run() {
            try {
                for (int i = 0; i < total; i++) {
                    pace.acquire();
                    String id = "o-" + i;
                    try {
                        HttpResponse<String> r = http.post(url + "?id=" + id, "application/json",
                                "{\"orderId\":\"" + id + "\",\"quantity\":1}");
                        if (r.statusCode() == 202) {
                            acknowledged.add(id);
                            outage.succeeded();
                        } else {
                            refused.put(id, "HTTP " + r.statusCode());
                            outage.failed();
                        }
                    } catch (java.io.IOException e) {
                        refused.put(id, e.getClass().getSimpleName());
                        outage.failed();
                    }
                    if ((i + 1) % perFile == 0) {
                        files.release();
                    }
                }
            } catch (Throwable t) {
                failed = t;
            } finally {
                files.release(Integer.MAX_VALUE / 2);
            }
        }
    }

    /** Puts files {@code f-0..} into the pickup's inbox (written beside it, then moved in), one per permit. */
    static final class FileDrops implements Runnable {
        private final Path inbox;
        private final int total;
        private final Semaphore pace;
        volatile Throwable failed;

        FileDrops(Path inbox, int total, Semaphore pace) {
            this.inbox = inbox;
            this.total = total;
            this.pace = pace;
        }

        @Override
        public void run() {
            try {
                Path staging = Files.createDirectories(inbox.resolveSibling("staging"));
                for (int i = 0; i < total; i++) {
                    pace.acquire();
                    Path file = Files.writeString(staging.resolve("f-" + i + ".txt"), "file " + i);
                    Files.move(file, inbox.resolve(file.getFileName()), StandardCopyOption.ATOMIC_MOVE);
                }
            } catch (Throwable t) {
                failed = t;
            }
        }
    }

    /** Every message of a queue by its text, with how many times each came (a consumer over the pair's HA URL). */
    static Map<String, Integer> drain(ConnectionFactory factory, String queue, int distinct, long deadlineNanos,
            Map<String, String> property, String name) throws JMSException {
        Map<String, Integer> seen = new HashMap<>();
        try (Connection c = factory.createConnection(ClusterNodes.ADMIN, ClusterNodes.PASSWORD)) {
            c.start();
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer consumer = s.createConsumer(s.createQueue(queue));
            while (System.nanoTime() < deadlineNanos) {
                // Until every one expected has come, then until the queue stays empty for 2 s (late duplicates).
                Message m = consumer.receive(seen.size() < distinct ? 1000 : 2000);
                if (m == null) {
                    if (seen.size() >= distinct) {
                        break;
                    }
                    continue;
                }
                String text = ((TextMessage) m).getText();
                seen.merge(text, 1, Integer::sum);
                if (property != null) {
                    property.put(text, m.getStringProperty(name));
                }
            }
        }
        return seen;
    }

    static long deadline(long seconds) {
        return System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    }

    private ClusterLoad() {
    }
}
