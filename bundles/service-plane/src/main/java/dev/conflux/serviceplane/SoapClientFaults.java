package dev.conflux.serviceplane;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.xml.namespace.QName;
import javax.xml.stream.Location;
import javax.xml.stream.XMLStreamException;
import org.apache.cxf.binding.soap.Soap12;
import org.apache.cxf.binding.soap.SoapMessage;
import org.apache.cxf.binding.soap.SoapVersion;
import org.apache.cxf.binding.soap.interceptor.Soap11FaultOutInterceptor;
import org.apache.cxf.binding.soap.interceptor.Soap12FaultOutInterceptor;
import org.apache.cxf.interceptor.Interceptor;
import org.apache.cxf.interceptor.InterceptorChain;
import org.apache.cxf.interceptor.Fault;
import org.apache.cxf.logging.FaultListener;
import org.apache.cxf.message.Exchange;
import org.apache.cxf.message.FaultMode;
import org.apache.cxf.message.Message;
import org.apache.cxf.phase.AbstractPhaseInterceptor;
import org.apache.cxf.phase.Phase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SOAP faults a client developer can act on. A request that fails before the service is invoked (unparsable XML,
 * a SOAPAction or element that matches no operation) is the client's mistake: its fault becomes {@code soap:Client}
 * (SOAP 1.2: {@code soap:Sender}) and is logged as one WARN line, without a stack trace. Its HTTP status is what each
 * version's HTTP binding prescribes, so that every SOAP toolkit reads the fault: 400 for a SOAP 1.2 Sender fault,
 * 500 for every SOAP 1.1 fault (WS-I Basic Profile 1.1, R1126; JAX-WS and CXF clients read a 1.1 fault only then).
 * Fault strings that would name Java internals are replaced by a plain sentence. Failures inside the service stay
 * server faults (HTTP 500), logged by CXF as before.
 */
final class SoapClientFaults extends AbstractPhaseInterceptor<Message> implements FaultListener {

    private static final Logger LOG = LoggerFactory.getLogger(SoapClientFaults.class);

    SoapClientFaults() {
        super(Phase.PRE_LOGICAL);
    }

    /** Out-fault interceptor: rewrites the fault before CXF writes it. */
    @Override
    public void handleMessage(Message message) {
        Exception content = message.getContent(Exception.class);
        if (!(content instanceof Fault fault)) {
            return;
        }
        boolean client = isClientFault(fault, message.getExchange());
        if (client && message instanceof SoapMessage soap && soap.getVersion() != Soap12.getInstance()
                && soap12Request(message.getExchange())) {
            answerInSoap12(soap);
        }
        if (client) {
            fault.setFaultCode(clientCode(message));
            if (message instanceof SoapMessage soap && soap.getVersion() == Soap12.getInstance()) {
                // SOAP 1.2's HTTP binding answers a Sender fault with 400; SOAP 1.1 keeps 500 (WS-I BP R1126).
                fault.setStatusCode(400);
                message.put(Message.RESPONSE_CODE, 400);
            }
        }
        fault.setMessage(clientMessage(fault, client));
    }

    /** Called by CXF's interceptor chain instead of its own logging; {@code false}: already logged here. */
    @Override
    public boolean faultOccurred(Exception exception, String description, Message message) {
        Fault fault = exception instanceof Fault f ? f : new Fault(exception);
        if (isClientFault(fault, message.getExchange())) {
            LOG.warn("Refused a SOAP request to {}: {}", description, clientMessage(fault, true));
            return false;
        }
        return true;
    }

    /**
     * A SOAP 1.2 request to an endpoint whose binding is SOAP 1.1: CXF refuses it with a SOAP 1.1 fault, which a
     * SOAP 1.2 client cannot read. The fault is written in SOAP 1.2 instead.
     */
    private static void answerInSoap12(SoapMessage message) {
        message.setVersion(Soap12.getInstance());
        message.put(Message.CONTENT_TYPE, Soap12.getInstance().getContentType());
        InterceptorChain chain = message.getInterceptorChain();
        if (chain == null) {
            return;
        }
        List<Interceptor<? extends Message>> soap11 = new ArrayList<>();
        chain.forEach(i -> {
            if (i instanceof Soap11FaultOutInterceptor) {
                soap11.add(i);
            }
        });
        soap11.forEach(chain::remove);
        chain.add(new Soap12FaultOutInterceptor());
    }

    private static boolean soap12Request(Exchange exchange) {
        Object type = exchange == null || exchange.getInMessage() == null ? null : exchange.getInMessage().get(Message.CONTENT_TYPE);
        return type != null && type.toString().toLowerCase(Locale.ROOT).startsWith("application/soap+xml");
    }

    static boolean isClientFault(Fault fault, Exchange exchange) {
        QName code = fault.getFaultCode();
        if (code != null && ("Client".equals(code.getLocalPart()) || "Sender".equals(code.getLocalPart()))) {
            return true;
        }
        if (xmlError(fault) != null) {
            return true;
        }
        // Exceptions of the service itself carry an application fault mode; anything else failed on the way in.
        Object mode = exchange == null || exchange.getInMessage() == null ? null : exchange.getInMessage().get(FaultMode.class);
        return mode != FaultMode.UNCHECKED_APPLICATION_FAULT && mode != FaultMode.CHECKED_APPLICATION_FAULT;
    }

    static String clientMessage(Fault fault, boolean client) {
        XMLStreamException xml = xmlError(fault);
        if (xml != null) {
            Location at = xml.getLocation();
            return "The request is not well-formed XML" + (at == null || at.getLineNumber() < 0 ? ""
                    : " (line " + at.getLineNumber() + ", column " + at.getColumnNumber() + ")");
        }
        String message = fault.getMessage();
        if (message != null && Problems.safeDetail(400, message).equals(message)) {
            return message;
        }
        return client ? "The request does not match any operation of this service"
                : "The service could not process the request. The failure is logged; try again later.";
    }

    private static XMLStreamException xmlError(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof XMLStreamException x) {
                return x;
            }
        }
        return null;
    }

    private static QName clientCode(Message message) {
        SoapVersion version = message instanceof SoapMessage soap ? soap.getVersion() : null;
        return version != null ? version.getSender() : new QName("http://schemas.xmlsoap.org/soap/envelope/", "Client");
    }
}
