package dev.conflux.trust.internal;

import dev.conflux.connector.api.ConnectorService;
import dev.conflux.security.api.LoginGuard;
import dev.conflux.serviceplane.api.EndpointAccess;
import dev.conflux.trust.api.TrustInventory;
import dev.conflux.trust.api.TrustReport;
import dev.conflux.trust.api.TrustReport.ApiKey;
import dev.conflux.trust.api.TrustReport.Certificate;
import dev.conflux.trust.api.TrustReport.Endpoint;
import dev.conflux.trust.api.TrustReport.Lockout;
import dev.conflux.trust.api.TrustReport.Secret;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The trust inventory over its sources. The service plane's endpoint access, the connectors and the login guard are
 * optional: each is asked for when a report is made, and a missing or failing one leaves its section empty with a
 * note, never the whole report.
 */
public final class Inventory implements TrustInventory {

    private final Settings settings;
    private final Acceptors acceptors;
    private final Supplier<EndpointAccess> endpointAccess;
    private final Supplier<ConnectorService> connectors;
    private final Supplier<LoginGuard> loginGuard;
    private final Clock clock;

    public Inventory(Settings settings, Acceptors acceptors, Supplier<EndpointAccess> endpointAccess,
            Supplier<ConnectorService> connectors, Supplier<LoginGuard> loginGuard, Clock clock) {
        this.settings = settings;
        this.acceptors = acceptors;
        this.endpointAccess = endpointAccess;
        this.connectors = connectors;
        this.loginGuard = loginGuard;
        this.clock = clock;
    }

    @Override
    public TrustReport report() {
        List<String> notes = new ArrayList<>();
        ListenerScan.Result scan = ListenerScan.scan(settings, acceptors, notes);
        List<Certificate> certificates = new CertificateReader(clock).read(scan.stores());
        certificates.stream().filter(c -> c.problem() != null)
                .forEach(c -> notes.add("certificates: " + c.store() + " " + c.problem()));
        EndpointAccess access = endpointAccess.get();
        List<Endpoint> endpoints = section("service endpoints", access, notes, a -> a.policies().stream()
                .map(p -> new Endpoint(p.endpoint(), p.policy(), p.source(), p.rateLimit())).toList());
        List<ApiKey> apiKeys = section("API keys", access, notes, a -> a.apiKeys().stream()
                .map(k -> new ApiKey(k.id(), k.consumer(), k.created(), k.expires(), k.lastUsed(), k.revoked()))
                .sorted(Comparator.comparing(ApiKey::consumer).thenComparing(ApiKey::id)).toList());
        List<Secret> secrets = section("connector secrets", connectors.get(), notes, c -> c.secrets().stream()
                .map(s -> new Secret(s.instance(), s.type(), s.key(), s.encrypted(), s.source())).toList());
        List<Lockout> lockouts = section("lockouts", loginGuard.get(), notes, g -> g.lockouts().stream()
                .map(l -> new Lockout(l.subject(), l.failures(), l.since(), l.until())).toList());
        return new TrustReport(clock.instant(), scan.listeners(), endpoints, certificates, apiKeys, secrets, lockouts,
                notes);
    }

    private static <S, T> List<T> section(String what, S source, List<String> notes, Function<S, List<T>> read) {
        if (source == null) {
            notes.add(what + ": not available (the service that keeps them is not running)");
            return List.of();
        }
        try {
            return read.apply(source);
        } catch (RuntimeException e) {
            notes.add(what + ": cannot be read: " + e.getMessage());
            return List.of();
        }
    }
}
