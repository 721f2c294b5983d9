package dev.conflux.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.xml.ws.Provider;
import jakarta.xml.ws.Service;
import jakarta.xml.ws.ServiceMode;
import jakarta.xml.ws.WebServiceException;
import jakarta.xml.ws.WebServiceProvider;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import javax.xml.namespace.QName;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.dom.DOMSource;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.cxf.Bus;
import org.apache.cxf.jaxws.EndpointImpl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;

/**
 * B3SOAP's baseline: the sample order flow's SOAP operation submitOrder (bundles/sample-order-flow, OrderFlow's
 * {@code orders-soap} and {@code orders-enqueue} routes) as a bare CXF JAX-WS endpoint, doing the same work: the
 * payload as DOM (CXF PAYLOAD mode, as the flow's {@code cxf:} endpoint with {@code dataFormat=PAYLOAD}), the
 * order's fields read and checked, the order as JSON sent persistent to the same queue of the same broker with the
 * headers the flow sets ({@code orderId}, {@code ConfluxBusinessKey}), one INFO log line per order as the flow's
 * {@code log} step, and the response built from text and parsed as the flow's string answer is. No faults (the
 * benchmark sends valid orders).
 */
@WebServiceProvider(serviceName = "OrderService", portName = "OrderPort",
        targetNamespace = BareOrderEndpoint.NS)
@ServiceMode(Service.Mode.PAYLOAD)
public class BareOrderEndpoint implements Provider<DOMSource> {

    static final String NS = "http://conflux.dev/sample/orders";
    private static final Logger LOG = LoggerFactory.getLogger("orders-enqueue");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]{0,63}");

    private final Connection connection;
    private final String queue;
    /** A session and producer per thread, as the flow's caching connection factory keeps them. */
    private final ThreadLocal<MessageProducer> producers;
    private final ThreadLocal<DocumentBuilder> parsers = ThreadLocal.withInitial(() -> {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            return f.newDocumentBuilder();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    });
    private final ThreadLocal<Session> sessions = new ThreadLocal<>();

    BareOrderEndpoint(Connection connection, String queue) {
        this.connection = connection;
        this.queue = queue;
        this.producers = ThreadLocal.withInitial(() -> {
            try {
                Session s = this.connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
                sessions.set(s);
                MessageProducer p = s.createProducer(s.createQueue(this.queue));
                p.setDeliveryMode(DeliveryMode.PERSISTENT);
                return p;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /** Publishes the endpoint at {@code /orders} of the bus's CXF servlet, with the sample's WSDL. */
    static void publish(Bus bus, String wsdl, String brokerUrl, String user, String password, String queue)
            throws Exception {
        ActiveMQConnectionFactory cf = new ActiveMQConnectionFactory(brokerUrl, user, password);
        Connection connection = cf.createConnection();
        connection.start();
        EndpointImpl endpoint = new EndpointImpl(bus, new BareOrderEndpoint(connection, queue));
        endpoint.setWsdlLocation(wsdl);
        endpoint.setServiceName(new QName(NS, "OrderService"));
        endpoint.setEndpointName(new QName(NS, "OrderPort"));
        endpoint.publish("/orders");
    }

    @Override
    public DOMSource invoke(DOMSource request) {
        Node node = request.getNode();
        Element submit = node instanceof Document d ? d.getDocumentElement() : (Element) node;
        if (submit == null || !"submitOrder".equals(submit.getLocalName())) {
            throw new WebServiceException("Expected a submitOrder element in namespace " + NS);
        }
        Map<String, String> fields = new LinkedHashMap<>();
        for (Node n = submit.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element el) {
                fields.put(el.getLocalName(), el.getTextContent());
            }
        }
        Map<String, Object> order = order(fields);
        String orderId = (String) order.get("orderId");
        try {
            MessageProducer producer = producers.get();
            TextMessage message = sessions.get().createTextMessage(JSON.writeValueAsString(order));
            message.setStringProperty("orderId", orderId);
            message.setStringProperty("ConfluxBusinessKey", orderId);
            producer.send(message);
            LOG.info("Order {} accepted", orderId);
            String answer = "<submitOrderResponse xmlns=\"" + NS + "\"><orderId>" + xml(orderId)
                    + "</orderId><status>ACCEPTED</status></submitOrderResponse>";
            return new DOMSource(parsers.get().parse(new InputSource(new StringReader(answer))).getDocumentElement());
        } catch (Exception e) {
            throw new WebServiceException(e);
        }
    }

    /** The order as the sample's Order record serializes it, with the sample's checks (Order.from). */
    static Map<String, Object> order(Map<String, String> fields) {
        List<String> problems = new ArrayList<>();
        String customer = text(fields.get("customer"), "customer", problems);
        String item = text(fields.get("item"), "item", problems);
        int quantity = 0;
        try {
            quantity = Integer.parseInt(fields.getOrDefault("quantity", "").trim());
            if (quantity <= 0) {
                problems.add("'quantity' must be a positive integer");
            }
        } catch (NumberFormatException e) {
            problems.add("'quantity' must be a positive integer");
        }
        String id = fields.get("orderId") == null ? null : fields.get("orderId").trim();
        if (id != null && !SAFE_ID.matcher(id).matches()) {
            problems.add("'orderId' is not a safe file name");
        }
        if (!problems.isEmpty()) {
            throw new WebServiceException("Invalid order: " + String.join("; ", problems));
        }
        Map<String, Object> order = new LinkedHashMap<>();
        order.put("orderId", id != null ? id : UUID.randomUUID().toString());
        order.put("customer", customer);
        order.put("item", item);
        order.put("quantity", quantity);
        return order;
    }

    private static String text(String value, String field, List<String> problems) {
        String s = value == null ? null : value.trim();
        if (s == null || s.isEmpty()) {
            problems.add("'" + field + "' is required");
        } else if (s.length() > 200) {
            problems.add("'" + field + "' must be at most 200 characters");
        } else if (s.chars().anyMatch(Character::isISOControl)) {
            problems.add("'" + field + "' must not contain control characters");
        }
        return s;
    }

    private static String xml(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
