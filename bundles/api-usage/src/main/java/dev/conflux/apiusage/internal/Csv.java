package dev.conflux.apiusage.internal;

import dev.conflux.apiusage.api.UsageRow;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.Locale;

/** Usage as CSV (RFC 4180: comma-separated, CRLF line ends, a field with a comma, quote or line end quoted). */
final class Csv {

    static final String ROW_HEADER = "window,endpoint,operation,consumer,calls,ok,client_errors,server_errors,"
            + "p50_ms,p95_ms,p99_ms,max_ms,bytes_in,bytes_out";
    static final String HOURLY_HEADER = "hour_utc,endpoint,operation,consumer,calls,ok,client_errors,server_errors,"
            + "p50_ms,p95_ms,p99_ms,max_ms,bytes_in,bytes_out";

    private Csv() {
    }

    static String rows(String window, List<UsageRow> rows) {
        StringBuilder out = new StringBuilder(ROW_HEADER).append("\r\n");
        for (UsageRow r : rows) {
            line(out, window, r);
        }
        return out.toString();
    }

    /** One line per hour and key (minutes not yet rolled up are added to their hour). */
    static String hourly(UsageLedger.Slices slices) throws SQLException {
        Map<Long, Map<Key, Tally>> byHour = new TreeMap<>();
        slices.each(s -> byHour.computeIfAbsent(Hours.hourOf(s.start()), h -> new TreeMap<>(Comparator
                .comparing(Key::endpoint).thenComparing(Key::operation).thenComparing(Key::consumer)))
                .computeIfAbsent(s.key(), k -> new Tally()).add(s.tally()));
        StringBuilder out = new StringBuilder(HOURLY_HEADER).append("\r\n");
        byHour.forEach((hour, keys) -> keys.forEach((k, t) -> line(out, Instant.ofEpochMilli(hour).toString(),
                UsageReports.row(k, t))));
        return out.toString();
    }

    private static void line(StringBuilder out, String first, UsageRow r) {
        out.append(field(first)).append(',').append(field(r.endpoint())).append(',').append(field(r.operation()))
                .append(',').append(field(r.consumer())).append(',').append(r.calls()).append(',').append(r.ok())
                .append(',').append(r.clientErrors()).append(',').append(r.serverErrors()).append(',')
                .append(millis(r.p50Millis())).append(',').append(millis(r.p95Millis())).append(',')
                .append(millis(r.p99Millis())).append(',').append(millis(r.maxMillis())).append(',')
                .append(r.bytesIn()).append(',').append(r.bytesOut()).append("\r\n");
    }

    static String field(String value) {
        if (value == null) {
            return "";
        }
        // A leading =, +, -, @, tab or CR would start a formula in a spreadsheet (CSV injection): a leading ' keeps
        // it text.
        String v = !value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        if (v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0) {
            return '"' + v.replace("\"", "\"\"") + '"';
        }
        return v;
    }

    private static String millis(double ms) {
        return String.format(Locale.ROOT, "%.3f", ms);
    }
}
