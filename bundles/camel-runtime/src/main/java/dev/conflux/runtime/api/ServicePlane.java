package dev.conflux.runtime.api;

import org.apache.cxf.Bus;

/**
 * The HTTP server on which flows publish their SOAP and REST endpoints (separate from the management plane that
 * serves the console). Registered as an OSGi service by the service-plane bundle once it listens.
 */
public interface ServicePlane {

    /** The CXF bus whose relative endpoint addresses are served under {@link #soapBaseUrl()}. */
    Bus bus();

    /** e.g. {@code http://127.0.0.1:8182/services}. */
    String soapBaseUrl();

    /** e.g. {@code http://127.0.0.1:8182/api}: where REST DSL endpoints appear. */
    String restBaseUrl();
}
