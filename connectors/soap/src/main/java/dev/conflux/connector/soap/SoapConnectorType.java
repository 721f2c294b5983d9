package dev.conflux.connector.soap;

import dev.conflux.connector.api.Connector;
import dev.conflux.connector.api.ConnectorKey;
import dev.conflux.connector.api.ConnectorKey.Kind;
import dev.conflux.connector.api.ConnectorSettings;
import dev.conflux.connector.api.ConnectorType;
import dev.conflux.connector.api.InvalidConfigurationException;
import java.util.List;
import java.util.regex.Pattern;
import org.osgi.service.component.annotations.Component;

/** Connector type "soap": instances are configured in etc/conflux.connector.soap-NAME.cfg. */
@Component(service = ConnectorType.class)
public class SoapConnectorType implements ConnectorType {

    static final String ADDRESS = "address";
    static final String WSDL = "wsdlUrl";
    static final String SERVICE = "serviceName";
    static final String PORT = "portName";
    static final String USERNAME = "username";
    static final String PASSWORD = "password";
    static final String CONNECT_TIMEOUT = "connectTimeout";
    static final String RECEIVE_TIMEOUT = "receiveTimeout";
    private static final Pattern QNAME = Pattern.compile("\\{[^}]+\\}[\\w.-]+");

    @Override
    public String type() {
        return "soap";
    }

    @Override
    public String description() {
        return "SOAP web service: call its operations with XML payloads, from its WSDL";
    }

    @Override
    public List<ConnectorKey> keys() {
        return List.of(
                ConnectorKey.required(ADDRESS, Kind.URL, "The service's endpoint address"),
                ConnectorKey.optional(WSDL, Kind.TEXT, null, "The WSDL, to call operations by name with the WSDL's"
                        + " bindings (read without credentials when a flow starts; use a file: copy if it is"
                        + " protected). Without it the payload is sent as it is; the health check reads address?wsdl"),
                ConnectorKey.optional(SERVICE, Kind.TEXT, null, "{namespace}ServiceName, when the WSDL has"
                        + " several services"),
                ConnectorKey.optional(PORT, Kind.TEXT, null, "{namespace}PortName, when the service has several"
                        + " ports"),
                ConnectorKey.optional(USERNAME, Kind.TEXT, null, "User for HTTP basic authentication"),
                ConnectorKey.optional(PASSWORD, Kind.SECRET, null, "Password for HTTP basic authentication"),
                ConnectorKey.optional(CONNECT_TIMEOUT, Kind.DURATION, "10s", "Longest wait to connect"),
                ConnectorKey.optional(RECEIVE_TIMEOUT, Kind.DURATION, "60s", "Longest wait for a response"));
    }

    @Override
    public Connector create(ConnectorSettings settings) {
        if (settings.has(USERNAME) != settings.has(PASSWORD)) {
            throw new InvalidConfigurationException(settings.has(USERNAME) ? PASSWORD : USERNAME,
                    "username and password go together (basic authentication)");
        }
        for (String key : List.of(SERVICE, PORT)) {
            if (settings.has(key) && !QNAME.matcher(settings.text(key)).matches()) {
                throw new InvalidConfigurationException(key, "'" + settings.text(key) + "' is not a qualified name;"
                        + " expected {namespace}LocalName");
            }
        }
        return new SoapConnector(settings);
    }
}
