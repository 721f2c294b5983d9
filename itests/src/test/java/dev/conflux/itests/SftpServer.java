package dev.conflux.itests;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.List;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.file.virtualfs.VirtualFileSystemFactory;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;

/**
 * A real SFTP server of its own (Apache MINA SSHD) on a free loopback port: one user with a password, its files
 * in a local directory the test can look into, an RSA host key with a known_hosts file that trusts it. Can be
 * stopped and started again on the same port and key.
 */
final class SftpServer implements AutoCloseable {

    final int port;
    final String user;
    private final String password;
    private final Path root;
    private final Path dir;
    private final SimpleGeneratorHostKeyProvider hostKey;
    private SshServer server;

    SftpServer(Path dir, String user, String password) throws Exception {
        this.dir = Files.createDirectories(dir);
        this.root = Files.createDirectories(dir.resolve("root"));
        this.user = user;
        this.password = password;
        this.port = ConfluxDistribution.freePort();
        this.hostKey = new SimpleGeneratorHostKeyProvider(dir.resolve("hostkey.ser"));
        hostKey.setAlgorithm("RSA");
        start();
    }

    /** What the user sees as "/": a local directory. */
    Path root() {
        return root;
    }

    /** A known_hosts file holding this server's host key. */
    Path knownHosts() throws Exception {
        return knownHostsFile(dir.resolve("known_hosts"), hostKey);
    }

    /** A known_hosts file that names this server with another key: a server whose key changed. */
    Path knownHostsWithAnotherKey() throws Exception {
        SimpleGeneratorHostKeyProvider other = new SimpleGeneratorHostKeyProvider(dir.resolve("other-hostkey.ser"));
        other.setAlgorithm("RSA");
        return knownHostsFile(dir.resolve("known_hosts_other"), other);
    }

    private Path knownHostsFile(Path file, SimpleGeneratorHostKeyProvider key) throws Exception {
        KeyPair pair = key.loadKeys(null).iterator().next();
        return Files.writeString(file, "[127.0.0.1]:" + port + " " + PublicKeyEntry.toString(pair.getPublic()) + "\n");
    }

    void start() throws IOException {
        server = SshServer.setUpDefaultServer();
        server.setHost("127.0.0.1");
        server.setPort(port);
        server.setKeyPairProvider(hostKey);
        server.setPasswordAuthenticator((u, p, session) -> user.equals(u) && password.equals(p));
        server.setSubsystemFactories(List.of(new SftpSubsystemFactory()));
        server.setFileSystemFactory(new VirtualFileSystemFactory(root));
        server.start();
    }

    void stop() throws IOException {
        server.stop(true);
    }

    @Override
    public void close() throws IOException {
        stop();
    }
}
