package dev.conflux.connector.internal;

import dev.conflux.runtime.api.ComponentProvider;
import java.util.Hashtable;
import java.util.function.Supplier;
import org.apache.camel.Component;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;

/** Offers instances to flows as {@link ComponentProvider} services, the revision bumped on reconfiguration. */
final class ServicePublisher implements Reconciler.Publisher {
    private final BundleContext context;

    ServicePublisher(BundleContext context) {
        this.context = context;
    }

    @Override
    public Reconciler.Publication publish(String name, String type, long revision, Supplier<Component> components) {
        ServiceRegistration<ComponentProvider> registration = context.registerService(ComponentProvider.class,
                components::get, properties(name, type, revision));
        return new Reconciler.Publication() {
            @Override
            public void revise(long next) {
                registration.setProperties(properties(name, type, next));
            }

            @Override
            public void withdraw() {
                try {
                    registration.unregister();
                } catch (IllegalStateException alreadyGone) {
                    // the bundle is stopping
                }
            }
        };
    }

    private static Hashtable<String, Object> properties(String name, String type, long revision) {
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put(ComponentProvider.COMPONENT_NAME, name);
        properties.put("conflux.connector.type", type);
        properties.put("conflux.connector.revision", revision);
        return properties;
    }
}
