package dev.conflux.environment;

import java.util.Arrays;
import javax.management.DynamicMBean;
import javax.management.NotCompliantMBeanException;
import javax.management.StandardMBean;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The environment this distribution was built for, from {@code etc/conflux.environment.cfg} (written by the
 * build from the definition in {@code assembly/<environment>/}). Shown by {@code conflux:env} and, as the
 * {@code conflux:type=environment} MBean, in the console.
 */
@Component(service = {DynamicMBean.class, Environment.class}, configurationPid = "conflux.environment",
        configurationPolicy = ConfigurationPolicy.OPTIONAL, property = "jmx.objectname=conflux:type=environment")
@Designate(ocd = Environment.Config.class)
public class Environment extends StandardMBean implements EnvironmentMBean {

    @ObjectClassDefinition(name = "Conflux environment", description = "Written by the build; do not edit")
    public @interface Config {
        @AttributeDefinition(description = "Environment name")
        String name() default "unknown";

        @AttributeDefinition(description = "What the environment is for")
        String description() default "";

        @AttributeDefinition(description = "Revision of the definition")
        String revision() default "unknown";

        @AttributeDefinition(description = "Build time")
        String built() default "";

        @AttributeDefinition(description = "Boot features, comma-separated")
        String features() default "";
    }

    private volatile Config config;

    public Environment() throws NotCompliantMBeanException {
        super(EnvironmentMBean.class);
    }

    @Activate
    @Modified
    void configure(Config config) {
        this.config = config;
    }

    @Override
    public String getName() {
        return config.name();
    }

    @Override
    public String getDescription() {
        return config.description();
    }

    @Override
    public String getRevision() {
        return config.revision();
    }

    @Override
    public String getBuilt() {
        return config.built();
    }

    @Override
    public String[] getFeatures() {
        return Arrays.stream(config.features().split("[,\\s]+")).filter(f -> !f.isBlank()).toArray(String[]::new);
    }
}
