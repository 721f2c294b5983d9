package dev.conflux.tracing.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import dev.conflux.tracing.internal.TracingSettings.Store;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.Test;

public class TracingSettingsTest {

    private final List<String> problems = new ArrayList<>();

    private TracingSettings parse(Map<String, ?> props, TracingSettings previous) {
        return TracingSettings.parse(props, previous, problems::add);
    }

    @Test
    public void anEmptyConfigurationGivesTheDocumentedDefaults() {
        TracingSettings s = parse(Map.of("embedded.directory", " "), TracingSettings.defaults());
        assertTrue(s.enabled());
        assertEquals(Store.EMBEDDED, s.store());
        assertEquals(TracingSettings.defaultDirectory(), s.embeddedDirectory());
        assertEquals(7, s.retentionDays());
        assertEquals(5_000_000, s.retentionMaxEvents());
        assertEquals(60, s.retentionCheckSeconds());
        assertEquals(10_000, s.bufferCapacity());
        assertEquals(500, s.batchSize());
        assertEquals(200, s.flushMillis());
        assertEquals(List.of(), problems);
    }

    @Test
    public void valuesAreRead() {
        Map<String, Object> p = new HashMap<>();
        p.put("enabled", "false");
        p.put("store", "PostgreSQL");
        p.put("jdbc.url", "jdbc:postgresql://127.0.0.1:5432/conflux?ssl=false");
        p.put("jdbc.user", "conflux");
        p.put("jdbc.password", "secret");
        p.put("retention.days", "30");
        p.put("retention.maxEvents", "2000");
        p.put("retention.checkSeconds", "5");
        p.put("buffer.capacity", "3");
        p.put("batch.size", "50");
        p.put("flush.millis", "20");
        TracingSettings s = parse(p, TracingSettings.defaults());
        assertFalse(s.enabled());
        assertEquals(Store.POSTGRESQL, s.store());
        assertEquals("conflux", s.jdbcUser());
        assertEquals(30, s.retentionDays());
        assertEquals(2000, s.retentionMaxEvents());
        assertEquals(5, s.retentionCheckSeconds());
        assertEquals(3, s.bufferCapacity());
        assertEquals(50, s.batchSize());
        assertEquals(20, s.flushMillis());
        assertEquals("postgresql (jdbc:postgresql://127.0.0.1:5432/conflux)", s.storeText());
        assertFalse("the store text shows no credentials", s.storeText().contains("secret"));
        assertEquals(List.of(), problems);
    }

    @Test
    public void aBadValueIsReportedWithKeyValueAndReasonAndThePreviousSettingKept() {
        TracingSettings previous = parse(Map.of("buffer.capacity", "50", "retention.days", "3"),
                TracingSettings.defaults());
        TracingSettings s = parse(Map.of("buffer.capacity", "lots", "retention.days", "-1", "enabled", "yes",
                "batch.size", "0", "flush.millis", "5", "store", "oracle"), previous);
        assertEquals(50, s.bufferCapacity());
        assertEquals(3, s.retentionDays());
        assertTrue(s.enabled());
        assertEquals(500, s.batchSize());
        assertEquals(200, s.flushMillis());
        assertEquals(Store.EMBEDDED, s.store());
        assertEquals(6, problems.size());
        assertTrue(problems.toString(), problems.contains("etc/conflux.tracing.cfg: buffer.capacity = lots: not a whole"
                + " number of events, 1 or more; keeping 50"));
        assertTrue(problems.toString(), problems.contains("etc/conflux.tracing.cfg: retention.days = -1: not a whole"
                + " number of days, 1 or more; keeping 3"));
        assertTrue(problems.toString(), problems.contains("etc/conflux.tracing.cfg: store = oracle: not embedded or"
                + " postgresql; keeping embedded"));
    }

    @Test
    public void postgresqlWithoutAUrlKeepsThePreviousStore() {
        TracingSettings s = parse(Map.of("store", "postgresql", "embedded.directory", "/tmp/x"),
                TracingSettings.defaults());
        assertEquals(Store.EMBEDDED, s.store());
        assertEquals(Path.of("/tmp/x"), s.embeddedDirectory());
        assertEquals(List.of("etc/conflux.tracing.cfg: jdbc.url = : store = postgresql needs a"
                + " jdbc:postgresql://host:port/database URL; keeping store = embedded"), problems);
    }

    @Test
    public void theStoreIsReopenedOnlyWhenItsSettingsChange() {
        TracingSettings a = parse(Map.of("embedded.directory", "/tmp/a"), TracingSettings.defaults());
        assertTrue(a.sameStore(parse(Map.of("embedded.directory", "/tmp/a", "buffer.capacity", "5"), a)));
        assertFalse(a.sameStore(parse(Map.of("embedded.directory", "/tmp/b"), a)));
        assertFalse(a.sameStore(parse(Map.of("store", "postgresql", "jdbc.url", "jdbc:postgresql://h/db"), a)));
    }
}
