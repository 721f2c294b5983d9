package dev.conflux.environment.internal;

import static org.junit.Assert.assertEquals;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceEvent;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.hooks.service.ListenerHook.ListenerInfo;

public class KeystoreHidingTest {

    final KeystoreHiding hiding = new KeystoreHiding();
    final BundleContext management = context(KeystoreHiding.MANAGEMENT_BUNDLE);
    final BundleContext jaas = context("org.apache.karaf.jaas.config");
    final ServiceReference<?> keystore = reference(true);
    final ServiceReference<?> other = reference(false);

    @Test
    public void theManagementBundleDoesNotFindTheMarkedKeystore() {
        List<ServiceReference<?>> found = new ArrayList<>(List.of(keystore, other));
        hiding.find(management, "org.apache.karaf.jaas.config.KeystoreInstance", null, false, found);
        assertEquals(List.of(other), found);
    }

    @Test
    public void everyOtherBundleStillFindsIt() {
        List<ServiceReference<?>> found = new ArrayList<>(List.of(keystore, other));
        hiding.find(jaas, "org.apache.karaf.jaas.config.KeystoreInstance", null, false, found);
        assertEquals(List.of(keystore, other), found);
    }

    @Test
    public void theManagementBundleHearsNothingOfTheMarkedKeystore() {
        Map<BundleContext, Collection<ListenerInfo>> listeners = listeners();
        hiding.event(new ServiceEvent(ServiceEvent.REGISTERED, keystore), listeners);
        assertEquals(List.of(jaas), List.copyOf(listeners.keySet()));
    }

    @Test
    public void eventsOfOtherServicesReachTheManagementBundle() {
        Map<BundleContext, Collection<ListenerInfo>> listeners = listeners();
        hiding.event(new ServiceEvent(ServiceEvent.REGISTERED, other), listeners);
        assertEquals(2, listeners.size());
    }

    Map<BundleContext, Collection<ListenerInfo>> listeners() {
        Map<BundleContext, Collection<ListenerInfo>> listeners = new HashMap<>();
        listeners.put(management, new ArrayList<>());
        listeners.put(jaas, new ArrayList<>());
        return listeners;
    }

    static BundleContext context(String symbolicName) {
        Bundle bundle = (Bundle) Proxy.newProxyInstance(KeystoreHidingTest.class.getClassLoader(),
                new Class<?>[] {Bundle.class}, (p, m, a) -> switch (m.getName()) {
                    case "getSymbolicName" -> symbolicName;
                    case "hashCode" -> System.identityHashCode(p);
                    case "equals" -> p == a[0];
                    default -> null;
                });
        return (BundleContext) Proxy.newProxyInstance(KeystoreHidingTest.class.getClassLoader(),
                new Class<?>[] {BundleContext.class}, (p, m, a) -> switch (m.getName()) {
                    case "getBundle" -> bundle;
                    case "hashCode" -> System.identityHashCode(p);
                    case "equals" -> p == a[0];
                    case "toString" -> symbolicName;
                    default -> null;
                });
    }

    static ServiceReference<?> reference(boolean marked) {
        return (ServiceReference<?>) Proxy.newProxyInstance(KeystoreHidingTest.class.getClassLoader(),
                new Class<?>[] {ServiceReference.class}, (p, m, a) -> switch (m.getName()) {
                    case "getProperty" -> marked && KeystoreHiding.MARKER.equals(a[0]) ? Boolean.TRUE : null;
                    case "hashCode" -> System.identityHashCode(p);
                    case "equals" -> p == a[0];
                    case "toString" -> marked ? "keystore" : "other";
                    default -> null;
                });
    }
}
