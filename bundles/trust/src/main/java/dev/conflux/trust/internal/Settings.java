package dev.conflux.trust.internal;

import java.util.Map;

/** Where the inventory reads the container's configuration: Config Admin, system properties, the environment. */
public interface Settings {

    /** A configuration's properties, placeholders resolved; empty when Config Admin has no such configuration. */
    Map<String, String> config(String pid);

    /** A system property, or null. */
    String property(String name);

    /** An environment variable, or null. */
    String env(String name);

    /** Whether a bundle with this symbolic name is installed and active. */
    boolean bundleActive(String symbolicName);
}
