package ${package};

import static org.junit.Assert.assertEquals;

import java.util.Properties;
import org.apache.camel.ConsumerTemplate;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/** Runs the flow's route in a plain CamelContext, with in-memory endpoints in place of the queues. */
public class ${flowClass}Test {

    private final DefaultCamelContext context = new DefaultCamelContext();

    @Before
    public void start() throws Exception {
        Properties properties = new Properties();
        properties.setProperty("input", "direct:in");
        properties.setProperty("output", "seda:out");
        properties.setProperty("greeting", "Hi");
        context.getPropertiesComponent().setInitialProperties(properties);
        context.addRoutes(new ${flowClass}());
        context.start();
    }

    @After
    public void stop() {
        context.stop();
    }

    @Test
    public void greetsWhatItReceives() {
        ProducerTemplate producer = context.createProducerTemplate();
        ConsumerTemplate consumer = context.createConsumerTemplate();
        producer.sendBody("direct:in", "Conflux");
        assertEquals("Hi Conflux", consumer.receiveBody("seda:out", 5000, String.class));
    }
}
