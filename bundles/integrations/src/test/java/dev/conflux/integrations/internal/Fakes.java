package dev.conflux.integrations.internal;

import dev.conflux.audit.api.AuditEntry;
import dev.conflux.audit.api.AuditLog;
import dev.conflux.audit.api.Caller;
import dev.conflux.connector.api.ConnectorInstance;
import dev.conflux.connector.api.ConnectorKey;
import dev.conflux.connector.api.ConnectorSecret;
import dev.conflux.connector.api.ConnectorService;
import dev.conflux.connector.api.ConnectorType;
import dev.conflux.runtime.api.FlowInterfaces;
import dev.conflux.runtime.api.FlowProblem;
import dev.conflux.runtime.api.FlowRevision;
import dev.conflux.runtime.api.FlowService;
import dev.conflux.runtime.api.FlowState;
import dev.conflux.runtime.api.FlowStatus;
import dev.conflux.runtime.api.FlowTrial;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Fakes of the services an integration uses: the runtime, the connector registry and the audit trail. */
final class Fakes {

    private Fakes() {
    }

    /** Validates by a marker word; a trial "sends" the sample to every jms: URI in the flow. */
    static final class Flows implements FlowService {
        final Map<String, FlowStatus> running = new ConcurrentHashMap<>();
        final List<String> actions = new ArrayList<>();

        @Override
        public List<FlowStatus> list() {
            return List.copyOf(running.values());
        }

        @Override
        public Optional<FlowStatus> status(String name) {
            return Optional.ofNullable(running.get(name));
        }

        @Override
        public FlowStatus start(String name, String actor) {
            actions.add("start " + name + " by " + actor);
            return running.get(name);
        }

        @Override
        public FlowStatus stop(String name, String actor) {
            actions.add("stop " + name + " by " + actor);
            return running.get(name);
        }

        @Override
        public FlowStatus restart(String name, String actor) {
            return running.get(name);
        }

        @Override
        public FlowStatus rollback(String name, int revision, String actor) {
            return running.get(name);
        }

        @Override
        public List<FlowRevision> history(String name) {
            return List.of();
        }

        @Override
        public List<FlowProblem> validate(Path file) {
            try {
                List<String> lines = Files.readAllLines(file);
                List<FlowProblem> problems = new ArrayList<>();
                for (int i = 0; i < lines.size(); i++) {
                    if (lines.get(i).contains("no-such-option")) {
                        problems.add(new FlowProblem(file.toString(), i + 1, 5,
                                "org.apache.camel.ResolveEndpointFailedException: unknown option no-such-option"));
                    }
                }
                return problems;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public FlowInterfaces interfacesOf(Path file) {
            return new FlowInterfaces("x", file.toString(), 0, FlowState.STOPPED, Map.of(), List.of());
        }

        @Override
        public FlowTrial trial(String name, String content, String body, Map<String, String> headers) {
            List<FlowTrial.Sent> sent = new ArrayList<>();
            content.lines().filter(l -> l.contains("jms:queue:"))
                    .forEach(l -> sent.add(new FlowTrial.Sent(l.substring(l.indexOf("jms:")).replace("\"", ""), body, headers)));
            return new FlowTrial(sent, body.contains("fail") ? "java.lang.IllegalStateException: amount missing" : null);
        }

        void run(String name, long total, long failed, Instant startedAt) {
            running.put(name, new FlowStatus(name, "file:" + name, 1, FlowState.STARTED, startedAt, total, failed, 0, 1, 1,
                    null, null));
        }
    }

    static final class Connectors implements ConnectorService {
        final List<ConnectorInstance> instances = new ArrayList<>();

        Connectors add(String name, String type, boolean published) {
            instances.add(new ConnectorInstance(name, type, ConnectorInstance.Status.UP, "", null, "", "",
                    published ? Map.of("host", "h", "published", "true", "password", "********") : Map.of("host", "h")));
            return this;
        }

        @Override
        public List<ConnectorInstance> list() {
            return List.copyOf(instances);
        }

        @Override
        public Optional<ConnectorInstance> get(String name) {
            return instances.stream().filter(c -> c.name().equals(name)).findFirst();
        }

        @Override
        public ConnectorInstance require(String name) {
            return get(name).orElseThrow();
        }

        @Override
        public ConnectorInstance check(String name) {
            return require(name);
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

        @Override
        public List<ConnectorSecret> secrets() {
            return List.of();
        }
    }

    static final class Audit implements AuditLog {
        final List<AuditEntry> entries = new ArrayList<>();

        @Override
        public AuditEntry record(Caller caller, String action, String target, List<String> items, String result,
                String detail) {
            AuditEntry e = new AuditEntry(entries.size() + 1, Instant.now(), caller.user(), caller.from(), action, target,
                    items, result, detail);
            entries.add(e);
            return e;
        }

        @Override
        public List<AuditEntry> recent(int max) {
            return List.copyOf(entries);
        }

        @Override
        public Path file() {
            return null;
        }

        @Override
        public String verify() {
            return "OK";
        }
    }
}
