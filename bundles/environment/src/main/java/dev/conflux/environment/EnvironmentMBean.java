package dev.conflux.environment;

/** {@code conflux:type=environment}: which environment definition this distribution was built from. */
public interface EnvironmentMBean {

    /** e.g. dev, test, prod. */
    String getName();

    String getDescription();

    /** The revision of the definition (the repository commit it was built from, "+dirty" if uncommitted). */
    String getRevision();

    /** When the distribution was built (UTC). */
    String getBuilt();

    /** The boot features of the definition. */
    String[] getFeatures();
}
