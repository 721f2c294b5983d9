package dev.conflux.serviceplane;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertSame;

import java.util.ArrayList;
import java.util.List;
import javax.xml.stream.XMLStreamException;
import org.apache.cxf.binding.soap.Soap11;
import org.apache.cxf.binding.soap.Soap12;
import org.apache.cxf.binding.soap.SoapFault;
import org.apache.cxf.binding.soap.SoapMessage;
import org.apache.cxf.binding.soap.interceptor.Soap11FaultOutInterceptor;
import org.apache.cxf.bus.managers.PhaseManagerImpl;
import org.apache.cxf.phase.PhaseInterceptorChain;
import org.apache.cxf.interceptor.Fault;
import org.apache.cxf.message.Exchange;
import org.apache.cxf.message.ExchangeImpl;
import org.apache.cxf.message.FaultMode;
import org.apache.cxf.message.Message;
import org.apache.cxf.message.MessageImpl;
import org.junit.Test;

public class SoapClientFaultsTest {

    @Test
    public void aRequestThatFailedOnTheWayInIsASenderFaultAnswered400() {
        SoapMessage out = faultMessage(new Fault(new XMLStreamException("Unexpected character '<' (code 60)")), null);
        out.setVersion(Soap12.getInstance());
        new SoapClientFaults().handleMessage(out);
        Fault fault = (Fault) out.getContent(Exception.class);
        assertEquals(Soap12.getInstance().getSender(), fault.getFaultCode());
        assertEquals(400, fault.getStatusCode());
        assertEquals(400, out.get(Message.RESPONSE_CODE));
        assertEquals("The request is not well-formed XML", fault.getMessage());
    }

    @Test
    public void anOrderTheFlowRefusesKeepsItsMessageAndSoap11Status() {
        Fault refused = new Fault(new IllegalArgumentException("x"));
        refused.setMessage("Invalid order: 'orderId' must be 1 to 64 characters");
        refused.setFaultCode(Soap11.getInstance().getSender());
        SoapMessage out = faultMessage(refused, FaultMode.UNCHECKED_APPLICATION_FAULT);
        new SoapClientFaults().handleMessage(out);
        assertEquals(Soap11.getInstance().getSender(), refused.getFaultCode());
        assertNull("a SOAP 1.1 fault keeps HTTP 500 (WS-I BP R1126)", out.get(Message.RESPONSE_CODE));
        assertEquals("Invalid order: 'orderId' must be 1 to 64 characters", refused.getMessage());
    }

    @Test
    public void aFailureInsideTheServiceStaysAServerFaultWithoutItsInternals() {
        Fault failure = new Fault(new IllegalStateException("java.io.IOException: disk full"));
        SoapMessage out = faultMessage(failure, FaultMode.UNCHECKED_APPLICATION_FAULT);
        new SoapClientFaults().handleMessage(out);
        assertEquals(Fault.FAULT_CODE_SERVER, failure.getFaultCode());
        assertNull(out.get(Message.RESPONSE_CODE));
        assertEquals("The service could not process the request. The failure is logged; try again later.", failure.getMessage());
    }

    @Test
    public void aSoap12RequestToASoap11EndpointGetsItsFaultInSoap12() {
        SoapFault mismatch = new SoapFault("A SOAP 1.2 message is not valid when sent to a SOAP 1.1 only endpoint.",
                Soap11.getInstance().getVersionMismatch());
        SoapMessage out = faultMessage(mismatch, null);
        out.getExchange().getInMessage().put(Message.CONTENT_TYPE, "application/soap+xml; charset=utf-8");
        out.setVersion(Soap11.getInstance());
        PhaseInterceptorChain chain = new PhaseInterceptorChain(new PhaseManagerImpl().getOutPhases());
        chain.add(new Soap11FaultOutInterceptor());
        out.setInterceptorChain(chain);
        new SoapClientFaults().handleMessage(out);
        assertSame(Soap12.getInstance(), out.getVersion());
        assertEquals(Soap12.getInstance().getSender(), mismatch.getFaultCode());
        assertEquals("application/soap+xml", out.get(Message.CONTENT_TYPE));
        List<String> writers = new ArrayList<>();
        chain.forEach(i -> writers.add(i.getClass().getSimpleName()));
        assertEquals(List.of("Soap12FaultOutInterceptor"), writers);
    }

    private static SoapMessage faultMessage(Fault fault, FaultMode mode) {
        Exchange exchange = new ExchangeImpl();
        MessageImpl in = new MessageImpl();
        if (mode != null) {
            in.put(FaultMode.class, mode);
        }
        exchange.setInMessage(in);
        SoapMessage out = new SoapMessage(new MessageImpl());
        out.setExchange(exchange);
        out.setContent(Exception.class, fault);
        return out;
    }
}
