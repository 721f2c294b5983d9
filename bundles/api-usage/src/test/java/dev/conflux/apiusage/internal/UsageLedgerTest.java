package dev.conflux.apiusage.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import dev.conflux.apiusage.api.ApiCall;
import dev.conflux.apiusage.api.Grouping;
import dev.conflux.apiusage.api.UsagePoint;
import dev.conflux.apiusage.api.UsageRow;
import dev.conflux.apiusage.api.Window;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.Test;

public class UsageLedgerTest {

    private static final String ORDERS = "POST /api/orders";
    private static final long T0 = Instant.parse("2026-11-30T10:15:00Z").toEpochMilli();

    private final AtomicLong now = new AtomicLong(T0);
    private final JdbcDataSource db = database();
    private UsageLedger ledger = new UsageLedger(new Minutes(100), new HourlyTable(db), now::get);

    private static JdbcDataSource database() {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:usage-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
        return ds;
    }

    private void call(String consumer, int status, long millis) {
        ledger.record(new ApiCall("/api/orders", ORDERS, consumer, status, millis * 1_000_000, 100, 40));
    }

    private UsageLedger.Slices slices(Window w) {
        return ledger.slices(w, ledger.from(w));
    }

    private List<UsageRow> rows(Window w, Grouping by) throws SQLException {
        return UsageReports.rows(slices(w), by);
    }

    private UsageRow row(Window w, Grouping by, String consumer) throws SQLException {
        return rows(w, by).stream().filter(r -> r.consumer().equals(consumer)).findFirst()
                .orElseThrow(() -> new AssertionError("no row for " + consumer));
    }

    @Test
    public void callsAreCountedPerOperationAndConsumerWithErrorsByStatusClassAndBytes() throws SQLException {
        for (int i = 0; i < 50; i++) {
            call("shop", i < 4 ? 400 : i < 6 ? 503 : 202, 5);
            call("10.0.0.7", i < 2 ? 401 : 202, 5);
        }
        UsageRow shop = row(Window.FIVE_MINUTES, Grouping.BOTH, "shop");
        assertEquals(50, shop.calls());
        assertEquals(44, shop.ok());
        assertEquals(4, shop.clientErrors());
        assertEquals(2, shop.serverErrors());
        assertEquals(5_000, shop.bytesIn());
        assertEquals(2_000, shop.bytesOut());
        assertEquals(0.12, shop.errorRate(), 1e-9);
        assertEquals(2, row(Window.HOUR, Grouping.BOTH, "10.0.0.7").clientErrors());
        List<UsageRow> byOperation = rows(Window.HOUR, Grouping.OPERATION);
        assertEquals(1, byOperation.size());
        assertEquals(100, byOperation.get(0).calls());
        assertEquals("", byOperation.get(0).consumer());
        assertEquals(ORDERS, byOperation.get(0).operation());
    }

    @Test
    public void percentilesAreWithinOnePercentOfTheRecordedLatencies() throws SQLException {
        for (int ms = 1; ms <= 100; ms++) {
            call("shop", 200, ms);
        }
        UsageRow r = row(Window.HOUR, Grouping.CONSUMER, "shop");
        assertEquals(50, r.p50Millis(), 0.5);
        assertEquals(95, r.p95Millis(), 0.95);
        assertEquals(99, r.p99Millis(), 0.99);
        assertEquals(100, r.maxMillis(), 1);
    }

    @Test
    public void finishedMinutesGoToTheHourlyRollUpsAndTheDayCountsEveryCallOnce() throws SQLException {
        for (int i = 0; i < 10; i++) {
            call("shop", 202, 3);
        }
        assertEquals("the minute is not over", 0, ledger.write(false).minutes());
        now.addAndGet(Minutes.MINUTE + Minutes.GRACE_MILLIS);
        assertEquals(1, ledger.write(false).minutes());
        call("shop", 500, 3); // not written yet
        assertEquals(11, row(Window.DAY, Grouping.CONSUMER, "shop").calls());
        assertEquals(11, row(Window.THIRTY_DAYS, Grouping.CONSUMER, "shop").calls());
        assertEquals(11, row(Window.HOUR, Grouping.CONSUMER, "shop").calls());
        assertEquals(1, ledger.write(true).minutes());
        assertEquals(11, row(Window.DAY, Grouping.CONSUMER, "shop").calls());
        assertEquals(1, row(Window.DAY, Grouping.CONSUMER, "shop").serverErrors());
    }

    @Test
    public void aRestartKeepsTheRollUpsAndAddsToTheSameHour() throws SQLException {
        for (int ms = 1; ms <= 40; ms++) {
            call("shop", 202, ms);
        }
        ledger.write(true);
        ledger = new UsageLedger(new Minutes(100), new HourlyTable(db), now::get);
        assertTrue("the minutes start afresh", rows(Window.HOUR, Grouping.BOTH).isEmpty());
        assertEquals(40, row(Window.DAY, Grouping.CONSUMER, "shop").calls());
        for (int ms = 41; ms <= 100; ms++) {
            call("shop", 202, ms);
        }
        ledger.write(true);
        UsageRow merged = row(Window.DAY, Grouping.CONSUMER, "shop");
        assertEquals(100, merged.calls());
        assertEquals("the histograms were merged", 50, merged.p50Millis(), 0.5);
        assertEquals(100, merged.maxMillis(), 1);
    }

    @Test
    public void windowsEndWhereTheySay() throws SQLException {
        call("shop", 202, 1);
        now.addAndGet(10 * Minutes.MINUTE);
        ledger.write(false);
        assertTrue(rows(Window.FIVE_MINUTES, Grouping.BOTH).isEmpty());
        assertEquals(1, row(Window.HOUR, Grouping.CONSUMER, "shop").calls());
        now.addAndGet(Hours.HOUR);
        assertTrue(rows(Window.HOUR, Grouping.BOTH).isEmpty());
        assertEquals(1, row(Window.DAY, Grouping.CONSUMER, "shop").calls());
        now.addAndGet(24 * Hours.HOUR);
        assertTrue(rows(Window.DAY, Grouping.BOTH).isEmpty());
        assertEquals(1, row(Window.THIRTY_DAYS, Grouping.CONSUMER, "shop").calls());
    }

    @Test
    public void olderMinutesOfTheHourAreKeptAsFiveMinuteStepsAndStillCounted() throws SQLException {
        Minutes minutes = new Minutes(100);
        ledger = new UsageLedger(minutes, new HourlyTable(db), now::get);
        for (int i = 0; i < 30; i++) { // one call a minute from 10:15 to 10:44, written as each minute ends
            call("shop", 202, 1);
            now.addAndGet(Minutes.MINUTE);
            ledger.write(false);
        }
        assertEquals("5 steps (10:15 to 10:35) and the last 5 minutes, not 30 minutes", 10,
                minutes.since(0).size());
        assertEquals(30, row(Window.HOUR, Grouping.CONSUMER, "shop").calls());
        assertEquals("10:41 to 10:45 (now), 10:45 without a call", 4, row(Window.FIVE_MINUTES, Grouping.CONSUMER,
                "shop").calls());
        List<UsagePoint> steps = UsageReports.trend(slices(Window.HOUR), Window.HOUR, ledger.from(Window.HOUR), null);
        assertEquals(Instant.parse("2026-11-30T09:50:00Z"), steps.get(0).start());
        assertEquals(List.of(0L, 0L, 0L, 0L, 0L, 5L, 5L, 5L, 5L, 5L, 5L, 0L), steps.stream().map(UsagePoint::calls)
                .toList());
        ledger.write(true);
        assertEquals(30, row(Window.DAY, Grouping.CONSUMER, "shop").calls());
    }

    @Test
    public void retentionDeletesTheHoursOlderThanTheMonthsKept() throws SQLException {
        call("shop", 202, 1);
        ledger.write(true);
        now.addAndGet(13 * 31L * 24 * Hours.HOUR);
        assertEquals(0, ledger.enforceRetention(13));
        now.addAndGet(Hours.HOUR);
        assertEquals(1, ledger.enforceRetention(13));
        assertEquals(-1, ledger.oldestHour());
    }

    @Test
    public void aTrendHasEveryStepWithZerosWhereNothingHappened() throws SQLException {
        call("shop", 202, 2);
        now.addAndGet(2 * Minutes.MINUTE);
        call("shop", 404, 2);
        call("app", 202, 2);
        List<UsagePoint> minutes = UsageReports.trend(slices(Window.FIVE_MINUTES), Window.FIVE_MINUTES,
                ledger.from(Window.FIVE_MINUTES), ORDERS);
        assertEquals(5, minutes.size());
        assertEquals(Instant.parse("2026-11-30T10:13:00Z"), minutes.get(0).start());
        assertEquals(List.of(0L, 0L, 1L, 0L, 2L), minutes.stream().map(UsagePoint::calls).toList());
        assertEquals(1, minutes.get(4).clientErrors());
        ledger.write(true);
        List<UsagePoint> hours = UsageReports.trend(slices(Window.DAY), Window.DAY, ledger.from(Window.DAY), null);
        assertEquals(24, hours.size());
        assertEquals(Instant.parse("2026-11-30T10:00:00Z"), hours.get(23).start());
        assertEquals(3, hours.get(23).calls());
        List<UsagePoint> days = UsageReports.trend(slices(Window.THIRTY_DAYS), Window.THIRTY_DAYS,
                ledger.from(Window.THIRTY_DAYS), null);
        assertEquals(30, days.size());
        assertEquals("24-hour steps ending with the current hour", Instant.parse("2026-11-29T11:00:00Z"),
                days.get(29).start());
        assertEquals(3, days.get(29).calls());
        assertEquals(0, UsageReports.trend(slices(Window.THIRTY_DAYS), Window.THIRTY_DAYS,
                ledger.from(Window.THIRTY_DAYS), "GET /api/none").stream().mapToLong(UsagePoint::calls).sum());
    }

    @Test
    public void beyondTheMostPairsAMinuteCountsFurtherConsumersTogether() throws SQLException {
        ledger = new UsageLedger(new Minutes(10), new HourlyTable(db), now::get);
        for (int i = 0; i < 25; i++) {
            call("10.0.0." + i, 202, 1);
        }
        List<UsageRow> rows = rows(Window.HOUR, Grouping.CONSUMER);
        assertEquals(11, rows.size());
        assertEquals(15, row(Window.HOUR, Grouping.CONSUMER, Minutes.OTHERS).calls());
        assertEquals(15, ledger.overflow());
    }

    @Test
    public void whileTheStoreFailsTheMinutesWaitInMemoryAndAreWrittenLater() throws SQLException {
        JdbcDataSource broken = new JdbcDataSource();
        broken.setURL("jdbc:h2:mem:nowhere;IFEXISTS=TRUE");
        Minutes minutes = new Minutes(100);
        UsageLedger failing = new UsageLedger(minutes, new HourlyTable(broken), now::get);
        failing.record(new ApiCall("/api/orders", ORDERS, "shop", 202, 1_000_000, 1, 1));
        assertNotNull(failing.write(true).failure());
        ledger = new UsageLedger(minutes, new HourlyTable(db), now::get);
        assertEquals(1, ledger.write(true).minutes());
        assertEquals(1, row(Window.DAY, Grouping.CONSUMER, "shop").calls());
    }

    @Test
    public void minutesTheStoreRefusesForTwoHoursAreDroppedAndCounted() {
        JdbcDataSource broken = new JdbcDataSource();
        broken.setURL("jdbc:h2:mem:nowhere;IFEXISTS=TRUE");
        UsageLedger failing = new UsageLedger(new Minutes(100), new HourlyTable(broken), now::get);
        failing.record(new ApiCall("/api/orders", ORDERS, "shop", 202, 1_000_000, 1, 1));
        failing.record(new ApiCall("/api/orders", ORDERS, "app", 202, 1_000_000, 1, 1));
        now.addAndGet(Minutes.KEEP_UNWRITTEN_MINUTES * Minutes.MINUTE);
        UsageLedger.Written kept = failing.write(false);
        assertNotNull(kept.failure());
        assertEquals("still kept", 0, kept.dropped());
        now.addAndGet(Minutes.MINUTE);
        UsageLedger.Written dropped = failing.write(false);
        assertNotNull(dropped.failure());
        assertEquals(2, dropped.dropped());
        assertEquals(0, failing.write(true).dropped());
    }

    @Test
    public void aCallForAMinuteAlreadyWrittenIsCountedInTheNextAndReachesTheRollUpsOnce() throws SQLException {
        call("shop", 202, 1);
        now.addAndGet(Minutes.MINUTE + Minutes.GRACE_MILLIS);
        assertEquals(1, ledger.write(false).minutes());
        now.addAndGet(-(Minutes.MINUTE + Minutes.GRACE_MILLIS)); // a thread that read the clock before the write
        call("shop", 202, 1);
        now.addAndGet(2 * Minutes.MINUTE + Minutes.GRACE_MILLIS);
        ledger.write(false);
        assertEquals(2, row(Window.DAY, Grouping.CONSUMER, "shop").calls());
        assertEquals(2, row(Window.HOUR, Grouping.CONSUMER, "shop").calls());
    }

    @Test
    public void aWindowStartsOnItsFirstMinuteOrHourExactly() throws SQLException {
        long from = ledger.from(Window.FIVE_MINUTES);
        assertEquals(Instant.parse("2026-11-30T10:11:00Z").toEpochMilli(), from);
        now.set(from - 1);
        call("early", 202, 1);
        now.set(from);
        call("first", 202, 1);
        now.set(T0);
        assertEquals(Set.of("first"), rows(Window.FIVE_MINUTES, Grouping.CONSUMER).stream().map(UsageRow::consumer)
                .collect(java.util.stream.Collectors.toSet()));
        long dayFrom = ledger.from(Window.DAY);
        assertEquals(Instant.parse("2026-11-29T11:00:00Z").toEpochMilli(), dayFrom);
        now.set(dayFrom - 1);
        call("yesterday", 202, 1);
        now.set(dayFrom);
        call("today", 202, 1);
        now.set(T0);
        ledger.write(true);
        assertEquals(Set.of("first", "today", "early"), rows(Window.DAY, Grouping.CONSUMER).stream()
                .map(UsageRow::consumer).collect(java.util.stream.Collectors.toSet()));
    }

    @Test
    public void consumersOfAnApiAreFoundByOperationOrEndpoint() throws SQLException {
        call("shop", 202, 1);
        call("app", 202, 1);
        ledger.record(new ApiCall("/services/orders", "submitOrder", "erp", 200, 1, 1, 1));
        call("10.0.0.9", 401, 1); // refused: not known as a consumer
        assertEquals(Set.of("app", "shop"), ledger.consumers(Window.HOUR, ORDERS));
        assertEquals(Set.of("app", "shop"), ledger.consumers(Window.HOUR, "/api/orders"));
        assertEquals(Set.of("erp"), ledger.consumers(Window.HOUR, "/services/orders"));
        ledger.write(true);
        call("late", 202, 1);
        assertEquals("from the roll-ups and the minutes not yet written", Set.of("app", "late", "shop"),
                ledger.consumers(Window.THIRTY_DAYS, ORDERS));
    }

    @Test
    public void aFlowCounterSaysAcceptedPerHourAndSuccessRateInItsUnit() throws SQLException {
        for (int i = 0; i < 20; i++) {
            call("shop", i < 2 ? 400 : i < 3 ? 500 : 202, 1);
        }
        var counters = UsageReports.flowCounters(slices(Window.DAY), Window.DAY, Map.of("orders",
                new UsageReports.FlowApis("orders", Set.of(ORDERS)), "idle", new UsageReports.FlowApis("calls",
                        Set.of("/services/none"))));
        assertEquals("orders", counters.get(0).flow());
        assertEquals(17, counters.get(0).accepted());
        assertEquals(2, counters.get(0).refused());
        assertEquals(1, counters.get(0).failed());
        assertEquals(17 / 24.0, counters.get(0).perHour(), 1e-9);
        assertEquals(0.85, counters.get(0).successRate(), 1e-9);
        assertEquals(1.0, counters.get(1).successRate(), 1e-9);
    }
}
