package dev.conflux.itests;

import java.nio.file.Path;
import java.util.Set;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.security.CheckType;
import org.apache.activemq.artemis.core.security.Role;
import org.apache.activemq.artemis.core.server.ActiveMQServer;
import org.apache.activemq.artemis.core.server.impl.ActiveMQServerImpl;
import org.apache.activemq.artemis.spi.core.security.ActiveMQSecurityManager;

/**
 * A second Apache Artemis broker in the test's JVM: core and AMQP 1.0 on one free loopback port, not persistent,
 * one user. Can be stopped and started again on the same port.
 */
final class SecondBroker implements AutoCloseable {

    final int port;
    private final Path dir;
    private final String user;
    private final String password;
    private ActiveMQServer server;

    SecondBroker(Path dir, String user, String password) throws Exception {
        this.dir = dir;
        this.user = user;
        this.password = password;
        this.port = ConfluxDistribution.freePort();
        start();
    }

    void start() throws Exception {
        ConfigurationImpl config = new ConfigurationImpl();
        config.setPersistenceEnabled(false);
        config.setSecurityEnabled(true);
        config.setJMXManagementEnabled(false);
        config.setBrokerInstance(dir.toFile());
        config.addAcceptorConfiguration("all", "tcp://127.0.0.1:" + port + "?protocols=CORE,AMQP");
        server = new ActiveMQServerImpl(config, new ActiveMQSecurityManager() {
            @Override
            public boolean validateUser(String u, String p) {
                return user.equals(u) && password.equals(p);
            }

            @Override
            public boolean validateUserAndRole(String u, String p, Set<Role> roles, CheckType checkType) {
                return validateUser(u, p);
            }
        });
        server.start();
    }

    void stop() throws Exception {
        server.stop();
    }

    @Override
    public void close() throws Exception {
        stop();
    }
}
