package dev.conflux.itests;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumSet;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.channel.ClientChannel;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.client.session.ClientSession;

/** The Karaf shell over SSH, as an operator uses it (what bin/client does). */
public final class Shell implements AutoCloseable {

    private final SshClient client = SshClient.setUpDefaultClient();
    private final int port;
    private final String user;
    private final String password;

    /** The shell as the admin. */
    public Shell(int port) {
        this(port, ConfluxDistribution.ADMIN, ConfluxDistribution.PASSWORD);
    }

    /** The shell as one user, with what that user's roles allow. */
    public Shell(int port, String user, String password) {
        this.port = port;
        this.user = user;
        this.password = password;
        client.start();
    }

    /**
     * How long connecting, logging in and opening a channel may take: a login checks a PBKDF2 hash, which takes
     * seconds on a loaded 2-core machine (10 s was once too short in CI).
     */
    private static final long STEP_MILLIS = Duration.ofSeconds(60).toMillis();

    /** Runs one command line as this shell's user; returns stdout and stderr together. */
    public String run(String command) throws Exception {
        try (ClientSession session = client.connect(user, "127.0.0.1", port).verify(STEP_MILLIS).getSession()) {
            session.addPasswordIdentity(password);
            session.auth().verify(STEP_MILLIS);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (ClientChannel channel = session.createExecChannel(command)) {
                channel.setOut(out);
                channel.setErr(out);
                channel.open().verify(STEP_MILLIS);
                channel.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), Duration.ofSeconds(120).toMillis());
            }
            return out.toString(StandardCharsets.UTF_8);
        }
    }

    @Override
    public void close() throws Exception {
        client.stop();
    }
}
