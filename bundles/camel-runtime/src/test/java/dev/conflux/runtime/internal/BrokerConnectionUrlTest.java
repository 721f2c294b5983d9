package dev.conflux.runtime.internal;

import static org.junit.Assert.assertEquals;

import org.junit.Test;

public class BrokerConnectionUrlTest {

    @Test
    public void theParametersOfTheCfgAreAddedToTheUrl() {
        assertEquals("tcp://127.0.0.1:61616?ha=false;sslEnabled=true;trustStorePath=etc/tls/services.p12",
                BrokerConnection.url("tcp://127.0.0.1:61616", "ha=false;sslEnabled=true;trustStorePath=etc/tls/services.p12"));
        assertEquals("(tcp://a:61616,tcp://b:61616)?ha=true;reconnectAttempts=-1;sslEnabled=false",
                BrokerConnection.url("(tcp://a:61616,tcp://b:61616)", "ha=true;reconnectAttempts=-1;sslEnabled=false"));
        assertEquals("tcp://h:1?x=1;y=2", BrokerConnection.url("tcp://h:1?x=1", ";y=2"));
        assertEquals("tcp://h:1", BrokerConnection.url("tcp://h:1", " "));
    }
}
