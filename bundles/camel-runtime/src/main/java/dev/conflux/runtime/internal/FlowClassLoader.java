package dev.conflux.runtime.internal;

import java.io.IOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

/**
 * The class loader a flow's CamelContext uses: the flow bundle first (its classes, WSDLs, resources), then the
 * runtime (Camel, its components and their META-INF/services descriptors).
 */
final class FlowClassLoader extends ClassLoader {

    private final ClassLoader flow;

    FlowClassLoader(ClassLoader flow, ClassLoader runtime) {
        super(runtime);
        this.flow = flow;
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        try {
            return flow.loadClass(name);
        } catch (ClassNotFoundException | NoClassDefFoundError notInFlow) {
            return super.loadClass(name, resolve);
        }
    }

    @Override
    public URL getResource(String name) {
        URL url = flow.getResource(name);
        return url != null ? url : super.getResource(name);
    }

    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
        List<URL> all = new ArrayList<>(Collections.list(flow.getResources(name)));
        for (URL url : Collections.list(getParent().getResources(name))) {
            if (!all.contains(url)) {
                all.add(url);
            }
        }
        return Collections.enumeration(all);
    }
}
