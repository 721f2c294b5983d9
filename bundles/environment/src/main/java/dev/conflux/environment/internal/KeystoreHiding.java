package dev.conflux.environment.internal;

import java.util.Collection;
import java.util.Map;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceEvent;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.hooks.service.EventListenerHook;
import org.osgi.framework.hooks.service.FindHook;
import org.osgi.framework.hooks.service.ListenerHook.ListenerInfo;

/**
 * Keeps the JMX keystore service out of sight of Karaf's management bundle, which still gets the keystore through
 * Karaf's KeystoreManager (the JAAS config bundle sees the service as before).
 *
 * <p>Why: with {@code secured = true}, Karaf 4.4.10's management activator starts the RMI connector and then opens a
 * tracker on every KeystoreInstance service whose {@code addingService} initialises the connector factory a second
 * time. That second init puts a new, never started connector into the factory and fails ("Can't re-init
 * JMXConnectorServer with SSL enabled when register a keystore"), leaving the first, running connector orphaned: it
 * keeps the connector port. At the next reconfiguration of the activator (an update of
 * org.apache.karaf.management, a KeystoreManager or ConfigurationAdmin service event, a bundle restart) Karaf stops
 * only the unstarted one, replaces the RMI registry and cannot export the new connector on the port the orphan still
 * holds: nothing is bound as {@code karaf-<name>} any more, clients get NameNotFoundException while the orphan keeps
 * answering TLS handshakes. Hidden from the tracker, the keystore never causes that second init; the connector the
 * activator starts is the one it stops.
 */
final class KeystoreHiding implements FindHook, EventListenerHook {

    static final String MANAGEMENT_BUNDLE = "org.apache.karaf.management.server";
    /** The service property that marks a service to hide (the JMX keystore's registration carries it). */
    static final String MARKER = "conflux.hiddenFromManagement";

    @Override
    public void find(BundleContext context, String name, String filter, boolean allServices,
            Collection<ServiceReference<?>> references) {
        if (isManagement(context)) {
            references.removeIf(KeystoreHiding::marked);
        }
    }

    @Override
    public void event(ServiceEvent event, Map<BundleContext, Collection<ListenerInfo>> listeners) {
        if (marked(event.getServiceReference())) {
            listeners.keySet().removeIf(KeystoreHiding::isManagement);
        }
    }

    static boolean marked(ServiceReference<?> reference) {
        return Boolean.TRUE.equals(reference.getProperty(MARKER));
    }

    static boolean isManagement(BundleContext context) {
        try {
            return MANAGEMENT_BUNDLE.equals(context.getBundle().getSymbolicName());
        } catch (IllegalStateException e) {
            return false; // a context of a stopped bundle
        }
    }
}
