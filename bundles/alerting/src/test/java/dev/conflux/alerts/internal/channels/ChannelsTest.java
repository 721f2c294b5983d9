package dev.conflux.alerts.internal.channels;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import dev.conflux.alerts.api.AlertChannel;
import dev.conflux.alerts.channel.Channel;
import dev.conflux.alerts.channel.Notification;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.Test;

public class ChannelsTest {

    private static final Instant NOW = Instant.parse("2026-12-02T11:00:00Z");

    /** Records mails; fails while {@link #down} is set. */
    private static final class FakeMail implements MailSender {
        final List<String> sent = new ArrayList<>();
        String down;

        @Override
        public void send(String connector, List<String> to, String from, String subject, String body) {
            if (down != null) {
                throw new IllegalStateException(down);
            }
            sent.add(connector + "|" + to + "|" + from + "|" + subject + "|" + body);
        }
    }

    private final FakeMail mail = new FakeMail();
    private final List<String> decrypted = new ArrayList<>();
    private final Channels channels = new Channels(mail, value -> {
        decrypted.add(value);
        if (value.equals("ENC(this-installation)")) {
            return "s3cret";
        }
        throw new IllegalArgumentException("the encrypted value cannot be decrypted with this installation's key");
    }, Clock.fixed(NOW, ZoneOffset.UTC));

    private static Channels.Config config(String name, Map<String, String> values) {
        return new Channels.Config(name, "etc/conflux.alert.channel-" + name + ".cfg", values);
    }

    private AlertChannel view(String name) {
        return channels.channels().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    public void theLogChannelIsAlwaysThere() throws Exception {
        assertEquals(List.of("log"), channels.channels().stream().map(AlertChannel::name).toList());
        AlertChannel log = view("log");
        assertEquals(AlertChannel.Status.ACTIVE, log.status());
        assertEquals("karaf.log", log.target());
        channels.channel("log").orElseThrow().send(Fixtures.notification(Notification.Event.FIRING));
        channels.delivered("log", null);
        assertEquals(NOW, view("log").lastSentAt());
    }

    @Test
    public void anEncryptedWebhookPasswordIsDecryptedWithTheConnectorsKeyOrTheChannelIsInvalid() {
        channels.reload(List.of(
                config("chat", Map.of("type", "webhook", "url", "https://chat.example.com/hook", "username", "u",
                        "password", "ENC(this-installation)")),
                config("itsm", Map.of("type", "webhook", "url", "https://itsm.example.com/hook", "username", "u",
                        "password", "ENC(another-installation)"))));
        assertEquals(AlertChannel.Status.ACTIVE, view("chat").status());
        assertTrue(channels.channel("chat").isPresent());
        AlertChannel itsm = view("itsm");
        assertEquals(AlertChannel.Status.INVALID, itsm.status());
        assertEquals("etc/conflux.alert.channel-itsm.cfg: key 'password': the encrypted value cannot be decrypted"
                + " with this installation's key", itsm.problem());
        assertTrue(channels.channel("itsm").isEmpty());
        assertTrue(decrypted.toString(), decrypted.contains("ENC(this-installation)"));
        assertTrue("no clear text in any view", channels.channels().stream().noneMatch(v -> v.toString().contains("s3cret")));
    }

    @Test
    public void anEmailChannelMailsThroughItsConnector() throws Exception {
        channels.reload(List.of(config("ops", Map.of("type", "email", "connector", "smtp",
                "to", "ops@example.com,oncall@example.com"))));
        channels.channel("ops").orElseThrow().send(Fixtures.notification(Notification.Event.FIRING));

        assertEquals(1, mail.sent.size());
        String[] parts = mail.sent.get(0).split("\\|");
        assertEquals("smtp", parts[0]);
        assertEquals("[ops@example.com, oncall@example.com]", parts[1]);
        assertEquals("null", parts[2]);
        assertEquals("[Conflux dev] FIRING: queue orders has 1 new dead letter", parts[3]);
        assertTrue(parts[4], parts[4].contains("Where: orders on node root (dev)"));
        assertTrue(parts[4], parts[4].contains("Link:  http://127.0.0.1:8181/hawtio/#/conflux?tab=deadletters"));
        assertEquals("mail connector smtp to ops@example.com, oncall@example.com", view("ops").target());
    }

    @Test
    public void theEngineTextIsTheBodyWithTheLinkAdded() throws Exception {
        channels.reload(List.of(config("ops", Map.of("type", "email", "connector", "smtp", "to", "a@b.org"))));
        channels.channel("ops").orElseThrow().send(Fixtures.notification(Notification.Event.FIRING,
                "Alert: queue orders has 1 new dead letter\nRunbook: restart the partner link"));
        String body = mail.sent.get(0).split("\\|")[4];
        assertEquals("Alert: queue orders has 1 new dead letter\nRunbook: restart the partner link\n"
                + "Link:  http://127.0.0.1:8181/hawtio/#/conflux?tab=deadletters\n", body);
    }

    @Test
    public void aFailureIsRecordedOnTheChannelUntilADeliveryWorks() throws Exception {
        channels.reload(List.of(config("ops", Map.of("type", "email", "connector", "smtp", "to", "a@b.org",
                "subjectPrefix", "[ESB prod]"))));
        Channel ops = channels.channel("ops").orElseThrow();
        mail.down = "no connector instance 'smtp' is running";
        try {
            ops.send(Fixtures.notification(Notification.Event.FIRING));
            fail("the failure must reach the caller");
        } catch (IllegalStateException expected) {
            channels.delivered("ops", expected.getMessage());
        }
        assertEquals("2026-12-02T11:00:00Z no connector instance 'smtp' is running", view("ops").lastError());
        assertNull(view("ops").lastSentAt());

        mail.down = null;
        ops.send(Fixtures.notification(Notification.Event.RESOLVED));
        channels.delivered("ops", null);
        assertNull(view("ops").lastError());
        assertEquals(NOW, view("ops").lastSentAt());
        assertTrue(mail.sent.get(0).contains("[ESB prod] RESOLVED: "));
        channels.delivered("nobody", "ignored");
    }

    @Test
    public void anUnchangedConfigurationKeepsItsChannelAndAChangedOneIsReplaced() {
        Map<String, String> values = Map.of("type", "webhook", "url", "https://chat.example.com/hook");
        channels.reload(List.of(config("chat", values)));
        Channel first = channels.channel("chat").orElseThrow();
        channels.reload(List.of(config("chat", values)));
        assertSame(first, channels.channel("chat").orElseThrow());
        channels.reload(List.of(config("chat", Map.of("type", "webhook", "url", "https://chat.example.com/other"))));
        assertFalse(first == channels.channel("chat").orElseThrow());
        assertEquals("https://chat.example.com/other", view("chat").target());
        channels.reload(List.of());
        assertTrue(channels.channel("chat").isEmpty());
    }

    @Test
    public void anInvalidChannelIsListedWithItsProblemAndSendsNothing() {
        channels.reload(List.of(config("chat", Map.of("type", "webhok", "url", "https://x.example.com")),
                config("log", Map.of("type", "log"))));
        assertTrue(channels.channel("chat").isEmpty());
        AlertChannel chat = view("chat");
        assertEquals(AlertChannel.Status.INVALID, chat.status());
        assertEquals("etc/conflux.alert.channel-chat.cfg", chat.source());
        assertTrue(chat.problem(), chat.problem().contains("did you mean 'webhook'?"));
        assertNull(chat.target());
        assertNotNull(channels.channel("log").orElse(null));
        assertEquals(List.of(AlertChannel.Status.ACTIVE, AlertChannel.Status.INVALID), channels.channels().stream()
                .filter(c -> c.name().equals("log")).map(AlertChannel::status).toList());
    }

    @Test
    public void namesComeFromTheFileName() {
        assertEquals("ops-team", ChannelConfigurations.nameOf("conflux.alert.channel.abc",
                Path.of("/x/etc/conflux.alert.channel-ops-team.cfg")));
        assertEquals("made", ChannelConfigurations.nameOf("conflux.alert.channel~made", null));
    }
}
