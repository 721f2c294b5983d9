package dev.conflux.itests;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * CPU and memory of a process as Linux reports them in {@code /proc/PID/stat} (user and system time, in clock
 * ticks) and {@code /proc/PID/status} (VmRSS).
 */
final class ProcessStats {

    /** Linux's USER_HZ, the unit of /proc/PID/stat's times, on every architecture Conflux runs on. */
    private static final double TICKS_PER_SECOND = 100;

    private record Sample(long nanos, long ticks) {
    }

    private final long pid;
    private final Deque<Sample> samples = new ArrayDeque<>();

    ProcessStats(long pid) {
        this.pid = pid;
    }

    /** Resident memory in bytes. */
    long rssBytes() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        }
        throw new IOException("no VmRSS for process " + pid);
    }

    /** CPU time used so far (user + system), in clock ticks. */
    long cpuTicks() throws IOException {
        String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
        // after "pid (name) ", the fields from the third on; utime and stime are the 14th and 15th
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    /**
     * Takes a sample and answers the share of one core the process used over the last {@code windowSeconds}
     * (as a fraction, 1.0 = a whole core), or -1 while the samples do not yet span that window. Call it
     * repeatedly, e.g. from {@link Await#until}.
     */
    double coreShareOver(double windowSeconds) throws IOException {
        Sample now = new Sample(System.nanoTime(), cpuTicks());
        samples.addLast(now);
        Sample start = null;
        for (Sample s : samples) {
            if ((now.nanos() - s.nanos()) / 1e9 >= windowSeconds) {
                start = s;
            }
        }
        if (start == null) {
            return -1;
        }
        while (samples.peekFirst() != start) {
            samples.removeFirst();
        }
        return (now.ticks() - start.ticks()) / TICKS_PER_SECOND / ((now.nanos() - start.nanos()) / 1e9);
    }

    /** Forgets earlier samples (e.g. before a burst that should not count). */
    void reset() {
        samples.clear();
    }
}
