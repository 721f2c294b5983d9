package dev.conflux.serviceplane;

import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import org.junit.Test;

public class ExpectationFieldConnectionFactoryTest {

    @Test
    public void onlyTheExpectationsJettySupportsAreKnown() {
        assertTrue(ExpectationFieldConnectionFactory.known("100-continue"));
        assertTrue(ExpectationFieldConnectionFactory.known("100-Continue, 102-processing"));
        assertFalse(ExpectationFieldConnectionFactory.known("100-continue-bogus"));
        assertFalse(ExpectationFieldConnectionFactory.known("100-continue, x"));
        assertFalse(ExpectationFieldConnectionFactory.known(""));
    }
}
