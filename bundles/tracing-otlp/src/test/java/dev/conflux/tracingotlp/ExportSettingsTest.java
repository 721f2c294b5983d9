package dev.conflux.tracingotlp;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.Map;
import org.junit.Test;

public class ExportSettingsTest {

    @Test
    public void headersAreNameValuePairsAndAValueMayHoldEquals() {
        assertEquals(Map.of("Authorization", "Bearer a=b", "X-Scope-OrgID", "team-1"),
                ExportSettings.parseHeaders(" Authorization = Bearer a=b , X-Scope-OrgID=team-1"));
        assertEquals(Map.of(), ExportSettings.parseHeaders(" "));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ExportSettings.parseHeaders("Authorization"));
        assertTrue(e.getMessage(), e.getMessage().contains("'Authorization' is not one"));
    }

    @Test
    public void aBadValueIsNamedWithItsFile() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ExportSettings.of(
                OtlpExportComponentTest.config("localhost:4318", "")));
        assertTrue(e.getMessage(), e.getMessage().startsWith("etc/conflux.tracing.otlp.cfg: endpoint 'localhost:4318'"));
        assertNull(ExportSettings.of(OtlpExportComponentTest.config("", "")).endpoint());
        assertEquals("https://otel.example.com:4318/v1/traces", ExportSettings.of(OtlpExportComponentTest.config(
                "https://otel.example.com:4318/v1/traces?x=1", "")).endpointText());
    }
}
