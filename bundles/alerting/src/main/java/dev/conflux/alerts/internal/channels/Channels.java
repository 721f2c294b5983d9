package dev.conflux.alerts.internal.channels;

import dev.conflux.alerts.api.AlertChannel;
import dev.conflux.alerts.channel.Channel;
import dev.conflux.alerts.internal.ChannelRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The channel table: configurations in, channels out. The built-in {@code log} channel is always there; a
 * configuration that did not change keeps its channel (and its last delivery outcome); an INVALID one is listed
 * with its problem and sends nothing. Replaced as a whole on each reload, read without locks.
 */
final class Channels implements ChannelRegistry {

    /** One configuration as read from Config Admin. */
    record Config(String name, String source, Map<String, String> values) {
    }

    private static final Logger LOGGER = LoggerFactory.getLogger(Channels.class);

    /** Usable or not, by name; and every channel, INVALID ones shadowed by a name in use included. */
    private record Table(Map<String, TrackedChannel> byName, List<TrackedChannel> all) {
    }

    private final MailSender mail;
    private final UnaryOperator<String> secrets;
    private final Clock clock;
    private volatile Table table;

    /** {@code secrets} turns an ENC(...) value into its clear text, or throws IllegalArgumentException saying why not. */
    Channels(MailSender mail, UnaryOperator<String> secrets, Clock clock) {
        this.mail = mail;
        this.secrets = secrets;
        this.clock = clock;
        TrackedChannel log = builtIn();
        this.table = new Table(Map.of(LOG, log), List.of(log));
    }

    /** Replaces the table with these configurations. */
    synchronized void reload(List<Config> configs) {
        Map<String, TrackedChannel> old = table.byName();
        Map<String, TrackedChannel> byName = new HashMap<>();
        List<TrackedChannel> all = new ArrayList<>();
        byName.put(LOG, old.get(LOG));
        all.add(old.get(LOG));
        for (Config config : configs) {
            ChannelSpec spec = readableSecret(ChannelSpec.check(config.name(), config.source(), config.values()));
            TrackedChannel taken = byName.get(spec.name());
            if (taken != null && spec.valid()) {
                spec = new ChannelSpec(spec.name(), spec.type(), spec.source(), spec.values(), spec.source()
                        + ": the channel name '" + spec.name() + "' is already used by " + taken.spec().source(),
                        List.of());
            }
            TrackedChannel previous = taken == null ? old.get(spec.name()) : null;
            TrackedChannel channel = previous != null && previous.spec().equals(spec) ? previous : build(spec);
            if (channel != previous) {
                report(spec);
            }
            byName.putIfAbsent(spec.name(), channel);
            all.add(channel);
        }
        table = new Table(Map.copyOf(byName), List.copyOf(all));
    }

    @Override
    public Optional<Channel> channel(String name) {
        return Optional.ofNullable(table.byName().get(name)).filter(TrackedChannel::usable)
                .map(Channel.class::cast);
    }

    @Override
    public void delivered(String name, String error) {
        TrackedChannel channel = table.byName().get(name);
        if (channel != null) {
            channel.delivered(error);
        }
    }

    @Override
    public List<AlertChannel> channels() {
        return table.all().stream().map(TrackedChannel::view).sorted(Comparator.comparing(AlertChannel::name)
                .thenComparing(AlertChannel::status)).toList();
    }

    private TrackedChannel build(ChannelSpec spec) {
        if (!spec.valid()) {
            return new TrackedChannel(spec, null, clock);
        }
        Channel channel = switch (spec.type()) {
            case ChannelSpec.EMAIL -> EmailChannel.of(spec, mail);
            case ChannelSpec.WEBHOOK -> WebhookChannel.of(spec, password(spec));
            default -> new LogChannel(spec.name());
        };
        return new TrackedChannel(spec, channel, clock);
    }

    /** An encrypted password this installation cannot decrypt makes the channel INVALID, saying why. */
    private ChannelSpec readableSecret(ChannelSpec spec) {
        if (spec.valid()) {
            try {
                password(spec);
            } catch (IllegalArgumentException e) {
                return new ChannelSpec(spec.name(), spec.type(), spec.source(), spec.values(), spec.source()
                        + ": key 'password': " + e.getMessage(), List.of());
            }
        }
        return spec;
    }

    private String password(ChannelSpec spec) {
        String password = spec.value("password");
        return ChannelSpec.encrypted(password) ? secrets.apply(password.trim()) : password;
    }

    private TrackedChannel builtIn() {
        return build(new ChannelSpec(LOG, ChannelSpec.LOG, "built in", Map.of(ChannelSpec.TYPE, ChannelSpec.LOG),
                null, List.of()));
    }

    private static void report(ChannelSpec spec) {
        if (!spec.valid()) {
            LOGGER.warn("Alert channel '{}' is INVALID: {}", spec.name(), spec.problem());
            return;
        }
        LOGGER.info("Alert channel '{}' ({}) ready, from {}", spec.name(), spec.type(), spec.source());
        spec.warnings().forEach(w -> LOGGER.warn("Alert channel '{}' ({}): {}", spec.name(), spec.source(), w));
    }
}
