package dev.conflux.flowmanagement.jmx;

/**
 * Flows over JMX, as {@code conflux:type=flows}: the same operations as the {@code conflux:flow-*} commands, for
 * Hawtio, Jolokia and scripts. Failed operations throw with the reason in the message.
 */
public interface FlowsMXBean {

    /** Every flow, as {@code conflux:flow-list} shows them. */
    FlowView[] getFlows();

    FlowView info(String name);

    FlowView start(String name);

    FlowView stop(String name);

    FlowView restart(String name);

    /** @param revision 0 for the revision before the current one */
    FlowView rollback(String name, int revision);

    RevisionView[] history(String name);

    /** Problems as {@code file:line:column: message}; empty when the file is valid. */
    String[] validate(String file);
}
