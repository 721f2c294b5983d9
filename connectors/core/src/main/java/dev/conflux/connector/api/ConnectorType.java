package dev.conflux.connector.api;

import java.util.List;

/**
 * One kind of outside system flows can reach (sftp, http, …). A connector bundle registers one as an OSGi service;
 * the connector registry then turns every factory configuration {@code conflux.connector.<type>} (for example the
 * file {@code etc/conflux.connector.sftp-partner_a.cfg}) into a named {@link Connector} instance, after checking
 * the configuration against {@link #keys()}.
 */
public interface ConnectorType {

    /** The type name, also the middle of the factory PID: {@code conflux.connector.<type>}. Lower case. */
    String type();

    /** One line for {@code conflux:connector-types}, e.g. "SFTP server: poll and upload files". */
    String description();

    /** Every key an instance's configuration may hold; anything else is rejected as a likely typo. */
    List<ConnectorKey> keys();

    /**
     * Creates an instance from a configuration that has passed the key checks. Must not connect anywhere (health
     * checks do that); may throw {@link InvalidConfigurationException} for checks that span several keys.
     */
    Connector create(ConnectorSettings settings);
}
