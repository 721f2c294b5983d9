package dev.conflux.catalog.internal;

import dev.conflux.catalog.api.Catalog;
import dev.conflux.catalog.api.CatalogEdge;
import dev.conflux.catalog.api.CatalogNode;
import dev.conflux.catalog.api.NodeKind;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The catalog as one HTML page that needs nothing else: the graph drawn as SVG (nodes in columns by how far data
 * has come, edges as arrows), every node and edge in tables, and the catalog's JSON for tools.
 */
final class HtmlExport {

    private static final int COLUMN = 260;
    private static final int ROW = 54;
    private static final int BOX_W = 220;
    private static final int BOX_H = 36;
    private static final Map<NodeKind, String> COLOURS = Map.of(NodeKind.FLOW, "#cfe2ff", NodeKind.API, "#d1e7dd",
            NodeKind.QUEUE, "#fff3cd", NodeKind.TOPIC, "#ffe5b4", NodeKind.ENDPOINT, "#e2e3e5",
            NodeKind.CONNECTOR, "#f8d7da", NodeKind.SYSTEM, "#e0cffc");

    private HtmlExport() {
    }

    static String of(Catalog catalog, String json) {
        String svg = svg(catalog);
        StringBuilder html = new StringBuilder();
        html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Conflux interface catalog — ")
                .append(esc(catalog.environment())).append("</title><style>")
                .append("body{font-family:sans-serif;margin:2em;color:#222}svg{border:1px solid #ccc;background:#fff}")
                .append("table{border-collapse:collapse;margin:1em 0}")
                .append("td,th{border:1px solid #ccc;padding:3px 8px;text-align:left;vertical-align:top;font-size:13px}")
                .append("</style></head><body>\n<h1>Interface catalog: ").append(esc(catalog.environment()))
                .append("</h1>\n<p>Read from the running flows and connector instances at ")
                .append(esc(String.valueOf(catalog.builtAt()))).append(": ").append(counts(catalog))
                .append(". Dashed arrows are targets learned while flows ran.</p>\n").append(svg).append('\n');
        html.append("<h2>Nodes</h2>\n<table id=\"nodes\"><tr><th>Kind</th><th>Name</th><th>Details</th></tr>");
        for (CatalogNode n : catalog.nodes()) {
            html.append("<tr><td>").append(n.kind().label()).append("</td><td>").append(esc(n.name()))
                    .append("</td><td>").append(esc(details(n).strip())).append("</td></tr>");
        }
        html.append("</table>\n<h2>Data flows</h2>\n<table id=\"edges\"><tr><th>From</th><th>To</th><th>Flow</th>"
                + "<th>Known</th></tr>");
        for (CatalogEdge e : catalog.edges()) {
            html.append("<tr><td>").append(esc(e.from())).append("</td><td>").append(esc(e.to())).append("</td><td>")
                    .append(esc(e.flow())).append("</td><td>").append(esc(e.known())).append("</td></tr>");
        }
        html.append("</table>\n");
        if (!catalog.dynamic().isEmpty()) {
            html.append("<h2>Targets computed per message</h2>\n<table id=\"dynamic\"><tr><th>Flow</th><th>Route</th>"
                    + "<th>Expression</th></tr>");
            for (Catalog.DynamicTarget d : catalog.dynamic()) {
                html.append("<tr><td>").append(esc(d.flow())).append("</td><td>").append(esc(d.route()))
                        .append("</td><td>").append(esc(d.expression())).append("</td></tr>");
            }
            html.append("</table>\n");
        }
        html.append("<script type=\"application/json\" id=\"catalog\">").append(json.replace("<", "\\u003c"))
                .append("</script>\n</body></html>\n");
        return html.toString();
    }

    /** The graph alone, as an SVG element ({@code svg#graph}); nodes are {@code g.node[data-id]}, edges {@code .edge}. */
    static String svg(Catalog catalog) {
        Map<String, Integer> column = columns(catalog);
        Map<Integer, Integer> rows = new HashMap<>();
        Map<String, int[]> at = new HashMap<>();
        for (CatalogNode n : rowOrder(catalog, column)) {
            int c = column.get(n.id());
            int r = rows.merge(c, 1, Integer::sum) - 1;
            at.put(n.id(), new int[] {20 + c * COLUMN, 20 + r * ROW});
        }
        int width = 40 + (column.values().stream().max(Integer::compare).orElse(0) + 1) * COLUMN;
        int height = 40 + rows.values().stream().max(Integer::compare).orElse(1) * ROW;
        StringBuilder svg = new StringBuilder();
        svg.append("<svg id=\"graph\" xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(width)
                .append("\" height=\"").append(height).append("\" role=\"img\" aria-label=\"Interface graph\">")
                .append("<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"8\""
                        + " markerHeight=\"8\" orient=\"auto-start-reverse\"><path d=\"M 0 0 L 10 5 L 0 10 z\"/></marker></defs>")
                .append("<style>#graph .edge{stroke:#555;stroke-width:1.2;fill:none}#graph .edge.learned{stroke-dasharray:4 3}")
                .append("#graph .edge.configured{stroke:#8a63d2}#graph text{font-size:12px;font-family:sans-serif}")
                .append("#graph text.kind{font-size:10px;fill:#555}#graph rect{stroke:#666}")
                .append("#graph g.node.impacted rect{stroke:#c9190b;stroke-width:3}")
                .append("#graph g.node.selected rect{stroke:#0066cc;stroke-width:3}</style>");
        for (CatalogEdge e : catalog.edges()) {
            int[] a = at.get(e.from());
            int[] b = at.get(e.to());
            if (a == null || b == null) {
                continue;
            }
            if (b[0] > a[0]) {
                svg.append("<line class=\"edge ").append(esc(e.known())).append("\" data-from=\"").append(esc(e.from()))
                        .append("\" data-to=\"").append(esc(e.to())).append("\" x1=\"").append(a[0] + BOX_W)
                        .append("\" y1=\"").append(a[1] + BOX_H / 2).append("\" x2=\"").append(b[0]).append("\" y2=\"")
                        .append(b[1] + BOX_H / 2).append("\" marker-end=\"url(#arrow)\"/>");
            } else {
                // back to an earlier column (a cycle): a curve below the boxes
                int x1 = a[0] + BOX_W / 2;
                int x2 = b[0] + BOX_W / 2;
                int dip = Math.max(a[1], b[1]) + BOX_H + ROW / 3;
                svg.append("<path class=\"edge back ").append(esc(e.known())).append("\" data-from=\"")
                        .append(esc(e.from())).append("\" data-to=\"").append(esc(e.to())).append("\" d=\"M ")
                        .append(x1).append(' ').append(a[1] + BOX_H).append(" C ").append(x1).append(' ').append(dip)
                        .append(' ').append(x2).append(' ').append(dip).append(' ').append(x2).append(' ')
                        .append(b[1] + BOX_H).append("\" fill=\"none\" marker-end=\"url(#arrow)\"/>");
            }
        }
        for (CatalogNode n : catalog.nodes()) {
            int[] p = at.get(n.id());
            svg.append("<g class=\"node ").append(n.kind().label()).append("\" data-id=\"").append(esc(n.id()))
                    .append("\"><title>").append(esc(n.id() + details(n))).append("</title><rect x=\"").append(p[0])
                    .append("\" y=\"").append(p[1]).append("\" rx=\"6\" width=\"").append(BOX_W).append("\" height=\"")
                    .append(BOX_H).append("\" fill=\"").append(COLOURS.get(n.kind())).append("\"/><text x=\"")
                    .append(p[0] + 8).append("\" y=\"").append(p[1] + 14).append("\" class=\"kind\">")
                    .append(n.kind().label()).append("</text><text x=\"").append(p[0] + 8).append("\" y=\"")
                    .append(p[1] + 29).append("\">").append(esc(shorten(n.name()))).append("</text></g>");
        }
        svg.append("</svg>");
        return svg.toString();
    }

    /**
     * A node's column: one more than the furthest node feeding it, so data goes left to right. Edges that close a
     * cycle (a flow reading back what it sent) are found depth first and left out of the ranking.
     */
    static Map<String, Integer> columns(Catalog catalog) {
        Map<String, List<String>> out = new HashMap<>();
        for (CatalogEdge e : catalog.edges()) {
            out.computeIfAbsent(e.from(), k -> new ArrayList<>()).add(e.to());
        }
        List<String> order = new ArrayList<>();
        Set<String> done = new HashSet<>();
        Set<String> open = new HashSet<>();
        Set<String> back = new HashSet<>();
        for (CatalogNode n : catalog.nodes()) {
            visit(n.id(), out, done, open, back, order);
        }
        Collections.reverse(order);
        Map<String, Integer> column = new HashMap<>();
        for (String id : order) {
            column.putIfAbsent(id, 0);
            for (String next : out.getOrDefault(id, List.of())) {
                if (!back.contains(id + " " + next)) {
                    column.merge(next, column.get(id) + 1, Math::max);
                }
            }
        }
        return column;
    }

    private static void visit(String id, Map<String, List<String>> out, Set<String> done,
            Set<String> open, Set<String> back, List<String> order) {
        if (done.contains(id)) {
            return;
        }
        open.add(id);
        for (String next : out.getOrDefault(id, List.of())) {
            if (open.contains(next)) {
                back.add(id + " " + next);
            } else {
                visit(next, out, done, open, back, order);
            }
        }
        open.remove(id);
        done.add(id);
        order.add(id);
    }

    /** Within a column, nodes follow the mean row of the nodes feeding them, which keeps arrows short. */
    static List<CatalogNode> rowOrder(Catalog catalog, Map<String, Integer> column) {
        Map<String, List<String>> into = new HashMap<>();
        for (CatalogEdge e : catalog.edges()) {
            into.computeIfAbsent(e.to(), k -> new ArrayList<>()).add(e.from());
        }
        Map<String, Double> row = new HashMap<>();
        List<CatalogNode> placed = new ArrayList<>();
        int columns = column.values().stream().max(Integer::compare).orElse(0);
        for (int c = 0; c <= columns; c++) {
            final int col = c;
            List<CatalogNode> here = new ArrayList<>(catalog.nodes().stream().filter(n -> column.get(n.id()) == col)
                    .toList());
            Map<String, Double> key = new HashMap<>();
            for (int i = 0; i < here.size(); i++) {
                CatalogNode n = here.get(i);
                double mean = into.getOrDefault(n.id(), List.of()).stream().filter(row::containsKey)
                        .mapToDouble(row::get).average().orElse(i);
                key.put(n.id(), mean);
            }
            here.sort(Comparator.comparingDouble(n -> key.get(n.id())));
            for (int i = 0; i < here.size(); i++) {
                row.put(here.get(i).id(), (double) i);
            }
            placed.addAll(here);
        }
        return placed;
    }

    private static String counts(Catalog c) {
        return c.nodes().stream().collect(Collectors.groupingBy(n -> n.kind().label(), TreeMap::new,
                Collectors.counting())).entrySet().stream().map(e -> e.getValue() + " " + e.getKey())
                .collect(Collectors.joining(", "));
    }

    private static String details(CatalogNode n) {
        return new TreeMap<>(n.details()).entrySet().stream().map(e -> "\n" + e.getKey() + ": " + e.getValue())
                .collect(Collectors.joining());
    }

    private static String shorten(String s) {
        return s.length() > 34 ? s.substring(0, 33) + "…" : s;
    }

    static String esc(String s) {
        return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
