package dev.conflux.security.internal;

import dev.conflux.audit.api.AuditEntry;
import dev.conflux.audit.api.AuditLog;
import dev.conflux.audit.api.Caller;
import dev.conflux.security.api.LoginGuard;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.karaf.jaas.modules.Encryption;
import org.apache.karaf.jaas.modules.EncryptionService;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Login security of the container, in one place because both halves share the memory of verified passwords:
 * <ul>
 * <li>the {@link LoginGuard} every login front end asks (the realm's {@link GuardedLoginModule}, the service plane's
 * API keys): failures counted, lockouts applied, logged to {@code security.log} (logger {@code audit}) and audited;</li>
 * <li>the realm's password check, as the Karaf {@link EncryptionService} named {@code pbkdf2}
 * ({@code encryption.name} in {@code etc/org.apache.karaf.jaas.cfg}): PBKDF2-HMAC-SHA-512, see {@link Passwords}.</li>
 * </ul>
 * Settings: {@code etc/conflux.security.cfg} (see {@link SecuritySettings}).
 */
@Component(service = {LoginGuard.class, EncryptionService.class}, property = "name=pbkdf2",
        configurationPid = "conflux.security", configurationPolicy = ConfigurationPolicy.OPTIONAL, immediate = true)
public class LoginSecurityService implements LoginGuard, EncryptionService {

    private static final Logger SECURITY = LoggerFactory.getLogger("audit");
    private static final Logger LOG = LoggerFactory.getLogger(LoginSecurityService.class);
    private static final Duration SUCCESS_LOG_INTERVAL = Duration.ofMinutes(1);

    private final Clock clock;
    private final Lockouts lockouts;
    private final VerifiedPasswords verified;
    private final Map<String, Instant> successLogged = new HashMap<>();

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    volatile AuditLog audit;

    public LoginSecurityService() {
        this(Clock.systemUTC());
    }

    LoginSecurityService(Clock clock) {
        this.clock = clock;
        this.lockouts = new Lockouts(clock, SecuritySettings.DEFAULTS.policy());
        this.verified = new VerifiedPasswords(clock, SecuritySettings.DEFAULTS.passwordCache());
    }

    @Activate
    @Modified
    void configure(Map<String, ?> config) {
        try {
            apply(SecuritySettings.parse(config));
        } catch (IllegalArgumentException e) {
            LOG.error("{}; the lockout settings stay as they were: {}", e.getMessage(), describe(lockouts.policy()));
            SECURITY.error("SETTINGS REFUSED {}", e.getMessage());
        }
    }

    void apply(SecuritySettings settings) {
        lockouts.policy(settings.policy());
        verified.ttl(settings.passwordCache());
        LOG.info("Login lockout: {}; verified passwords remembered for {} s", describe(settings.policy()),
                settings.passwordCache().toSeconds());
    }

    // ---- LoginGuard ------------------------------------------------------------------------------------------

    @Override
    public Instant lockedUntil(String account, String clientAddress) {
        return lockouts.lockedUntil(account, clientAddress);
    }

    @Override
    public void failed(String account, String clientAddress, String channel) {
        SECURITY.warn("LOGIN FAILED user={} channel={} from={}", safe(account), safe(channel), safe(clientAddress));
        Lockouts.Outcome outcome = lockouts.failed(account, clientAddress);
        for (Lockout lock : new Lockout[] {outcome.account(), outcome.address()}) {
            if (lock != null) {
                locked(lock, lock == outcome.account() ? "account" : "address", account, clientAddress, channel);
            }
        }
    }

    /** A login refused because of a lock: logged, not counted (the password was not checked). */
    void refused(String account, String clientAddress, String channel, Instant until) {
        SECURITY.warn("LOGIN REFUSED user={} channel={} from={} locked until {}", safe(account), safe(channel),
                safe(clientAddress), until);
    }

    @Override
    public void succeeded(String account, String clientAddress, String channel) {
        lockouts.succeeded(account);
        String key = account + "|" + channel + "|" + clientAddress;
        Instant now = clock.instant();
        synchronized (successLogged) {
            Instant last = successLogged.get(key);
            if (last != null && last.plus(SUCCESS_LOG_INTERVAL).isAfter(now)) {
                return; // Basic credentials on every request: one line a minute is enough
            }
            if (successLogged.size() > 1000) {
                successLogged.clear();
            }
            successLogged.put(key, now);
        }
        SECURITY.info("LOGIN OK user={} channel={} from={}", safe(account), safe(channel), safe(clientAddress));
    }

    @Override
    public boolean unlock(String account) {
        boolean was = lockouts.unlock(account);
        Caller by = Caller.current();
        SECURITY.warn("UNLOCK {} by {} ({})", safe(account), safe(by.user()), was ? "was locked" : "was not locked");
        AuditLog log = audit;
        if (log != null && was) {
            log.record(by, "login.unlock", account, List.of(), AuditEntry.OK, "lock lifted");
        }
        return was;
    }

    @Override
    public List<Lockout> lockouts() {
        return lockouts.current();
    }

    private void locked(Lockout lock, String kind, String account, String address, String channel) {
        verified.forgetAll();
        String detail = kind + " locked until " + lock.until() + " after " + lock.failures() + " failed logins (last: user "
                + safe(account) + " over " + safe(channel) + " from " + safe(address) + ")";
        SECURITY.warn("LOCKOUT {} '{}': {}", kind, safe(lock.subject()), detail);
        AuditLog log = audit;
        if (log != null) {
            try {
                log.record(new Caller(account, address), "login.lockout", lock.subject(), List.of(), AuditEntry.OK, detail);
            } catch (RuntimeException e) {
                LOG.warn("Could not audit the lockout of {}: {}", safe(lock.subject()), e.toString());
            }
        }
    }

    // ---- EncryptionService -----------------------------------------------------------------------------------

    @Override
    public Encryption createEncryption(Map<String, String> params) {
        return new Encryption() {
            @Override
            public String encryptPassword(String password) {
                return Passwords.encode(password);
            }

            @Override
            public boolean checkPassword(String provided, String stored) {
                if (provided == null || stored == null) {
                    return false;
                }
                if (verified.known(stored, provided)) {
                    return true;
                }
                boolean ok = Passwords.matches(provided, stored);
                if (ok) {
                    verified.remember(stored, provided);
                }
                return ok;
            }
        };
    }

    int rememberedPasswords() {
        return verified.size();
    }

    /** A user-supplied name in a log line: no line breaks or control characters, bounded. */
    static String safe(String s) {
        if (s == null) {
            return "-";
        }
        String clean = s.replaceAll("\\p{Cntrl}", "?");
        return clean.length() > 100 ? clean.substring(0, 100) + "..." : clean;
    }

    private static String describe(Lockouts.Policy p) {
        return "lock an account after " + p.accountFailures() + " and an address after " + p.addressFailures()
                + " failed logins within " + p.window().toMinutes() + " min, for " + p.lockDuration().toMinutes() + " min";
    }
}
