package dev.conflux.catalog.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import dev.conflux.catalog.api.Catalog;
import dev.conflux.catalog.api.CatalogEdge;
import dev.conflux.catalog.api.CatalogNode;
import dev.conflux.catalog.api.NodeKind;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.Test;

public class HtmlExportTest {

    private static CatalogNode node(NodeKind kind, String name) {
        return new CatalogNode(CatalogNode.id(kind, name), kind, name, Map.of());
    }

    /** A flow that reads back what it sends (the sample does) must not push the rest of the graph to the right. */
    @Test
    public void aCycleIsDrawnAsOneCurveBackAndDataOtherwiseGoesLeftToRight() {
        Catalog c = new Catalog("dev", Instant.EPOCH, List.of(node(NodeKind.API, "POST /api/orders"),
                node(NodeKind.FLOW, "orders"), node(NodeKind.QUEUE, "orders"), node(NodeKind.ENDPOINT, "file:out")),
                List.of(new CatalogEdge("api:POST /api/orders", "flow:orders", "orders", "static"),
                        new CatalogEdge("flow:orders", "queue:orders", "orders", "static"),
                        new CatalogEdge("queue:orders", "flow:orders", "orders", "static"),
                        new CatalogEdge("flow:orders", "endpoint:file:out", "orders", "static")),
                List.of());
        Map<String, Integer> columns = HtmlExport.columns(c);
        assertEquals(Map.of("api:POST /api/orders", 0, "flow:orders", 1, "queue:orders", 2, "endpoint:file:out", 2),
                columns);
        String html = HtmlExport.of(c, "{}");
        assertEquals(3, html.split("<line class=\"edge ", -1).length - 1);
        assertEquals(1, html.split("<path class=\"edge back ", -1).length - 1);
        assertTrue(html.contains("data-from=\"queue:orders\" data-to=\"flow:orders\""));
    }
}
