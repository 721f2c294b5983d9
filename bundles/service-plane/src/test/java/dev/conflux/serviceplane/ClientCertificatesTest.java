package dev.conflux.serviceplane;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import dev.conflux.serviceplane.ClientCertificates.Mode;
import org.junit.Test;

public class ClientCertificatesTest {

    @Test
    public void clientCertificatesAreAskedForOnlyWithATruststoreUnlessSaidOtherwise() {
        assertEquals(Mode.NONE, ClientCertificates.mode("", false));
        assertEquals(Mode.WANT, ClientCertificates.mode("", true));
        assertEquals(Mode.NEED, ClientCertificates.mode(" Need ", true));
        assertEquals(Mode.NONE, ClientCertificates.mode("none", true));
    }

    @Test
    public void anUnknownModeNamesTheKey() {
        try {
            ClientCertificates.mode("required", true);
            fail();
        } catch (IllegalStateException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("tlsClientAuth must be none, want or need"));
        }
    }
}
