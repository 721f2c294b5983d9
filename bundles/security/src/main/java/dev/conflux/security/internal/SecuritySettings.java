package dev.conflux.security.internal;

import java.time.Duration;
import java.util.Map;

/**
 * The settings of {@code etc/conflux.security.cfg}, validated: a wrong value is refused with the key, the value and
 * what is allowed, and nothing of the file is applied.
 *
 * @param policy        the lockout policy
 * @param passwordCache how long a verified password is remembered (0: never)
 */
record SecuritySettings(Lockouts.Policy policy, Duration passwordCache) {

    static final String ACCOUNT_FAILURES = "lockout.account.failures";
    static final String ADDRESS_FAILURES = "lockout.address.failures";
    static final String WINDOW = "lockout.window.minutes";
    static final String DURATION = "lockout.duration.minutes";
    static final String CACHE = "password.cache.seconds";

    static final SecuritySettings DEFAULTS = new SecuritySettings(
            new Lockouts.Policy(5, 50, Duration.ofMinutes(15), Duration.ofMinutes(15)), Duration.ofSeconds(60));

    static SecuritySettings parse(Map<String, ?> config) {
        Lockouts.Policy d = DEFAULTS.policy();
        int account = number(config, ACCOUNT_FAILURES, d.accountFailures(), 0, 1000);
        int address = number(config, ADDRESS_FAILURES, d.addressFailures(), 0, 100_000);
        int window = number(config, WINDOW, (int) d.window().toMinutes(), 1, 7 * 24 * 60);
        int duration = number(config, DURATION, (int) d.lockDuration().toMinutes(), 1, 7 * 24 * 60);
        int cache = number(config, CACHE, (int) DEFAULTS.passwordCache().toSeconds(), 0, 3600);
        return new SecuritySettings(new Lockouts.Policy(account, address, Duration.ofMinutes(window),
                Duration.ofMinutes(duration)), Duration.ofSeconds(cache));
    }

    private static int number(Map<String, ?> config, String key, int fallback, int min, int max) {
        Object raw = config == null ? null : config.get(key);
        if (raw == null || raw.toString().isBlank()) {
            return fallback;
        }
        String text = raw.toString().strip();
        try {
            int value = Integer.parseInt(text);
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("etc/conflux.security.cfg: " + key + " = '" + text
                + "' is not a whole number from " + min + " to " + max);
    }
}
