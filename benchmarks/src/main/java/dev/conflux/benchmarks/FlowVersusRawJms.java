package dev.conflux.benchmarks;

import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.jms.JmsComponent;
import org.apache.camel.impl.DefaultCamelContext;
import org.springframework.jms.connection.CachingConnectionFactory;

/**
 * B1 and B2: JMS queue → flow → queue against a transacted JMS relay without a flow (B1) and the same route in plain
 * Camel (B2), on the same broker, in the same run.
 */
final class FlowVersusRawJms {

    private final Benchmarks bench;

    FlowVersusRawJms(Benchmarks bench) {
        this.bench = bench;
    }

    void run() throws Exception {
        ActiveMQConnectionFactory cf = new ActiveMQConnectionFactory("tcp://127.0.0.1:" + bench.brokerPort);
        try (Connection connection = cf.createConnection("admin", Benchmarks.PASSWORD)) {
            connection.start();
            // Baseline: the same broker, queue -> queue by a transacted relay in this JVM (no flow).
            Relay relay = new Relay(cf, "bench.raw.in", "bench.raw.out", Benchmarks.CLIENTS);
            bench.jmsRun(connection, "bench.raw.in", "bench.raw.out", Benchmarks.WARMUP);
            Stats raw = bench.repeat(() -> bench.jmsRun(connection, "bench.raw.in", "bench.raw.out", Benchmarks.MESSAGES));
            relay.close();

            // Conflux: a flow file, transacted JMS consumer -> JMS producer.
            bench.deploy("bench-jms.yaml", """
                    - route:
                        id: bench-jms
                        from:
                          uri: jms:queue:bench.flow.in?transacted=true&concurrentConsumers=%d
                          steps:
                            - to: jms:queue:bench.flow.out
                    """.formatted(Benchmarks.CLIENTS));
            bench.jmsRun(connection, "bench.flow.in", "bench.flow.out", Benchmarks.WARMUP);
            Stats flow = bench.repeat(() -> bench.jmsRun(connection, "bench.flow.in", "bench.flow.out", Benchmarks.MESSAGES));
            Files.delete(bench.conflux.home.resolve("flows/bench-jms.yaml"));

            // B2 baseline: the same route in plain Camel (no OSGi), in this JVM, against the same broker.
            DefaultCamelContext camel = new DefaultCamelContext();
            CachingConnectionFactory caching = new CachingConnectionFactory(
                    new ActiveMQConnectionFactory("tcp://127.0.0.1:" + bench.brokerPort, "admin", Benchmarks.PASSWORD));
            caching.setCacheConsumers(false);
            JmsComponent jms = JmsComponent.jmsComponent(caching);
            // Configured as Conflux configures a flow's jms component, so B2 measures the container, not settings.
            jms.getConfiguration().setLazyCreateTransactionManager(
                    Boolean.parseBoolean(System.getProperty("bench.camel.lazyTransactionManager", "false")));
            camel.addComponent("jms", jms);
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("jms:queue:bench.camel.in?transacted=true&concurrentConsumers=" + Benchmarks.CLIENTS)
                            .to("jms:queue:bench.camel.out");
                }
            });
            camel.start();
            bench.jmsRun(connection, "bench.camel.in", "bench.camel.out", Benchmarks.WARMUP);
            Stats plain = bench.repeat(() -> bench.jmsRun(connection, "bench.camel.in", "bench.camel.out", Benchmarks.MESSAGES));
            camel.stop();
            caching.destroy();

            String work = Benchmarks.MESSAGES + " persistent 1 KiB messages, " + Benchmarks.CLIENTS + " producers, " + Benchmarks.CLIENTS
                    + " transacted consumers";
            bench.row("B1", "JMS queue -> flow -> queue (" + work + ")", "Conflux flow file",
                    "JMS relay, same broker, no flow", "msg/s", flow.throughput(), raw.throughput(), flow, raw, "");
            bench.row("B2", "JMS queue -> route -> queue (" + work + ")", "Conflux flow file",
                    "same route in plain Camel (no OSGi)", "msg/s", flow.throughput(), plain.throughput(), flow, plain, "");
        }
    }

    /** The baseline's "no flow": CLIENTS transacted sessions moving in -> out, one message per transaction. */
    static final class Relay implements AutoCloseable {
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final List<Thread> threads = new ArrayList<>();
        private final Connection connection;

        Relay(ActiveMQConnectionFactory cf, String in, String out, int n) throws Exception {
            connection = cf.createConnection("admin", Benchmarks.PASSWORD);
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
                });
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
