package dev.conflux.catalog.api;

import java.nio.file.Path;
import java.util.List;

/**
 * The interface catalog of this Conflux: the {@code conflux:catalog} and {@code conflux:impact} commands, the
 * {@code conflux:type=catalog} MBean and the console's Catalog page are thin front ends over it. Errors are
 * {@link IllegalArgumentException}s with a message for the user (an unknown kind, a name that is not in the catalog
 * with the names that are).
 */
public interface CatalogService {

    /** The kinds {@link #impact} takes. */
    List<String> IMPACT_KINDS = List.of("flow", "queue", "connector", "endpoint", "host");

    /** The catalog as it is now. */
    Catalog catalog();

    /**
     * The impact of a change to, or an outage of, one node.
     *
     * @param kind {@code flow}, {@code queue} (a queue or topic), {@code connector}, {@code endpoint} (an API or other
     *             endpoint: {@code POST /api/orders}, {@code /services/orders}, a directory), {@code host} (a system)
     * @param name its name as the catalog shows it; for {@code host}, a host name also matches the systems on it
     */
    Impact impact(String kind, String name);

    /** What deploying this flow file would add and remove, and whom that touches; the file is only read. */
    ChangeImpact impactOfChange(Path flowFile);

    /** The catalog as a self-contained HTML page (the graph drawn in SVG, and every interface in tables). */
    String exportHtml();

    /**
     * The graph alone, as an SVG element for a page to embed: {@code svg#graph}, each node a {@code g.node} with its
     * id in {@code data-id}, each edge an element of class {@code edge}.
     */
    String graphSvg();

    /** The catalog as JSON. */
    String exportJson();
}
