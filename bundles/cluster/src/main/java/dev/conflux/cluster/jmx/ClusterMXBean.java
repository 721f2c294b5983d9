package dev.conflux.cluster.jmx;

/** The cluster's status for the console's Cluster page and Jolokia clients ({@code conflux:type=cluster}). */
public interface ClusterMXBean {

    /** The cluster view as JSON: nodes, flows with each node's revision, problems. */
    String status();
}
