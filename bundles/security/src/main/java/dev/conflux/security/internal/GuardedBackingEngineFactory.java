package dev.conflux.security.internal;

import java.util.Map;
import org.apache.karaf.jaas.modules.BackingEngine;
import org.apache.karaf.jaas.modules.BackingEngineFactory;
import org.apache.karaf.jaas.modules.properties.PropertiesBackingEngineFactory;
import org.osgi.service.component.annotations.Component;

/**
 * User management ({@code jaas:realm-manage}, {@code jaas:user-add}, ...) for the realm's guarded password module:
 * the users are Karaf's properties users, so Karaf's own properties backing engine manages them (and stores new
 * passwords through the realm's {@code pbkdf2} encryption).
 */
@Component(service = BackingEngineFactory.class)
public class GuardedBackingEngineFactory implements BackingEngineFactory {

    private final PropertiesBackingEngineFactory properties = new PropertiesBackingEngineFactory();

    @Override
    public String getModuleClass() {
        return GuardedLoginModule.class.getName();
    }

    @Override
    public BackingEngine build(Map<String, ?> options) {
        return properties.build(options);
    }
}
