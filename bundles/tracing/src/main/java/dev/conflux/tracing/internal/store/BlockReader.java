package dev.conflux.tracing.internal.store;

import dev.conflux.tracing.api.Hop;
import dev.conflux.tracing.api.TraceQuery;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The searches over the blocks of one connection. A search by key or id reads every block's small index
 * ({@link Refs}) and decodes only the blocks that may hold the value; a search by flow, time or failure alone reads
 * the block summaries newest first and decodes blocks until it has enough traces.
 */
final class BlockReader {

    /** A search decodes at most this many blocks (about a million hops). */
    static final int MAX_BLOCKS = 2_000;
    private static final int LOAD_CHUNK = 50;

    private final Connection c;

    BlockReader(Connection c) {
        this.c = c;
    }

    /** The traces matching the query with all their hops (each oldest first), newest trace first, at most the limit. */
    Map<String, List<Hop>> traces(TraceQuery q) throws SQLException {
        List<String> values = new ArrayList<>();
        for (String v : new String[] {q.text(), q.businessKey(), q.messageId(), q.traceId()}) {
            if (v != null && !v.isBlank()) {
                values.add(v.trim());
            }
        }
        if (values.isEmpty()) {
            return hops(newest(q));
        }
        List<String> ids = byValue(q, values);
        Map<String, List<Hop>> all = hops(ids);
        Map<String, Long> lastMatching = new HashMap<>();
        all.forEach((id, hops) -> hops.stream().filter(h -> rowMatches(q, h))
                .mapToLong(h -> h.time().toEpochMilli()).max().ifPresent(t -> lastMatching.put(id, t)));
        Map<String, List<Hop>> result = new LinkedHashMap<>();
        lastMatching.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(q.limit())
                .forEach(e -> result.put(e.getKey(), all.get(e.getKey())));
        return result;
    }

    /** The ids of the traces, newest first, holding every value the query names (text: key, message id or trace id). */
    private List<String> byValue(TraceQuery q, List<String> values) throws SQLException {
        Map<String, Integer> satisfied = new LinkedHashMap<>();
        String text = trim(q.text());
        String key = trim(q.businessKey());
        String message = trim(q.messageId());
        String trace = trim(q.traceId());
        for (List<Hop> block : load(holding(values, false))) {
            for (Hop h : block) {
                int bits = 0;
                if (text != null && (text.equals(h.businessKey()) || text.equals(h.messageId())
                        || text.equals(h.traceId()))) {
                    bits |= 1;
                }
                bits |= key != null && key.equals(h.businessKey()) ? 2 : 0;
                bits |= message != null && message.equals(h.messageId()) ? 4 : 0;
                bits |= trace != null && trace.equals(h.traceId()) ? 8 : 0;
                if (bits != 0) {
                    satisfied.merge(h.traceId(), bits, (a, b) -> a | b);
                }
            }
        }
        int required = (text != null ? 1 : 0) | (key != null ? 2 : 0) | (message != null ? 4 : 0)
                | (trace != null ? 8 : 0);
        return satisfied.entrySet().stream().filter(e -> e.getValue() == required).map(Map.Entry::getKey)
                .limit(TraceQuery.MAX_LIMIT).toList();
    }

    /** Trace ids by their newest hop that passes the query's flow, time and failure filters. */
    private List<String> newest(TraceQuery q) throws SQLException {
        List<Long> candidates = new ArrayList<>();
        try (Statement s = c.createStatement()) {
            s.setFetchSize(1000);
            try (ResultSet r = s.executeQuery("SELECT " + BlockTable.SUMMARY_COLUMNS
                    + " FROM conflux_trace_block ORDER BY id DESC")) {
                while (r.next()) {
                    BlockTable.Summary b = BlockTable.summary(r);
                    if ((q.flow() == null || b.hasFlow(q.flow())) && (!q.failedOnly() || b.failed() > 0)
                            && (q.from() == null || b.lastTime() >= q.from().toEpochMilli())
                            && (q.to() == null || b.firstTime() < q.to().toEpochMilli())) {
                        candidates.add(b.id());
                    }
                }
            }
        }
        Set<String> ids = new LinkedHashSet<>();
        int blocks = Math.min(candidates.size(), MAX_BLOCKS);
        for (int from = 0; from < blocks && ids.size() < q.limit(); from += LOAD_CHUNK) {
            for (List<Hop> block : load(candidates.subList(from, Math.min(from + LOAD_CHUNK, candidates.size())))) {
                block.stream().filter(h -> rowMatches(q, h))
                        .sorted(Comparator.comparing(Hop::time).reversed())
                        .forEach(h -> {
                            if (ids.size() < q.limit()) {
                                ids.add(h.traceId());
                            }
                        });
            }
        }
        return List.copyOf(ids);
    }

    /** Every hop of the given traces, each list oldest first, in the order of {@code traceIds}. */
    Map<String, List<Hop>> hops(List<String> traceIds) throws SQLException {
        Map<String, List<Hop>> byTrace = new LinkedHashMap<>();
        traceIds.forEach(id -> byTrace.put(id, new ArrayList<>()));
        if (traceIds.isEmpty()) {
            return byTrace;
        }
        for (List<Hop> block : load(holding(traceIds, true))) {
            for (Hop h : block) {
                List<Hop> trace = byTrace.get(h.traceId());
                if (trace != null) {
                    trace.add(h);
                }
            }
        }
        // stable: hops of the same millisecond stay in the order they were stored
        byTrace.values().forEach(hops -> hops.sort(Comparator.comparing(Hop::time)));
        return byTrace;
    }

    /** The ids of the blocks whose index may hold any of the values: newest first, or oldest first. */
    private List<Long> holding(Collection<String> values, boolean oldestFirst) throws SQLException {
        int[] wanted = Refs.wanted(values);
        List<Long> ids = new ArrayList<>();
        try (Statement s = c.createStatement()) {
            s.setFetchSize(1000);
            try (ResultSet r = s.executeQuery("SELECT id, refs FROM conflux_trace_block ORDER BY id "
                    + (oldestFirst ? "ASC" : "DESC"))) {
                while (r.next()) {
                    if (Refs.mayHold(r.getBytes(2), wanted)) {
                        ids.add(r.getLong(1));
                    }
                }
            }
        }
        if (ids.size() > MAX_BLOCKS) {
            // keep the newest
            return oldestFirst ? ids.subList(ids.size() - MAX_BLOCKS, ids.size()) : ids.subList(0, MAX_BLOCKS);
        }
        return ids;
    }

    /** The hops of the given blocks, one list per block, in the order of {@code blockIds}. */
    private List<List<Hop>> load(List<Long> blockIds) throws SQLException {
        List<List<Hop>> blocks = new ArrayList<>(blockIds.size());
        for (int from = 0; from < blockIds.size(); from += LOAD_CHUNK) {
            List<Long> chunk = blockIds.subList(from, Math.min(from + LOAD_CHUNK, blockIds.size()));
            Map<Long, byte[]> json = new HashMap<>();
            String marks = String.join(", ", chunk.stream().map(id -> "?").toList());
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT block_id, hops FROM conflux_trace_hops WHERE block_id IN (" + marks + ")")) {
                for (int i = 0; i < chunk.size(); i++) {
                    s.setLong(i + 1, chunk.get(i));
                }
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        json.put(r.getLong(1), r.getBytes(2));
                    }
                }
            }
            for (Long id : chunk) {
                byte[] hops = json.get(id);
                if (hops != null) {
                    blocks.add(HopCodec.decode(hops));
                }
            }
        }
        return blocks;
    }

    private static boolean rowMatches(TraceQuery q, Hop h) {
        long t = h.time().toEpochMilli();
        return (q.flow() == null || q.flow().equals(h.flow()))
                && (q.from() == null || t >= q.from().toEpochMilli())
                && (q.to() == null || t < q.to().toEpochMilli())
                && (!q.failedOnly() || h.kind().failure());
    }

    private static String trim(String v) {
        return v == null || v.isBlank() ? null : v.trim();
    }
}
