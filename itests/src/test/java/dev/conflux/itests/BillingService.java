package dev.conflux.itests;

import com.sun.net.httpserver.BasicAuthenticator;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real SOAP 1.1 service of its own over HTTP (the JDK's server) on a free loopback port, behind basic
 * authentication: its WSDL on {@code GET /billing?wsdl}, and the document/literal operation "charge" (urn:test:billing)
 * that answers a receipt "R-AMOUNT". Can be stopped and started again on the same port.
 */
final class BillingService implements AutoCloseable {

    private static final String WSDL = """
            <?xml version="1.0" encoding="UTF-8"?>
            <wsdl:definitions xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/" xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/"
                xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:b="urn:test:billing" targetNamespace="urn:test:billing" name="Billing">
              <wsdl:types>
                <xsd:schema targetNamespace="urn:test:billing" elementFormDefault="qualified">
                  <xsd:element name="charge"><xsd:complexType><xsd:sequence>
                    <xsd:element name="amount" type="xsd:int"/></xsd:sequence></xsd:complexType></xsd:element>
                  <xsd:element name="chargeResponse"><xsd:complexType><xsd:sequence>
                    <xsd:element name="receipt" type="xsd:string"/></xsd:sequence></xsd:complexType></xsd:element>
                </xsd:schema>
              </wsdl:types>
              <wsdl:message name="chargeRequest"><wsdl:part name="parameters" element="b:charge"/></wsdl:message>
              <wsdl:message name="chargeResponse"><wsdl:part name="parameters" element="b:chargeResponse"/></wsdl:message>
              <wsdl:portType name="BillingPort">
                <wsdl:operation name="charge"><wsdl:input message="b:chargeRequest"/><wsdl:output message="b:chargeResponse"/></wsdl:operation>
              </wsdl:portType>
              <wsdl:binding name="BillingBinding" type="b:BillingPort">
                <soap:binding style="document" transport="http://schemas.xmlsoap.org/soap/http"/>
                <wsdl:operation name="charge"><soap:operation soapAction="urn:test:billing/charge"/>
                  <wsdl:input><soap:body use="literal"/></wsdl:input><wsdl:output><soap:body use="literal"/></wsdl:output>
                </wsdl:operation>
              </wsdl:binding>
              <wsdl:service name="BillingService">
                <wsdl:port name="BillingPort" binding="b:BillingBinding"><soap:address location="ADDRESS"/></wsdl:port>
              </wsdl:service>
            </wsdl:definitions>
            """;

    final int port;
    private final String user;
    private final String password;
    private HttpServer server;

    BillingService(String user, String password) throws IOException {
        this.user = user;
        this.password = password;
        this.port = ConfluxDistribution.freePort();
        start();
    }

    String address() {
        return "http://127.0.0.1:" + port + "/billing";
    }

    /** The WSDL as served, for a local copy. */
    String wsdl() {
        return WSDL.strip().replace("ADDRESS", address());
    }

    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.createContext("/billing", exchange -> {
            byte[] body;
            if ("GET".equals(exchange.getRequestMethod())) {
                body = wsdl().getBytes(StandardCharsets.UTF_8);
            } else {
                String request = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                Matcher amount = Pattern.compile("<(?:\\w+:)?amount>(\\d+)</").matcher(request);
                String receipt = amount.find() ? "R-" + amount.group(1) : "R-none";
                body = ("<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap:Body>"
                        + "<b:chargeResponse xmlns:b=\"urn:test:billing\"><b:receipt>" + receipt
                        + "</b:receipt></b:chargeResponse></soap:Body></soap:Envelope>").getBytes(StandardCharsets.UTF_8);
            }
            exchange.getResponseHeaders().add("Content-Type", "text/xml; charset=UTF-8");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        }).setAuthenticator(new BasicAuthenticator("billing") {
            @Override
            public boolean checkCredentials(String u, String p) {
                return user.equals(u) && password.equals(p);
            }
        });
        server.start();
    }

    void stop() {
        server.stop(0);
    }

    @Override
    public void close() {
        stop();
    }
}
