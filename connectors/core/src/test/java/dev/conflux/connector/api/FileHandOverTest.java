package dev.conflux.connector.api;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.util.HashMap;
import java.util.Map;
import org.junit.Test;

public class FileHandOverTest {

    static ConnectorSettings settings(Map<String, String> values) {
        return new ConnectorSettings("drop", "file", "test", values, v -> v);
    }

    static Map<String, Object> applied(Map<String, String> values, Map<String, Object> flowOptions) {
        Map<String, Object> parameters = new HashMap<>(flowOptions);
        FileHandOver.apply(settings(values), parameters);
        return parameters;
    }

    @Test
    public void writesUnderATemporaryNameByDefault() {
        assertEquals(".inprogress-", applied(Map.of(), Map.of()).get("tempPrefix"));
        assertEquals("part_", applied(Map.of("tempPrefix", "part_"), Map.of()).get("tempPrefix"));
    }

    @Test
    public void noneWritesInPlace() {
        assertFalse(applied(Map.of("tempPrefix", "none"), Map.of()).containsKey("tempPrefix"));
    }

    @Test
    public void theFlowsOwnChoiceWins() {
        assertEquals(".x", applied(Map.of(), Map.of("tempPrefix", ".x")).get("tempPrefix"));
        Map<String, Object> named = applied(Map.of(), Map.of("tempFileName", "${file:name}.tmp"));
        assertFalse(named.containsKey("tempPrefix"));
    }

    @Test
    public void appendingIsNeverRenamedOverTheExistingFile() {
        assertFalse(applied(Map.of(), Map.of("fileExist", "Append")).containsKey("tempPrefix"));
    }

    @Test
    public void aPrefixThatIsNotAPlainNameStartIsRejectedNamingTheKey() {
        FileHandOver.check(settings(Map.of()));
        FileHandOver.check(settings(Map.of("tempPrefix", "none")));
        for (String bad : new String[] {"../up", "a/b", "${date:now}", "x".repeat(65)}) {
            try {
                FileHandOver.check(settings(Map.of("tempPrefix", bad)));
                fail("accepted " + bad);
            } catch (InvalidConfigurationException e) {
                assertEquals("tempPrefix", e.key());
                assertTrue(e.getMessage(), e.getMessage().startsWith("'" + bad + "' cannot start a temporary file name"));
            }
        }
    }
}
