package dev.conflux.console;

/** What Hawtio's plugin registry reads from a {@code hawtio:type=plugin} MBean to load a plugin's scripts. */
public interface ConsolePluginMBean {

    String getName();

    /** The web context the scripts are served from. */
    String getContext();

    String getDomain();

    /** Comma-separated, relative to the context. */
    String[] getScripts();
}
