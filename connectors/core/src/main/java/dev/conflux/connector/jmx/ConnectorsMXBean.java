package dev.conflux.connector.jmx;

/** conflux:type=connectors — connector instances and their health, for Hawtio and monitoring. */
public interface ConnectorsMXBean {

    /** Every instance, INVALID ones included. Secret settings are masked. */
    ConnectorView[] getConnectors();

    /** Runs one instance's health check now. */
    ConnectorView check(String name);
}
