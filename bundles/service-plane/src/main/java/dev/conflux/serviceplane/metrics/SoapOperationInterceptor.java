package dev.conflux.serviceplane.metrics;

import jakarta.servlet.http.HttpServletRequest;
import org.apache.cxf.message.Message;
import org.apache.cxf.phase.AbstractPhaseInterceptor;
import org.apache.cxf.phase.Phase;
import org.apache.cxf.service.model.BindingOperationInfo;
import org.apache.cxf.transport.http.AbstractHTTPDestination;

/**
 * Leaves the SOAP operation CXF dispatched a request to (always one of the service's operations) on the servlet
 * request, for the endpoint metrics' operation label.
 */
public final class SoapOperationInterceptor extends AbstractPhaseInterceptor<Message> {

    /** The request attribute holding the operation's local name. */
    static final String OPERATION = "conflux.soap.operation";

    public SoapOperationInterceptor() {
        super(Phase.PRE_INVOKE);
    }

    @Override
    public void handleMessage(Message message) {
        BindingOperationInfo operation = message.getExchange() == null ? null
                : message.getExchange().getBindingOperationInfo();
        if (operation != null && message.get(AbstractHTTPDestination.HTTP_REQUEST) instanceof HttpServletRequest r) {
            r.setAttribute(OPERATION, operation.getName().getLocalPart());
        }
    }
}
