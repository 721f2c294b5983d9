package dev.conflux.trust.internal;

import dev.conflux.connector.api.ConnectorInstance;
import dev.conflux.connector.api.ConnectorKey;
import dev.conflux.connector.api.ConnectorSecret;
import dev.conflux.connector.api.ConnectorService;
import dev.conflux.connector.api.ConnectorType;
import dev.conflux.security.api.LoginGuard;
import dev.conflux.serviceplane.api.ApiKeyInfo;
import dev.conflux.serviceplane.api.EndpointAccess;
import dev.conflux.serviceplane.api.EndpointPolicyInfo;
import dev.conflux.serviceplane.api.IssuedApiKey;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** In-memory stand-ins for the container and the services the inventory reads. */
final class Fakes {

    private Fakes() {
    }

    static final class FakeSettings implements Settings {
        final Map<String, Map<String, String>> configs = new HashMap<>();
        final Map<String, String> properties = new HashMap<>();
        final Map<String, String> env = new HashMap<>();
        final Set<String> activeBundles = new HashSet<>();

        @Override
        public Map<String, String> config(String pid) {
            return configs.getOrDefault(pid, Map.of());
        }

        @Override
        public String property(String name) {
            return properties.get(name);
        }

        @Override
        public String env(String name) {
            return env.get(name);
        }

        @Override
        public boolean bundleActive(String symbolicName) {
            return activeBundles.contains(symbolicName);
        }
    }

    static final class FakeAcceptors implements Acceptors {
        List<Acceptor> acceptors = List.of();
        Boolean security = true;

        @Override
        public List<Acceptor> list() {
            return acceptors;
        }

        @Override
        public Boolean securityEnabled() {
            return security;
        }
    }

    static final class FakeEndpointAccess implements EndpointAccess {
        List<EndpointPolicyInfo> policies = List.of();
        List<ApiKeyInfo> keys = List.of();

        @Override
        public List<EndpointPolicyInfo> policies() {
            return policies;
        }

        @Override
        public List<ApiKeyInfo> apiKeys() {
            return keys;
        }

        @Override
        public IssuedApiKey createApiKey(String consumer, Instant expires) {
            throw new UnsupportedOperationException("the inventory never issues keys");
        }

        @Override
        public boolean revokeApiKey(String id) {
            throw new UnsupportedOperationException("the inventory never revokes keys");
        }
    }

    static final class FakeLoginGuard implements LoginGuard {
        List<Lockout> lockouts = List.of();

        @Override
        public Instant lockedUntil(String account, String clientAddress) {
            return null;
        }

        @Override
        public void failed(String account, String clientAddress, String channel) {
        }

        @Override
        public void succeeded(String account, String clientAddress, String channel) {
        }

        @Override
        public boolean unlock(String account) {
            throw new UnsupportedOperationException("the inventory never unlocks");
        }

        @Override
        public List<Lockout> lockouts() {
            return lockouts;
        }
    }

    /** Only {@link #secrets()} is what the inventory uses. */
    static final class FakeConnectors implements ConnectorService {
        List<ConnectorSecret> secrets = List.of();
        RuntimeException failure;

        @Override
        public List<ConnectorSecret> secrets() {
            if (failure != null) {
                throw failure;
            }
            return secrets;
        }

        @Override
        public List<ConnectorInstance> list() {
            return List.of();
        }

        @Override
        public Optional<ConnectorInstance> get(String name) {
            return Optional.empty();
        }

        @Override
        public ConnectorInstance require(String name) {
            throw new IllegalArgumentException(name);
        }

        @Override
        public ConnectorInstance check(String name) {
            throw new IllegalArgumentException(name);
        }

        @Override
        public List<ConnectorType> types() {
            return List.of();
        }

        @Override
        public List<ConnectorKey> keysOf(String type) {
            return List.of();
        }

        @Override
        public Path create(String type, String name, Map<String, String> values) {
            throw new UnsupportedOperationException();
        }

        @Override
        public String delete(String name) {
            throw new UnsupportedOperationException();
        }

        @Override
        public String encrypt(String clear) {
            throw new UnsupportedOperationException();
        }

        @Override
        public String decrypt(String encrypted) {
            throw new UnsupportedOperationException();
        }
    }
}
