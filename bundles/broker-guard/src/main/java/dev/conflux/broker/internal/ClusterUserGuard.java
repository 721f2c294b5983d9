package dev.conflux.broker.internal;

import java.util.Map;
import org.apache.activemq.artemis.api.core.ActiveMQException;
import org.apache.activemq.artemis.api.core.ActiveMQSecurityException;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.persistence.OperationContext;
import org.apache.activemq.artemis.core.server.plugin.ActiveMQServerSessionPlugin;
import org.apache.activemq.artemis.spi.core.protocol.RemotingConnection;
import org.apache.activemq.artemis.spi.core.protocol.SessionCallback;

/**
 * Artemis lets its cluster user (etc/artemis.xml {@code cluster-user}) in with every right, before any JAAS realm, on
 * every acceptor. Only the other broker of a pair needs it; a broker that is not part of a pair refuses every session
 * of that user, whatever its password (which is empty when the container was started without bin/conflux).
 */
final class ClusterUserGuard implements ActiveMQServerSessionPlugin {

    static final String CLUSTER_USER = "conflux-cluster";

    private final boolean pair;

    /** @param pair whether this broker is one of a cluster's pair (conflux.broker.topology = pair) */
    ClusterUserGuard(boolean pair) {
        this.pair = pair;
    }

    @Override
    public void beforeCreateSession(String name, String username, int minLargeMessageSize, RemotingConnection connection,
            boolean autoCommitSends, boolean autoCommitAcks, boolean preAcknowledge, boolean xa, String defaultAddress,
            SessionCallback callback, boolean autoCreateQueues, OperationContext context,
            Map<SimpleString, RoutingType> prefixes) throws ActiveMQException {
        if (!pair && CLUSTER_USER.equals(username)) {
            throw new ActiveMQSecurityException("the cluster user is refused: this broker is not part of a pair");
        }
    }
}
