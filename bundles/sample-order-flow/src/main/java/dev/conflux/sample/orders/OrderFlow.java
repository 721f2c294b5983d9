package dev.conflux.sample.orders;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.conflux.runtime.api.Flows;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.xml.namespace.QName;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePattern;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.cxf.binding.soap.SoapFault;
import org.osgi.service.component.annotations.Component;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * The sample flow: REST ({@code POST /api/orders}, JSON) and SOAP ({@code /services/orders}) accept an order,
 * the order is put on the persistent queue {@value #QUEUE}, and a transacted consumer writes each one as
 * {@code <karaf.data>/sample-orders/<orderId>.json}.
 */
@Component(service = RoutesBuilder.class, property = Flows.FLOW_NAME + "=" + OrderFlow.FLOW)
public class OrderFlow extends RouteBuilder {

    static final String FLOW = "sample-orders";
    static final String QUEUE = "conflux.sample.orders";
    static final String NS = "http://conflux.dev/sample/orders";

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public void configure() {
        String outbox = System.getProperty("karaf.data", "data") + "/sample-orders";

        rest("/orders").post()
                .consumes("application/json").produces("application/json")
                .to("direct:rest-order");

        from("direct:rest-order").routeId("orders-rest")
                .onException(JsonProcessingException.class).handled(true)
                    .process(e -> badRequest(e, describe(e.getProperty(Exchange.EXCEPTION_CAUGHT, JsonProcessingException.class))))
                .end()
                .onException(InvalidOrderException.class).handled(true)
                    .process(e -> badRequest(e, e.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class).getMessage()))
                .end()
                .process(e -> e.getMessage().setBody(fromJson(e.getMessage().getBody(String.class))))
                .to("direct:accept")
                .removeHeaders("*")
                .process(e -> {
                    Order order = e.getMessage().getBody(Order.class);
                    e.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 202);
                    e.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
                    e.getMessage().setBody(JSON.writeValueAsString(Map.of("orderId", order.orderId(), "status", "ACCEPTED")));
                });

        from("cxf:/orders?wsdlURL=classpath:wsdl/orders.wsdl&dataFormat=PAYLOAD"
                + "&serviceName={" + NS + "}OrderService&endpointName={" + NS + "}OrderPort")
                .routeId("orders-soap")
                .process(e -> e.getMessage().setBody(fromSoap(e.getMessage().getBody(Element.class))))
                .to("direct:accept")
                .process(e -> e.getMessage().setBody(soapResponse(e.getMessage().getBody(Order.class))));

        from("direct:accept").routeId("orders-enqueue")
                .setHeader("orderId", simple("${body.orderId}"))
                .setProperty("order", body())
                .process(e -> e.getMessage().setBody(JSON.writeValueAsString(e.getMessage().getBody(Order.class))))
                .to(ExchangePattern.InOnly, "jms:queue:" + QUEUE + "?deliveryPersistent=true")
                .setBody(exchangeProperty("order"))
                .log("Order ${header.orderId} accepted");

        from("jms:queue:" + QUEUE + "?transacted=true").routeId("orders-process")
                .process(e -> {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> order = JSON.readValue(e.getMessage().getBody(String.class), LinkedHashMap.class);
                    order.put("status", "PROCESSED");
                    order.put("processedAt", Instant.now().toString());
                    e.getMessage().setBody(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(order));
                })
                .to("file:" + outbox + "?fileName=${header.orderId}.json&tempFileName=${file:name}.part")
                .log("Order ${header.orderId} processed into " + outbox);
    }

    static Order fromJson(String body) throws JsonProcessingException, InvalidOrderException {
        if (body == null || body.isBlank()) {
            throw new InvalidOrderException("Invalid order: the request body is empty; expected a JSON object");
        }
        Object parsed = JSON.readValue(body, Object.class);
        if (!(parsed instanceof Map<?, ?> map)) {
            throw new InvalidOrderException("Invalid order: expected a JSON object, got " + JSON.valueToTree(parsed).getNodeType());
        }
        @SuppressWarnings("unchecked")
        Map<String, ?> fields = (Map<String, ?>) map;
        return Order.from(fields);
    }

    static String describe(JsonProcessingException e) {
        String where = e.getLocation() == null ? ""
                : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
        return "Malformed JSON" + where + ": " + e.getOriginalMessage();
    }

    private static void badRequest(Exchange e, String message) throws JsonProcessingException {
        // Request headers would otherwise be echoed back as response headers.
        e.getMessage().removeHeaders("*");
        e.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 400);
        e.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
        e.getMessage().setBody(JSON.writeValueAsString(Map.of("error", message)));
    }

    static Order fromSoap(Element request) {
        if (request == null || !"submitOrder".equals(request.getLocalName())) {
            throw clientFault("Expected a submitOrder element in namespace " + NS);
        }
        Map<String, String> fields = new LinkedHashMap<>();
        for (Node n = request.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element el) {
                fields.put(el.getLocalName(), el.getTextContent());
            }
        }
        try {
            return Order.from(fields);
        } catch (InvalidOrderException e) {
            throw clientFault(e.getMessage());
        }
    }

    private static SoapFault clientFault(String message) {
        return new SoapFault(message, new QName("http://schemas.xmlsoap.org/soap/envelope/", "Client"));
    }

    static String soapResponse(Order order) {
        return "<submitOrderResponse xmlns=\"" + NS + "\"><orderId>" + xml(order.orderId())
                + "</orderId><status>ACCEPTED</status></submitOrderResponse>";
    }

    private static String xml(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
