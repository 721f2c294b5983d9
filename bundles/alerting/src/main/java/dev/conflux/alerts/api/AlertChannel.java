package dev.conflux.alerts.api;

import java.time.Instant;

/**
 * One notification channel.
 *
 * @param type        {@code email}, {@code webhook} or {@code log}
 * @param target      where it sends, without secrets: the mail connector instance and recipients, the webhook's URL
 *                    without credentials or query, or "karaf.log"
 * @param status      ACTIVE or INVALID
 * @param problem     why it is INVALID (file, key, reason); null otherwise
 * @param lastError   the last delivery failure, null if the last delivery worked or none was tried
 * @param lastSentAt  when a notification last went out through it
 */
public record AlertChannel(String name, String type, String target, Status status, String problem, String source,
        String lastError, Instant lastSentAt) {

    public enum Status { ACTIVE, INVALID }
}
