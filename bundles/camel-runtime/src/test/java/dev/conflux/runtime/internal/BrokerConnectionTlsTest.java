package dev.conflux.runtime.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.Map;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.Test;

/** The flows' broker connection over TLS takes the keystore password from the environment, not from a file. */
public class BrokerConnectionTlsTest {

    private static Map<String, Object> params(ActiveMQConnectionFactory factory) {
        return factory.getStaticConnectors()[0].getParams();
    }

    @Test
    public void aTlsConnectionNamingATrustStoreGetsThePassword() {
        ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(
                "tcp://127.0.0.1:61616?sslEnabled=true;trustStorePath=etc/tls/services.p12;trustStoreType=PKCS12");
        BrokerConnection.trustStorePassword(factory, "s3cret");
        assertEquals("s3cret", params(factory).get("trustStorePassword"));
        factory.close();
    }

    @Test
    public void aPlainConnectionOrAGivenPasswordIsLeftAlone() {
        ActiveMQConnectionFactory plain = new ActiveMQConnectionFactory(
                "tcp://127.0.0.1:61616?sslEnabled=false;trustStorePath=etc/tls/services.p12");
        BrokerConnection.trustStorePassword(plain, null);
        assertFalse(params(plain).containsKey("trustStorePassword"));
        ActiveMQConnectionFactory given = new ActiveMQConnectionFactory(
                "tcp://127.0.0.1:61616?sslEnabled=true;trustStorePath=t.p12;trustStorePassword=mine");
        BrokerConnection.trustStorePassword(given, "other");
        assertEquals("mine", params(given).get("trustStorePassword"));
        plain.close();
        given.close();
    }

    @Test
    public void tlsWithoutThePasswordSaysWhichVariableToSet() {
        ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(
                "tcp://127.0.0.1:61616?sslEnabled=true;trustStorePath=etc/tls/services.p12");
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> BrokerConnection.trustStorePassword(factory, ""));
        assertTrue(e.getMessage(), e.getMessage().contains("CONFLUX_TLS_KEYSTORE_PASSWORD"));
        factory.close();
    }
}
