package dev.conflux.flowmanagement;

import dev.conflux.audit.api.Caller;

/** Who is calling, for the flow history: {@code shell:admin}, {@code jmx:ops1}. */
public final class Actor {

    private Actor() {
    }

    public static String current(String channel) {
        String user = Caller.current().user();
        return channel + ":" + (user == null ? "unknown" : user);
    }
}
