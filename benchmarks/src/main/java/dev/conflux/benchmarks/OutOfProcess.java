package dev.conflux.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A JVM of its own running one of this module's classes (a baseline or a load generator), so that its CPU is
 * counted apart from the benchmark's: a baseline's CPU from its own /proc entry, the same way as the container's.
 */
final class OutOfProcess implements AutoCloseable {

    final Process process;

    private OutOfProcess(Process process) {
        this.process = process;
    }

    /** Starts {@code mainClass} with the module's runtime class path; its output goes to {@code log}. */
    static OutOfProcess start(Class<?> mainClass, Path log, List<String> jvmOptions, List<String> args)
            throws IOException {
        String classpath = System.getProperty("bench.classpath", "target/classes") + java.io.File.pathSeparator
                + Files.readString(Path.of(System.getProperty("bench.classpathFile", "target/runtime-classpath.txt"))).trim();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(classpath);
        command.add(mainClass.getName());
        command.addAll(args);
        Files.createDirectories(log.getParent());
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        return new OutOfProcess(p);
    }

    long pid() {
        return process.pid();
    }

    /** CPU time used so far, in milliseconds (user + system, from /proc). */
    long cpuMillis() throws IOException {
        return Instance.cpuMillisOf(process.pid());
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
