package dev.conflux.cluster.api;

/**
 * The nodes of the cluster this instance belongs to, as every node reported itself (docs/cluster.md). The shell's
 * {@code conflux:cluster-status}, the {@code conflux:type=cluster} MBean and the console's Cluster page show it.
 */
public interface ClusterService {

    /** What the cluster looks like now; on an instance that is not a node of a cluster, that instance alone. */
    ClusterView view();
}
