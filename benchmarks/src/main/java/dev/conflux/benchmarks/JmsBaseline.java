package dev.conflux.benchmarks;

import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.jms.JmsComponent;
import org.apache.camel.impl.DefaultCamelContext;
import org.springframework.jms.connection.CachingConnectionFactory;

/**
 * The baselines of B1 and B2 in a JVM of their own (started by {@link FlowVersusRawJms} through {@link OutOfProcess}),
 * so that their CPU is not mixed with the benchmark's producers and listener, and is counted from /proc as the
 * container's is:
 *
 * <pre>
 * JmsBaseline relay|camel BROKER_PORT USER PASSWORD IN_QUEUE OUT_QUEUE CONSUMERS
 * </pre>
 *
 * <ul>
 * <li>{@code relay} (B1): CONSUMERS transacted sessions of the plain Artemis JMS client moving IN -> OUT, one message
 * per transaction (no flow, no Camel);</li>
 * <li>{@code camel} (B2): the flow's route in plain Camel ({@code DefaultCamelContext}, no OSGi) with the
 * {@code jms} component configured as Conflux configures a flow's: a {@code CachingConnectionFactory} that caches no
 * consumers, {@code lazyCreateTransactionManager=false} (the system property
 * {@code bench.camel.lazyTransactionManager=true} reproduces Camel's default).</li>
 * </ul>
 *
 * Prints {@code READY} once it consumes and runs until it is destroyed (SIGTERM: it stops its consumers first).
 */
public final class JmsBaseline {

    static final String READY = "READY";

    private JmsBaseline() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 7 || !List.of("relay", "camel").contains(args[0])) {
            System.err.println("usage: JmsBaseline relay|camel BROKER_PORT USER PASSWORD IN_QUEUE OUT_QUEUE CONSUMERS");
            System.exit(2);
        }
        String url = "tcp://127.0.0.1:" + Integer.parseInt(args[1]);
        String user = args[2];
        String password = args[3];
        String in = args[4];
        String out = args[5];
        int consumers = Integer.parseInt(args[6]);
        AutoCloseable baseline = "relay".equals(args[0])
                ? new Relay(new ActiveMQConnectionFactory(url), user, password, in, out, consumers)
                : camel(url, user, password, in, out, consumers);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                baseline.close();
            } catch (Exception e) {
                // going away anyway
            } finally {
                stopped.countDown();
            }
        }));
        System.out.println(READY + " " + args[0] + " " + in + " -> " + out + ", " + consumers + " consumers");
        System.out.flush();
        stopped.await();
    }

    /** B2's baseline: the same route as the flow, in plain Camel. */
    static AutoCloseable camel(String url, String user, String password, String in, String out, int consumers)
            throws Exception {
        DefaultCamelContext camel = new DefaultCamelContext();
        CachingConnectionFactory caching = new CachingConnectionFactory(new ActiveMQConnectionFactory(url, user, password));
        caching.setCacheConsumers(false);
        JmsComponent jms = JmsComponent.jmsComponent(caching);
        // Configured as Conflux configures a flow's jms component, so B2 measures the container, not settings.
        jms.getConfiguration().setLazyCreateTransactionManager(
                Boolean.parseBoolean(System.getProperty("bench.camel.lazyTransactionManager", "false")));
        camel.addComponent("jms", jms);
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("jms:queue:" + in + "?transacted=true&concurrentConsumers=" + consumers).to("jms:queue:" + out);
            }
        });
        camel.start();
        return () -> {
            camel.stop();
            caching.destroy();
        };
    }

    /** B1's baseline, "no flow": n transacted sessions moving in -> out, one message per transaction. */
    static final class Relay implements AutoCloseable {
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final List<Thread> threads = new ArrayList<>();
        private final Connection connection;

        Relay(ActiveMQConnectionFactory cf, String user, String password, String in, String out, int n)
                throws Exception {
            connection = cf.createConnection(user, password);
            connection.start();
            for (int i = 0; i < n; i++) {
                Session s = connection.createSession(true, Session.SESSION_TRANSACTED);
                MessageConsumer consumer = s.createConsumer(s.createQueue(in));
                MessageProducer producer = s.createProducer(s.createQueue(out));
                producer.setDeliveryMode(DeliveryMode.PERSISTENT);
                Thread t = new Thread(() -> {
                    try {
                        while (running.get()) {
                            Message m = consumer.receive(200);
                            if (m != null) {
                                producer.send(m);
                                s.commit();
                            }
                        }
                    } catch (Exception e) {
                        if (running.get()) {
                            throw new IllegalStateException(e);
                        }
                    }
                }, "relay-" + i);
                t.start();
                threads.add(t);
            }
        }

        @Override
        public void close() throws Exception {
            running.set(false);
            for (Thread t : threads) {
                t.join();
            }
            connection.close();
        }
    }
}
