package dev.conflux.catalog.jmx;

/**
 * {@code conflux:type=catalog}: the interface catalog for the console and for scripts (Jolokia), as JSON documents
 * of the {@code dev.conflux.catalog.api} records.
 */
public interface CatalogMXBean {

    /** The catalog: environment, nodes, edges and dynamic targets. */
    String getCatalog();

    /** The graph as an SVG element, for the console. */
    String getGraph();

    /** The impact of a node: kind {@code flow|queue|connector|endpoint|host} and its name. */
    String impact(String kind, String name);

    /** What deploying the flow file at this path (on the server) would change, and whom it touches. */
    String impactOfChange(String flowFile);

    /** The catalog as a self-contained HTML page with the graph. */
    String exportHtml();
}
