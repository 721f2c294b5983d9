package dev.conflux.runtime.internal.tracing;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import org.junit.Test;

public class PayloadsTest {

    @Test
    public void xmlFieldsAndAttributesAreMasked() {
        Payloads p = new Payloads(4096, "//password, /order/card/@number");
        String masked = p.mask("<order><user>ann</user><password>s3cret</password><card number=\"4111\"/></order>");
        assertTrue(masked, masked.contains("<password>***</password>") && masked.contains("number=\"***\""));
        assertTrue(masked, masked.contains("<user>ann</user>"));
        assertFalse(masked, masked.contains("s3cret") || masked.contains("4111"));
    }

    @Test
    public void everyMatchOfAJsonPathIsMasked() {
        String masked = new Payloads(4096, "$.items[*].secret").mask("{\"items\":[{\"secret\":\"a1\"},{\"secret\":\"b2\"}]}");
        assertEquals("{\"items\":[{\"secret\":\"***\"},{\"secret\":\"***\"}]}", masked);
    }

    @Test
    public void aBodyTheRulesCannotBeAppliedToIsNotCaptured() {
        Payloads p = new Payloads(4096, "$.password");
        String broken = p.mask("{\"password\":\"s3cret\"");
        assertFalse(broken, broken.contains("s3cret"));
        assertTrue(broken, broken.startsWith("(not captured"));
        assertTrue(p.mask("password=s3cret").startsWith("(not captured"));
        assertEquals("without rules a body is kept as it is", "password=s3cret", new Payloads(4096, "").mask("password=s3cret"));
    }

    @Test
    public void aLongBodyIsCutOnACharacterBoundary() {
        Payloads p = new Payloads(10, "");
        String cut = p.cut("ääääääääää");
        assertTrue(cut, cut.startsWith("äääää…"));
        assertTrue(cut, cut.endsWith("(20 bytes)"));
        assertEquals("short", p.cut("short"));
    }

    @Test
    public void aRuleThatIsNeitherJsonPathNorXPathIsRefused() {
        try {
            new Payloads(100, "$.ok, card.number");
            fail("accepted");
        } catch (IllegalArgumentException e) {
            assertEquals("'card.number' is neither a JSONPath ($...) nor an XPath (/...)", e.getMessage());
        }
        try {
            new Payloads(100, "//[");
            fail("accepted");
        } catch (IllegalArgumentException e) {
            assertEquals("'//[' is not a valid XPath", e.getMessage());
        }
    }
}
