package dev.conflux.runtime.internal.tracing;

import static org.junit.Assert.assertEquals;

import org.junit.Test;

public class TargetsTest {

    @Test
    public void readableTargetsHoldNoCredentialsNorOptions() {
        assertEquals("sftp:host:22/in", Targets.readable("sftp://user:pw@host:22/in?password=secret"));
        assertEquals("file:inbox", Targets.readable("file://inbox?delete=true"));
        assertEquals("file:/tmp/out", Targets.readable("file:///tmp/out"));
        assertEquals("partner-a:orders", Targets.readable("partner-a://orders"));
        assertEquals("http:partner.example/api", Targets.readable("http://partner.example/api?token=abc"));
        assertEquals("sql:select * from t where a = 'x@y'", Targets.readable("sql:select * from t where a = 'x@y'"));
    }
}
