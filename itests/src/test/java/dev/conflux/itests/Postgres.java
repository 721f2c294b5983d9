package dev.conflux.itests;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real PostgreSQL server of its own, from Debian's postgresql package (.ci/run installs it): initdb into a
 * temporary directory, listening only on 127.0.0.1 at a free port, password (SCRAM) login for one user. When
 * the tests run as root, the server runs as the postgres user, as PostgreSQL requires.
 */
final class Postgres implements AutoCloseable {

    final int port;
    final String user;
    private final Path bin;
    private final Path dir;
    private final boolean root = "root".equals(System.getProperty("user.name"));

    Postgres(int port, String user, String password) throws Exception {
        this.port = port;
        this.user = user;
        this.bin = binaries();
        this.dir = Files.createTempDirectory("conflux-postgres-");
        Path pwfile = dir.resolve("pwfile");
        Files.writeString(pwfile, password + "\n", StandardCharsets.UTF_8);
        if (root) {
            chownToPostgres(dir);
        }
        run(bin.resolve("initdb").toString(), "-D", dir.resolve("data").toString(), "-U", user,
                "--pwfile=" + pwfile, "-A", "scram-sha-256", "--no-sync", "-E", "UTF8");
        Files.delete(pwfile);
        start();
    }

    String url() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
    }

    void start() throws Exception {
        run(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-l", dir.resolve("log").toString(),
                "-w", "-t", "60", "-o", "-p " + port + " -c listen_addresses=127.0.0.1 -c unix_socket_directories="
                        + dir + " -c fsync=off", "start");
    }

    void stop() throws Exception {
        run(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-m", "fast", "-w", "stop");
    }

    @Override
    public void close() throws Exception {
        try {
            stop();
        } catch (Exception | AssertionError alreadyStopped) {
            // nothing to stop
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private void run(String... command) throws Exception {
        List<String> line = new ArrayList<>();
        if (root) {
            line.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        line.addAll(List.of(command));
        Process process = new ProcessBuilder(line).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new AssertionError(String.join(" ", line) + " failed:\n" + output);
        }
    }

    private static Path binaries() throws IOException {
        Path base = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(base)) {
            try (Stream<Path> versions = Files.list(base)) {
                Path newest = versions.map(v -> v.resolve("bin")).filter(b -> Files.isExecutable(b.resolve("initdb")))
                        .max(Comparator.comparing(b -> Integer.parseInt(b.getParent().getFileName().toString())))
                        .orElse(null);
                if (newest != null) {
                    return newest;
                }
            }
        }
        throw new AssertionError("PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb): the sql connector"
                + " is tested against a real server; apt-get install postgresql (.ci/run does)");
    }

    private static void chownToPostgres(Path dir) throws IOException {
        UserPrincipalLookupService users = FileSystems.getDefault().getUserPrincipalLookupService();
        UserPrincipal postgres = users.lookupPrincipalByName("postgres");
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.toList()) {
                Files.setOwner(p, postgres);
            }
        }
    }
}
