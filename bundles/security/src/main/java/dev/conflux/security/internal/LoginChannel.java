package dev.conflux.security.internal;

import java.security.Principal;
import java.util.List;
import java.util.Optional;
import javax.security.auth.Subject;
import org.apache.karaf.jaas.boot.principal.ClientPrincipal;

/**
 * Where a login comes from. Karaf's SSH server, JMX connector and the console put a {@link ClientPrincipal} (method
 * and client address) into the subject before they log in; the broker does not, so its logins are recognised by the
 * code that asks for them (the login runs on the broker's own call stack).
 *
 * @param channel {@code ssh}, {@code jmx}, {@code console}, {@code broker}, {@code services} or {@code other}
 * @param address the client's IP address or host name without the port, or null when the channel does not tell
 */
record LoginChannel(String channel, String address) {

    private static final List<String[]> CALLERS = List.of(
            new String[] {"org.apache.activemq.", "broker"},
            new String[] {"io.hawt.", "console"},
            new String[] {"org.apache.sshd.", "ssh"},
            new String[] {"org.apache.karaf.management.", "jmx"},
            new String[] {"dev.conflux.serviceplane.", "services"});

    static LoginChannel of(Subject subject) {
        if (subject != null) {
            for (Principal p : subject.getPrincipals()) {
                if (p instanceof ClientPrincipal client) {
                    return new LoginChannel(method(client.getMethod()), address(client.getAddress()));
                }
            }
        }
        return new LoginChannel(fromCallStack(), null);
    }

    private static String method(String method) {
        if (method == null || method.isBlank()) {
            return "other";
        }
        return method.equalsIgnoreCase("hawtio") ? "console" : method.toLowerCase();
    }

    private static String fromCallStack() {
        Optional<String> found = StackWalker.getInstance().walk(frames -> frames.map(StackWalker.StackFrame::getClassName)
                .map(LoginChannel::callerOf).filter(c -> c != null).findFirst());
        return found.orElse("other");
    }

    private static String callerOf(String className) {
        for (String[] c : CALLERS) {
            if (className.startsWith(c[0])) {
                return c[1];
            }
        }
        return null;
    }

    /** {@code /127.0.0.1:40022}, {@code 127.0.0.1:40022}, {@code [::1]:40022}, {@code ::1} → the address alone. */
    static String address(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        String a = raw.strip();
        int slash = a.lastIndexOf('/');
        if (slash >= 0) {
            a = a.substring(slash + 1);
        }
        if (a.startsWith("[")) {
            int end = a.indexOf(']');
            return end > 0 ? a.substring(1, end) : a;
        }
        int colon = a.indexOf(':');
        if (colon >= 0 && colon == a.lastIndexOf(':')) {
            a = a.substring(0, colon); // host:port; more than one colon is a bare IPv6 address
        }
        return a.isEmpty() ? null : a;
    }
}
