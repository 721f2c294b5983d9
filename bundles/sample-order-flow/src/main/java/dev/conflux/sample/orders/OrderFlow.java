package dev.conflux.sample.orders;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.conflux.runtime.api.Flows;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.namespace.QName;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePattern;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.cxf.common.CxfPayload;
import org.apache.cxf.binding.soap.SoapFault;
import org.osgi.service.component.annotations.Component;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * The sample flow: REST ({@code POST /api/orders}, JSON) and SOAP ({@code /services/orders}) accept an order,
 * the order is put on the persistent queue {@value #QUEUE}, and a transacted consumer writes each one as
 * {@code <karaf.data>/sample-orders/<orderId>.json}. Each order is traced under its order id (its business key).
 */
@Component(service = RoutesBuilder.class, property = {Flows.FLOW_NAME + "=" + OrderFlow.FLOW,
        Flows.FLOW_NAME + ".unit=orders"})
public class OrderFlow extends RouteBuilder {

    static final String FLOW = "sample-orders";
    static final String QUEUE = "conflux.sample.orders";
    static final String NS = "http://conflux.dev/sample/orders";
    /**
     * The header (and JMS property) naming a message's business key for message tracing: the order id, so that
     * {@code conflux:trace A-1} finds the order's way from the REST or SOAP request to its file.
     */
    static final String BUSINESS_KEY = "ConfluxBusinessKey";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern CHARSET = Pattern.compile("(?i);\\s*charset=\"?([^\";\\s]+)");
    private static final Pattern LIMIT_SOURCE = Pattern.compile(",? ?(from|by) `?[A-Za-z]+\\.[A-Za-z]+\\(\\)`?");

    @Override
    public void configure() {
        String outbox = System.getProperty("karaf.data", "data") + "/sample-orders";

        // What the REST DSL says here is published at /api/openapi.json (binding stays off: the route parses and
        // checks the order itself, to answer every problem at once).
        rest("/orders").description("Orders of the sample flow").post()
                .description("Places an order; it is queued and written to the outbox")
                .consumes("application/json").produces("application/json")
                .type(Order.class).outType(Accepted.class)
                .responseMessage().code(202).message("Accepted: the order is queued").responseModel(Accepted.class)
                .endResponseMessage()
                .responseMessage().code(400).message("Invalid order: every problem, as application/problem+json")
                .endResponseMessage()
                .responseMessage().code(415).message("Not JSON").endResponseMessage()
                .to("direct:rest-order");

        from("direct:rest-order").routeId("orders-rest")
                .onException(JsonProcessingException.class).handled(true)
                    .process(e -> problem(e, 400, describe(e.getProperty(Exchange.EXCEPTION_CAUGHT, JsonProcessingException.class))))
                .end()
                .onException(InvalidOrderException.class).handled(true)
                    .process(e -> problem(e, 400, e.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class).getMessage()))
                .end()
                .onException(UnsupportedMediaTypeException.class).handled(true)
                    .process(e -> problem(e, 415, e.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class).getMessage()))
                .end()
                .process(e -> requireJson(e.getMessage().getHeader(Exchange.CONTENT_TYPE, String.class)))
                .process(e -> e.getMessage().setBody(fromJson(decode(e.getMessage().getBody(byte[].class),
                        e.getMessage().getHeader(Exchange.CONTENT_TYPE, String.class)))))
                .to("direct:accept")
                .removeHeaders("*")
                .process(e -> {
                    Order order = e.getMessage().getBody(Order.class);
                    e.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 202);
                    e.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
                    e.getMessage().setBody(JSON.writeValueAsString(new Accepted(order.orderId(), "ACCEPTED")));
                });

        from("cxf:/orders?wsdlURL=classpath:wsdl/orders.wsdl&dataFormat=PAYLOAD"
                + "&serviceName={" + NS + "}OrderService&endpointName={" + NS + "}OrderPort")
                .routeId("orders-soap")
                // An order the client got wrong is answered with a soap:Client fault; it is not an error of the flow.
                .onException(SoapFault.class).logExhausted(false).logStackTrace(false).end()
                // Request headers (Host, User-Agent, SOAPAction...) would otherwise be echoed back, faults included.
                .removeHeaders("*")
                .process(e -> e.getMessage().setBody(fromSoap(firstElement(e.getMessage().getBody(CxfPayload.class)))))
                .to("direct:accept")
                .removeHeaders("*")
                .process(e -> e.getMessage().setBody(soapResponse(e.getMessage().getBody(Order.class))));

        from("direct:accept").routeId("orders-enqueue")
                .setHeader("orderId", simple("${body.orderId}"))
                .setHeader(BUSINESS_KEY, simple("${body.orderId}"))
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

    /**
     * The body as text in the charset of its content type (UTF-8 if none), refusing bytes that are not valid in it:
     * a replacement character written in place of them would be accepted as part of the order.
     */
    static String decode(byte[] body, String contentType) throws InvalidOrderException {
        Charset charset = charset(contentType);
        CharsetDecoder decoder = charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(body == null ? new byte[0] : body);
        try {
            return decoder.decode(in).toString();
        } catch (CharacterCodingException e) {
            throw new InvalidOrderException("Malformed body: it is not valid " + charset.name() + " (at byte "
                    + in.position() + ")");
        }
    }

    private static Charset charset(String contentType) {
        Matcher m = CHARSET.matcher(contentType == null ? "" : contentType);
        try {
            return m.find() && Charset.isSupported(m.group(1)) ? Charset.forName(m.group(1)) : StandardCharsets.UTF_8;
        } catch (IllegalArgumentException unknown) {
            return StandardCharsets.UTF_8; // the service plane refuses unknown charsets before the flow sees them
        }
    }

    /** Orders come as JSON only ({@code application/json} or a {@code +json} type, any charset the server knows). */
    static void requireJson(String contentType) throws UnsupportedMediaTypeException {
        String type = contentType == null ? "" : contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        if (!type.equals("application/json") && !(type.startsWith("application/") && type.endsWith("+json"))) {
            throw new UnsupportedMediaTypeException("Unsupported content type '" + (type.isEmpty() ? "none" : type)
                    + "': send the order as application/json");
        }
    }

    static String describe(JsonProcessingException e) {
        String where = e.getLocation() == null ? ""
                : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
        // Jackson names the setting behind a limit ("from `StreamReadConstraints.getMaxNumberLength()`"): not for clients.
        String what = LIMIT_SOURCE.matcher(String.valueOf(e.getOriginalMessage())).replaceAll("");
        return "Malformed JSON" + where + ": " + what;
    }

    /**
     * An RFC 9457 problem document; {@code error} repeats the detail for clients of earlier versions, which read it.
     */
    private static void problem(Exchange e, int status, String message) throws JsonProcessingException {
        // Request headers would otherwise be echoed back as response headers.
        e.getMessage().removeHeaders("*");
        e.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        e.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/problem+json");
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "about:blank");
        problem.put("title", status == 415 ? "Unsupported Media Type" : "Bad Request");
        problem.put("status", status);
        problem.put("detail", message);
        problem.put("error", message);
        e.getMessage().setBody(JSON.writeValueAsString(problem));
    }

    /**
     * The SOAP body's first element, as the cxf component hands it over with {@code dataFormat=PAYLOAD}. Asking Camel
     * for an {@code Element} instead gets the same through its fallback converters, which try every registered
     * converter first: a tenth of the server's CPU per order (JFR, B3SOAP).
     */
    static Element firstElement(CxfPayload<?> payload) {
        List<Element> body = payload == null ? List.of() : payload.getBody();
        return body.isEmpty() ? null : body.get(0);
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
