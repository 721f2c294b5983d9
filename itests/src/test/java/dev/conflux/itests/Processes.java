package dev.conflux.itests;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs a command the tests need (tar, keytool, the launcher, npm, node) with a deadline. */
final class Processes {

    record Result(int exit, String output) {
    }

    private Processes() {
    }

    /**
     * Runs {@code command} in {@code dir} with the test's environment minus any {@code CONFLUX_*} variable, plus
     * {@code environment}. Output (stdout and stderr) goes to a file, so that a background child keeping it open
     * cannot block the test; a command still running at the deadline is killed and fails the test.
     */
    static Result run(Path dir, List<String> command, Map<String, String> environment, Duration timeout)
            throws Exception {
        File output = File.createTempFile("process", ".out");
        try {
            ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(output);
            pb.environment().keySet().removeIf(k -> k.startsWith("CONFLUX_"));
            pb.environment().putAll(environment);
            Process p = pb.start();
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new AssertionError(command + " did not end within " + timeout + "; it said:\n"
                        + Files.readString(output.toPath(), StandardCharsets.UTF_8));
            }
            return new Result(p.exitValue(), Files.readString(output.toPath(), StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(output.toPath());
        }
    }
}
