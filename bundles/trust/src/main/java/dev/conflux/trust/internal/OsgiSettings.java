package dev.conflux.trust.internal;

import java.io.IOException;
import java.util.Collections;
import java.util.Dictionary;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * Settings from Config Admin (without creating a configuration that does not exist), the system properties and
 * the environment. A value still holding {@code ${name}} or {@code ${env:NAME:-default}} (not substituted when the
 * file was read) is resolved here the way Karaf does.
 */
final class OsgiSettings implements Settings {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{(env:)?([^}:]+)(?::-([^}]*))?}");

    private final ConfigurationAdmin configurationAdmin;
    private final BundleContext context;

    OsgiSettings(ConfigurationAdmin configurationAdmin, BundleContext context) {
        this.configurationAdmin = configurationAdmin;
        this.context = context;
    }

    @Override
    public Map<String, String> config(String pid) {
        try {
            Configuration[] found = configurationAdmin.listConfigurations("(service.pid=" + pid + ")");
            if (found == null || found.length == 0 || found[0].getProperties() == null) {
                return Map.of();
            }
            Map<String, String> values = new TreeMap<>();
            Dictionary<String, Object> properties = found[0].getProperties();
            for (String key : Collections.list(properties.keys())) {
                values.put(key, resolve(String.valueOf(properties.get(key)), this::property, this::env));
            }
            return values;
        } catch (IOException | InvalidSyntaxException e) {
            throw new IllegalStateException("cannot read configuration " + pid + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String property(String name) {
        return context.getProperty(name);
    }

    @Override
    public String env(String name) {
        return System.getenv(name);
    }

    @Override
    public boolean bundleActive(String symbolicName) {
        for (Bundle bundle : context.getBundles()) {
            if (symbolicName.equals(bundle.getSymbolicName()) && bundle.getState() == Bundle.ACTIVE) {
                return true;
            }
        }
        return false;
    }

    static String resolve(String value, UnaryOperator<String> properties, UnaryOperator<String> environment) {
        Matcher m = PLACEHOLDER.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String found = (m.group(1) != null ? environment : properties).apply(m.group(2));
            String replacement = found != null && !found.isEmpty() ? found
                    : m.group(3) != null ? m.group(3) : m.group();
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }
}
